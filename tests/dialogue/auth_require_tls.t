# smtp-auth-require-tls (Addition): no AUTH is offered or accepted before
# TLS is active; after STARTTLS it is.
requires +TLS
setup sh $SRCDIR/tests/fixtures/tls/mkcerts.sh $TMP/tls
options smtp-auth-require-tls tls-certificate-file=$TMP/tls/both.pem "smtp-auth-command=$SRCDIR/tests/harness/checkpassword-test joe secret"
connect => 220
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250-STARTTLS
  => 250 X-NOTHING
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 538 Encryption required for requested authentication mechanism.
send STARTTLS => 220 Proceed.
starttls
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 AUTH LOGIN PLAIN
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 235 Proceed.
send QUIT => 221 test.example.com
backend no AUTH
