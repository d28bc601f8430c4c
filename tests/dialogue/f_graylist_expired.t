# graylist-max-secs: an entry older than the maximum is refused and
# emptied (mtime restarts, files.md 9.4 step 5); with min 0 the next
# attempt passes.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always graylist-dir=$TMP graylist-max-secs=3600
command /bin/sh -c "mkdir -p $TMP/ours.example/c/b.example && echo 198.51.100.1 > $TMP/ours.example/c/b.example/a && touch -d '2 hours ago' $TMP/ours.example/c/b.example/a && exec $FAKEQMAIL"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-count 1 FILTER_GRAYLISTED
