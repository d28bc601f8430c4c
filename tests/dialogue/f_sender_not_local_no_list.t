# reject-sender=not-local without any local-domain list: every sender
# counts as local (session.md 5.4 item 1), nothing is refused (recipients
# are accepted through RELAYCLIENT).
env RELAYCLIENT=
options qmail-rcpthosts-file=!!! reject-sender=not-local

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@elsewhere.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_NOT_LOCAL
log-not DENIED_
