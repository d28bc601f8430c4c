# Path components are lowercased and bytes outside a-z 0-9 @ _ - . become
# "_" (files.md 9.1 example: Ann+x@Remote... -> ann_x).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP

connect => 220 test.example.com ESMTP
send MAIL FROM:<Ann+x@Remote.Example.Org> => 250 ok
send RCPT TO:<Bob=Y@ours.example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

log FILTER_GRAYLISTED sender: ann\+x@remote\.example\.org recipient: bob=y@ours\.example path: $TMP/ours\.example/bob_y/remote\.example\.org/ann_x$
