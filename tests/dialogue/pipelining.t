# Pipelined commands sent in one write are answered in order, each reply
# once, and reach qmail-smtpd unchanged (session.md 1.4 item 6).
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send EHLO client.example => 250
sendraw MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nRCPT TO:<x@d.example>\r\nDATA\r\n
expect => 250 ok
expect => 250 ok
expect => 250 ok
expect => 354 go ahead
sendraw Subject: pipelined\r\n\r\nbody\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n
expect => 250 ok 1700000000 qp 1234
expect => 250 flushed
expect => 250 ok
expect => 221 test.example.com
closed

log-count 2 ALLOWED
logline ALLOWED from: a@b.example to: x@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend messages 1
backend envelope 1 a@b.example c@d.example x@d.example
backend received <<EOF
EHLO client.example
MAIL FROM:<a@b.example>
RCPT TO:<c@d.example>
RCPT TO:<x@d.example>
DATA
Subject: pipelined

body
.
RSET
NOOP
QUIT
EOF
