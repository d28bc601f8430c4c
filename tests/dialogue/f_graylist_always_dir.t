# graylist-level=always with an existing domain directory graylists.  The
# harness cannot create directories, so the backend command is a shell
# wrapper that creates $TMP/ours.example before exec'ing fakeqmail
# (graylisting happens at RCPT, after the backend started).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always graylist-dir=$TMP
command /bin/sh -c "mkdir $TMP/ours.example && exec $FAKEQMAIL"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<c@other.ours.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send QUIT => 221 test.example.com
closed

log FILTER_GRAYLISTED sender: a@b\.example recipient: c@ours\.example path: $TMP/ours\.example/c/b\.example/a$
