# The null sender is graylisted under .../_none/_none (files.md 9.1).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP

connect => 220 test.example.com ESMTP
send MAIL FROM:<> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

log FILTER_GRAYLISTED sender: \(unknown\) recipient: c@ours\.example path: $TMP/ours\.example/c/_none/_none$
logline DENIED_GRAYLISTED from: (unknown) to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
