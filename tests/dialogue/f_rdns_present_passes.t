# reject-empty-rdns does nothing to a client with a PTR record; the name is
# lowercased and shown as origin_rdns (session.md 1.2 step 3, 2.3 row 2).
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-empty-rdns
dns 1.2.0.192.in-addr.arpa PTR Mail.Example.NET

connect => 220 test.example.com ESMTP
send HELO client.example => 250 test.example.com
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hi
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

log-not FILTER_RDNS_MISSING
logline ALLOWED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: mail.example.net auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend messages 1
