# 8-bit and binary-ish bytes (NUL, control characters, bytes >= 0x80, a
# lone CR inside a line) in message data are relayed unchanged.
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
data escapes <<EOF
Subject: =?utf-8?q?8bit?= \xc3\xa9t\xc3\xa9
Content-Transfer-Encoding: 8bit

UTF-8: gr\xc3\xbc\xc3\x9fe, \xe2\x82\xac, \xf0\x9f\x93\xa7
latin-1: \xe9\xe8\xe0\xff\xfe\x80\x81
controls: \x01\x02\x03\x07\x08\x0b\x0c\x1b\x7f end
NUL in the middle: a\x00b and at the end \x00
lone CR: one\rtwo
\x00
\x80\x90\xa0\xb0\xc0\xd0\xe0\xf0\xff
EOF
  =~ ^250 ok
send QUIT => 221 test.example.com

backend messages 1
backend message 1 sent
log-count 1 ALLOWED
