# Lines split across many small writes (one byte, or breaking between CR
# and LF) are reassembled: one reply per line, bytes relayed unchanged.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
sendsplit 1 EHLO client.example\r\n
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
sendsplit 2 MAIL FROM:<a@b.example>\r\n => 250 ok
sendraw RCPT TO:<c@d.example>\r
sleep 0.1
sendraw \n
expect => 250 ok
sendsplit 3 DATA\r\n => 354 go ahead
data split=1 <<EOF
Subject: split

.dot
body
EOF
  =~ ^250 ok
sendsplit 1 QUIT\r\n => 221 test.example.com

log-count 1 ALLOWED
backend message 1 sent
backend received <<EOF
EHLO client.example
MAIL FROM:<a@b.example>
RCPT TO:<c@d.example>
DATA
Subject: split

..dot
body
.
QUIT
EOF
