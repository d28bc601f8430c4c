# Dot-stuffed lines ("." and ".." at line start, a lone "..") are relayed
# exactly as sent; only CRLF.CRLF ends the message (session.md 1.4, 2.6).
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
# the data directive doubles every leading dot, as a client must
data <<EOF
Subject: dots

.
..
...
.leading dot
..two leading dots
. a dot and a space
end .
EOF
  =~ ^250 ok
send QUIT => 221 test.example.com

backend messages 1
backend message 1 sent
backend message 1 <<EOF
Subject: dots

..
...
....
..leading dot
...two leading dots
.. a dot and a space
end .
EOF
log-count 1 ALLOWED
