# DATA without an accepted recipient is answered by spamdyke itself with
# "554 Refused. You must specify at least one valid recipient." (no policy
# URL, no decision line); it is not relayed and qmail-smtpd stays usable
# (session.md 2.6).
options policy-url=http://example.com/policy.html

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send DATA => 554 Refused. You must specify at least one valid recipient.
send NOOP => 250 ok
send QUIT => 221 test.example.com
closed

backend received <<EOF
EHLO client.example
MAIL FROM:<a@b.example>
NOOP
QUIT
EOF
log-not ALLOWED|DENIED
