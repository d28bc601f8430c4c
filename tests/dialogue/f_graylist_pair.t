# The graylist entry is per (sender, recipient) pair: another sender or
# another recipient is graylisted afresh; other recipients of the session
# are unaffected by a graylisted one.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<d@ours.example> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<c@ours.example> => 250 ok
send RSET => 250 flushed
send MAIL FROM:<z@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

log FILTER_GRAYLISTED sender: a@b\.example recipient: d@ours\.example path: $TMP/ours\.example/d/b\.example/a$
log FILTER_GRAYLISTED sender: z@b\.example recipient: c@ours\.example path: $TMP/ours\.example/c/b\.example/z$
log-count 3 DENIED_GRAYLISTED
