# Improvement (session.md 5.3): the unqualified recipient "postmaster" (any
# case) is accepted as RFC 5321 requires, and forwarded.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<PostMaster> => 250 ok
send QUIT => 221 test.example.com
closed

log-not DENIED_
backend contains RCPT TO:<PostMaster>\r\n
