# tls-level=smtps (session.md 7.2 item 2): TLS from the first byte; the
# greeting and the whole dialogue are encrypted, STARTTLS is neither
# offered nor accepted, and decision lines say "encryption: SSL".
requires +TLS
setup sh $SRCDIR/tests/fixtures/tls/mkcerts.sh $TMP/tls
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_EHLO_EXTRA=STARTTLS
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts tls-level=smtps tls-certificate-file=$TMP/tls/cert.pem tls-privatekey-file=$TMP/tls/key.pem
tls-connect => 220 test.example.com ESMTP
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 X-NOTHING
send STARTTLS => 554 Failed to negotiate TLS connection.
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: smtps
EOF
  =~ ^250 ok
send QUIT => 221 test.example.com
backend messages 1
backend message 1 sent
log ALLOWED from: a@b\.example to: c@d\.example .* encryption: SSL reason:
