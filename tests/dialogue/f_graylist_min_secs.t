# graylist-min-secs=2: a retry before the minimum age is refused again, a
# retry after it passes (files.md 9.4 step 5).  Ages are whole seconds, so
# the script sleeps 3 s to be sure the entry is at least 2 s old.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP graylist-min-secs=2
limit 15

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
sleep 3
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-count 2 DENIED_GRAYLISTED
backend contains RCPT TO:<c@ours.example>\r\n
