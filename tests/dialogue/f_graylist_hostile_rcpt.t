# A hostile recipient "../../x@ours.example" must not escape the graylist
# tree (files.md 9.1 canon(): "/" becomes "_").  graylist-dir is $TMP/gl;
# the backend wrapper creates it, and after the session lists every path
# under $TMP as "TREE <path>" on stderr: nothing may appear outside ./gl
# except the harness's own files.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP/gl
command /bin/sh -c "mkdir $TMP/gl && $FAKEQMAIL; cd $TMP && find . -mindepth 1 | sed 's/^/TREE /' >&2"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<../../x@ours.example> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<../../x@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_GRAYLISTED sender: a@b\.example recipient: \.\./\.\./x@ours\.example path: $TMP/gl/ours\.example/\.\._\.\._x/b\.example/a$
log ^TREE \./gl/ours\.example/\.\._\.\._x/b\.example/a$
log-not ^TREE \./(?!gl(/|$)|spool(/|$)|backend\.|rcpthosts$|stderr$|dns\.log$|zone$)
