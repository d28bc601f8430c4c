# Client EOF inside DATA with an unterminated last line: the buffered
# partial line is still forwarded, nothing is delivered, and spamdyke exits
# after qmail-smtpd (session.md 1.5).
env FAKEQMAIL_EOF_DELAY_MS=300
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
sendraw Subject: cut short\r\n\r\nhalf a li
close
closed
exit 0
backend exited
backend messages 0
backend received noeol <<EOF
EHLO client.example
MAIL FROM:<a@b.example>
RCPT TO:<c@d.example>
DATA
Subject: cut short

half a li
EOF
log-not ALLOWED
