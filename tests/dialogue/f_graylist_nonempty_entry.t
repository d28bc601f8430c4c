# A non-empty entry (a delivery already passed) passes regardless of
# graylist-min-secs (files.md 9.4 "size > 0").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always graylist-dir=$TMP graylist-min-secs=600
command /bin/sh -c "mkdir -p $TMP/ours.example/c/b.example && echo 198.51.100.1 > $TMP/ours.example/c/b.example/a && exec $FAKEQMAIL"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_GRAYLISTED
log-not DENIED_
