# sender-whitelist-entry "@partner.example" (session.md 2.4 step 3,
# files.md 6: subdomains included, case-insensitive) lifts a
# connection-time rejection (RBL): MAIL is forwarded, the message is
# delivered.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts dns-blacklist-entry=rbl.test
options sender-whitelist-entry=@partner.example
dns 1.2.0.192.rbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<Ann@Lists.Partner.Example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hi
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

log FILTER_RBL_MATCH ip: 192\.0\.2\.1 rbl: rbl\.test$
log FILTER_SENDER_WHITELIST sender: ann@lists\.partner\.example entry: @partner\.example$
logline ALLOWED from: ann@lists.partner.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED_
backend messages 1
