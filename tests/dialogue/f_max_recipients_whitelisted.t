# max-recipients is not applied to whitelisted sessions (options.md 2.8,
# session.md 2.5 item 6: only recipient validity runs).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options max-recipients=1 ip-whitelist-entry=192.0.2.1

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<r1@ours.example> => 250 ok
send RCPT TO:<r2@ours.example> => 250 ok
send RCPT TO:<r3@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_TOO_MANY
log-not DENIED_
