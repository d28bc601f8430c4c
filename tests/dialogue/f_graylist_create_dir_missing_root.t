# *-create-dir tries every graylist-dir in order until mkdir succeeds
# (files.md 9.4 step 2): $TMP/missing does not exist (mkdir fails and is
# logged), so the domain directory is created in $TMP.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP/missing graylist-dir=$TMP

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

log FILTER_GRAYLISTED sender: a@b\.example recipient: c@ours\.example path: $TMP/ours\.example/c/b\.example/a$
