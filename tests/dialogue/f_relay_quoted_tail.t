# Relay probe (issue 4), RELAYCLIENT unset: quotes around the tail (qmail removes them).
# The destination is not local: the reply must be spamdyke's 554 relaying
# refusal (session.md 5.3 step 4) or qmail-smtpd's own 553, never 250.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<user@ours.example"@other.example">
  =~ ^(554 Refused\. Sending to remote addresses \(relaying\) is not allowed\.|553 sorry, that domain isn't in my list of allowed rcpthosts \(#5\.7\.1\))$
send QUIT => 221 test.example.com
closed

backend env-absent RELAYCLIENT
backend messages 0
