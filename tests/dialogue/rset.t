# RSET is relayed and clears the sender and the accepted recipients: a DATA
# right after it has no recipient and is refused by spamdyke without
# reaching qmail-smtpd (session.md 2.7, 2.6); a new transaction works and
# only its recipient gets a decision line.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<first@d.example> => 250 ok
send RSET => 250 flushed
send DATA => 554 Refused. You must specify at least one valid recipient.
send MAIL FROM:<x@y.example> => 250 ok
send RCPT TO:<second@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: after RSET
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com

log-count 1 ALLOWED
logline ALLOWED from: x@y.example to: second@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not first@d\.example
backend messages 1
backend envelope 1 x@y.example second@d.example
backend received <<EOF
EHLO client.example
MAIL FROM:<a@b.example>
RCPT TO:<first@d.example>
RSET
MAIL FROM:<x@y.example>
RCPT TO:<second@d.example>
DATA
Subject: after RSET
.
QUIT
EOF
