# STARTTLS terminated by spamdyke (session.md 7.1, 7.2): with a
# certificate STARTTLS is offered in the EHLO reply even though qmail-smtpd
# has none, answered "220 Proceed.", and the rest of the session runs
# inside TLS: filters see the decrypted dialogue, the message arrives byte
# for byte, the decision line says "encryption: TLS", and EHLO after TLS
# no longer offers STARTTLS.  qmail-smtpd never sees the STARTTLS command.
requires +TLS
setup sh $SRCDIR/tests/fixtures/tls/mkcerts.sh $TMP/tls
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts tls-certificate-file=$TMP/tls/cert.pem tls-privatekey-file=$TMP/tls/key.pem recipient-blacklist-entry=bad@d.example
connect => 220
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250-STARTTLS
  => 250 X-NOTHING
send STARTTLS => 220 Proceed.
starttls
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send STARTTLS => 554 Failed to negotiate TLS connection.
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<bad@d.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: over TLS

.dot line
EOF
  =~ ^250 ok
send QUIT => 221 test.example.com
backend no STARTTLS
backend messages 1
backend message 1 sent
log ALLOWED from: a@b\.example to: c@d\.example .* encryption: TLS reason:
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: bad@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: TLS reason: bad@d.example
