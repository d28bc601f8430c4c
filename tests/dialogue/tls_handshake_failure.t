# A STARTTLS handshake that fails (the client talks plaintext after
# "220 Proceed.") is logged and answered "454 Failed to negotiate TLS
# connection." in plaintext; the session goes on unencrypted (7.2 item 1).
# (Five bytes: OpenSSL reads exactly one record header and gives up.)
requires +TLS
setup sh $SRCDIR/tests/fixtures/tls/mkcerts.sh $TMP/tls
options tls-certificate-file=$TMP/tls/cert.pem tls-privatekey-file=$TMP/tls/key.pem
connect => 220
send EHLO x => 250
send STARTTLS => 220 Proceed.
sendraw NOTLS
expect => 454 Failed to negotiate TLS connection.
send QUIT => 221 test.example.com
log ERROR\(.*\): unable to start SSL/TLS connection: 
