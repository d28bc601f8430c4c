# Client EOF in the middle of a session: spamdyke closes qmail-smtpd's
# stdin and exits only after qmail-smtpd has exited (session.md 1.5).  The
# fake backend lingers 300 ms after EOF to make an early exit visible.
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
close
closed
exit 0
backend exited
backend messages 0
backend received <<EOF
EHLO client.example
MAIL FROM:<a@b.example>
RCPT TO:<c@d.example>
EOF
log-not ALLOWED|DENIED|TIMEOUT
