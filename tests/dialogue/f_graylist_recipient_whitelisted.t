# A whitelisted recipient is not graylisted (session.md 9 "never for
# whitelisted ... recipients"); another recipient is.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP recipient-whitelist-entry=vip@ours.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@ours.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

log-count 1 FILTER_GRAYLISTED
log FILTER_GRAYLISTED sender: a@b\.example recipient: c@ours\.example
