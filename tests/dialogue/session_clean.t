# A clean session is relayed unchanged: backend greeting, EHLO, MAIL, RCPT,
# DATA and QUIT replies come from qmail-smtpd, the client's bytes reach it
# unchanged, and one ALLOWED decision line (session.md 4.2) is logged with
# the backend's reply as reason.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
From: a@b.example
To: c@d.example
Subject: clean session

Hello.
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
exit 0

logline ALLOWED from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-count 1 ALLOWED
log-not DENIED
backend messages 1
backend envelope 1 a@b.example c@d.example
backend message 1 sent
backend received <<EOF
EHLO client.example
MAIL FROM:<a@b.example>
RCPT TO:<c@d.example>
DATA
From: a@b.example
To: c@d.example
Subject: clean session

Hello.
.
QUIT
EOF
backend exited
