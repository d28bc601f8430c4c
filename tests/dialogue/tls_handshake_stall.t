# A client that says STARTTLS and then sends nothing does not hold the
# session forever: with an idle timeout the session ends with the timeout
# reply, and without one the handshake is bounded by 30 s (Improvement,
# session.md 7.2 item 3; here the idle timeout of 1 s applies).
requires +TLS
setup sh $SRCDIR/tests/fixtures/tls/mkcerts.sh $TMP/tls
timeout 5
options idle-timeout-secs=1 tls-certificate-file=$TMP/tls/both.pem
connect => 220
send EHLO x => 250
send STARTTLS => 220 Proceed.
expect =~ ^(421 Timeout|454 Failed)
allow-unread
