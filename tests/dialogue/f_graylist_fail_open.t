# A graylist filesystem error never refuses (session.md 9 item 8, 2.1 rule
# 7): the only graylist-dir does not exist, mkdir fails, an ERROR is logged
# and the recipient is accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP/missing

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log ERROR\(.*unable to create directory $TMP/missing/ours\.example: No such file or directory
log-not FILTER_GRAYLISTED
log-not DENIED_
