# One message to three recipients: every RCPT is relayed, and the end of
# data writes one ALLOWED line per accepted recipient (session.md 4.2).
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
.e.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send HELO client.example => 250 test.example.com
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send RCPT TO:<Second@D.Example> => 250 ok
send RCPT TO:<third@mx.e.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: three recipients

body
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com

log-count 3 ALLOWED from:
logline ALLOWED from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
logline ALLOWED from: a@b.example to: second@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
logline ALLOWED from: a@b.example to: third@mx.e.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend messages 1
backend envelope 1 a@b.example c@d.example Second@D.Example third@mx.e.example
backend message 1 sent
