# A later session: the entry exists and is older than graylist-min-secs, so
# the pair passes (files.md 9.4 step 5).  The backend wrapper pre-creates
# the entry with an mtime one hour in the past (the harness has no
# directive to create directories or set mtimes).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always graylist-dir=$TMP graylist-min-secs=600
command /bin/sh -c "mkdir -p $TMP/ours.example/c/b.example && touch -d '1 hour ago' $TMP/ours.example/c/b.example/a && exec $FAKEQMAIL"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_GRAYLISTED
log-not DENIED_
