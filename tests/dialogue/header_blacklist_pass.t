# With a header blacklist configured, a clean message is held only for its
# header section and then reaches qmail-smtpd byte for byte (bare LF in a
# header turned into CRLF), body included (session.md 2.6).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts "header-blacklist-entry=subject: *viagra*"
connect => 220
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 Proceed.
data escapes <<EOF
From: a@b.example
Subject: a perfectly
 ordinary subject\nX-Bare: lf
 
.starts with a dot
body
EOF
  =~ ^250 ok
send QUIT => 221 test.example.com
backend messages 1
backend message 1 sent
log-count 1 ALLOWED from: a@b\.example to: c@d\.example .* reason: 250_ok_
