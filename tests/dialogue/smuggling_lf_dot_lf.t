# SMTP smuggling (session.md 2.6 Improvement): "\n.\n" inside DATA must not
# end the message.  spamdyke cuts qmail-smtpd (nothing is delivered, the
# smuggled commands never reach it), answers 554, logs DENIED_BARE_LF for
# the recipient and closes the connection.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
sendraw Subject: smuggling\r\n\r\nbody\n.\nMAIL FROM:<evil@smuggler.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n.\r\n
expect => 554 Refused. Bare LF line endings are not allowed in message data.
closed
exit 0

logline DENIED_BARE_LF from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log-count 1 DENIED_BARE_LF
log-not ALLOWED
backend messages 0
backend lacks evil@smuggler
backend lacks smuggled
backend exited
