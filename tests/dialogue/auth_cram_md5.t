# AUTH CRAM-MD5 processed by spamdyke (session.md 8.1, 8.2, 8.4):
# smtp-auth-level=ondemand-encrypted adds "AUTH LOGIN PLAIN CRAM-MD5" to
# the EHLO reply; the challenge is base64 of "<random.unixtime@host>"
# with the host from the hostname option; the checkpassword command gets
# the user, the client's hex digest and the challenge on fd 3 and checks
# the HMAC-MD5.  A wrong password gives 535.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts smtp-auth-level=ondemand-encrypted hostname=mx.test.example "smtp-auth-command=$SRCDIR/tests/harness/checkpassword-test joe secret"
connect => 220
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 AUTH LOGIN PLAIN CRAM-MD5
cram-md5 joe wrong => 535 Refused. Authentication failed.
cram-md5 joe secret => 235 Proceed.
send MAIL FROM:<joe@d.example> => 250 ok
send RCPT TO:<friend@elsewhere.example> => 250 ok
send QUIT => 221 test.example.com
backend no AUTH
log-not secret
