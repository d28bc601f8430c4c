# STARTTLS command injection (session.md 7.2 item 1): plaintext that a
# client pipelines after STARTTLS is discarded, never executed as if it
# came inside TLS.
requires +TLS
setup sh $SRCDIR/tests/fixtures/tls/mkcerts.sh $TMP/tls
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts tls-certificate-file=$TMP/tls/both.pem
connect => 220
send EHLO x => 250
sendraw STARTTLS\r\nMAIL FROM:<evil@injected.example>\r\nRCPT TO:<c@d.example>\r\n => 220 Proceed.
starttls
send NOOP => 250 ok
send QUIT => 221 test.example.com
backend lacks injected.example
backend no MAIL
backend no RCPT
