# RHS whitelist on the sender domain (MAIL step 4) lifts a connection-time
# rejection (IP blacklist): MAIL is forwarded, mail is accepted.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1
options rhs-whitelist-entry=rhswl.test
dns partner.example.rhswl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@lists.partner.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hi
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

log FILTER_RHSWL_MATCH domain: partner\.example rhswl: rhswl\.test$
logline ALLOWED from: a@lists.partner.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED_
backend messages 1
