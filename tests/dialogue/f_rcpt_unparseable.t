# A recipient with an empty local part is unparseable (session.md 2.5 item
# 1): 554 "Unable to parse input...", not forwarded, no decision line.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<@ours.example> => 554 Unable to parse input. Please verify input format is correct.
send RCPT TO:<> => 554 Unable to parse input. Please verify input format is correct.
send QUIT => 221 test.example.com
closed

log unable to parse input: RCPT TO:<@ours\.example>
log-not DENIED_
backend no RCPT
