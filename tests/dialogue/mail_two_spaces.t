# "MAIL  FROM:" and "RCPT  TO:" with two spaces are classified as MAIL and
# RCPT (session.md 2.7 Improvement): the recipient is accepted and counted,
# so DATA is relayed and the ALLOWED line names sender and recipient.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220
send EHLO client.example => 250
send MAIL  FROM:<a@b.example> => 250 ok
send RCPT  TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: two spaces
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com

logline ALLOWED from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend messages 1
backend contains MAIL  FROM:<a@b.example>\r\nRCPT  TO:<c@d.example>\r\n
