# tls-level=smtps without a certificate (session.md 7.1): the connection
# is closed at once with an error; qmail-smtpd never starts.
requires +TLS
options tls-level=smtps
start
closed
log unable to start SMTPS because TLS support is not available or an SSL/TLS certificate is not available; closing connection
backend not-started
