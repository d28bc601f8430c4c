# reject-sender=not-local: a local sender domain (rcpthosts ".suffix" rule)
# and the null sender pass.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
.ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=not-local

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@mail.ours.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send RSET => 250 flushed
send MAIL FROM:<> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_NOT_LOCAL
log-not DENIED_
