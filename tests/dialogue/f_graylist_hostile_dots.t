# Path components that would be "." or ".." are replaced by "_" (session.md
# 9 Improvement, files.md 9.4 Improvement): recipient "..@ours.example" and
# sender "..@b.example" / ".@b.example" stay inside the tree.  The backend
# wrapper lists $TMP afterwards as "TREE <path>" lines (see
# f_graylist_hostile_rcpt.t).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP/gl
command /bin/sh -c "mkdir $TMP/gl && $FAKEQMAIL; cd $TMP && find . -mindepth 1 | sed 's/^/TREE /' >&2"

connect => 220 test.example.com ESMTP
send MAIL FROM:<..@b.example> => 250 ok
send RCPT TO:<..@ours.example> =~ ^(421 Your address has been graylisted\. Try again later\.|250 ok)$
send MAIL FROM:<.@b.example> => 250 ok
send RCPT TO:<.@ours.example> =~ ^(421 Your address has been graylisted\. Try again later\.|250 ok)$
send QUIT => 221 test.example.com
closed

log-not ^TREE \./(?!gl(/|$)|spool(/|$)|backend\.|rcpthosts$|stderr$|dns\.log$|zone$)
log-not ^TREE \./gl/(ours\.example/?)?$FOO
log-not ^TREE \./gl/[^/]+/[^/]+/[^/]+/[^/]+/
log-not ^TREE \./gl/b\.example
log-not path: .*/\.\.?(/|$)
