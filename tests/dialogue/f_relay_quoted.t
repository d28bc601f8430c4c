# Relay probe (issue 4), RELAYCLIENT unset: quoted local part holding an "@".
# The domain qmail-smtpd sees (after the last "@", quotes removed) is
# ours.example, so qmail delivers locally: a 250 from qmail-smtpd (which
# checks rcpthosts like qmail) is no relay; spamdyke 2.9 also sees
# ours.example and forwards.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<"user@other.example"@ours.example>
  =~ ^(250 ok|554 Refused\. Sending to remote addresses \(relaying\) is not allowed\.|553 sorry, that domain isn't in my list of allowed rcpthosts \(#5\.7\.1\))$
send QUIT => 221 test.example.com
closed

backend env-absent RELAYCLIENT
backend messages 0
