# Bare LF line ends inside message data are relayed as CRLF (session.md 1.4
# item 3), in headers and body alike; the message is delivered.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
# "escapes": \n inside a line is a bare LF; each line still ends in CRLF
data escapes <<EOF
Subject: bare LF\nX-Header: after a bare LF
\n
body line one\nbody line two\n\nafter an empty bare-LF line
last line
EOF
  =~ ^250 ok
send QUIT => 221 test.example.com

backend messages 1
backend message 1 sent
backend message 1 <<EOF
Subject: bare LF
X-Header: after a bare LF


body line one
body line two

after an empty bare-LF line
last line
EOF
log-count 1 ALLOWED
