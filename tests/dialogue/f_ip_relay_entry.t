# ip-relay-entry (session.md 5.2 item 2, 1.3 rule 1): the matching client
# may relay; RELAYCLIENT= is injected into the backend environment and a
# FILTER_RELAY_IP line is written.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-relay-entry=192.0.2.0/24
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: relayed
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

log FILTER_RELAY_IP ip: 192\.0\.2\.1 entry: 192\.0\.2\.0/24$
logline ALLOWED from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend env RELAYCLIENT=
backend messages 1
