# A hostile recipient domain "ours.example/../../.." (2.9 keeps "/" in
# domains) must not be used as a path: canon() turns "/" into "_"
# (files.md 9.1), so the "domain directory" does not exist and nothing is
# created outside the tree.  The client may relay (RELAYCLIENT) so the
# recipient reaches the graylist filter; the backend wrapper creates
# $TMP/gl/ours.example and lists $TMP afterwards as "TREE <path>" lines.
env RELAYCLIENT=
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts graylist-level=always graylist-dir=$TMP/gl
command /bin/sh -c "mkdir -p $TMP/gl/ours.example && $FAKEQMAIL; cd $TMP && find . -mindepth 1 | sed 's/^/TREE /' >&2"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@ours.example/../../..> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_GRAYLISTED
log-not ^TREE \./(?!gl(/|$)|spool(/|$)|backend\.|rcpthosts$|stderr$|dns\.log$|zone$)
log-not ^TREE \./gl/ours\.example/.
