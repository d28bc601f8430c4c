# QUIT is relayed; after qmail-smtpd's 221 and exit spamdyke closes the
# connection and exits 0 (session.md 1.5, 2.7).
connect => 220 test.example.com ESMTP
send HELO client.example => 250 test.example.com
send QUIT => 221 test.example.com
closed
exit 0
backend received <<EOF
HELO client.example
QUIT
EOF
backend exited
log-not ALLOWED|DENIED|TIMEOUT
