# graylist-level=always-create-dir (session.md 9, files.md 9): first sight
# of (sender, recipient) creates the domain directory (ours.example is
# local) and the entry <dir>/<rcpt-domain>/<rcpt-local>/<sender-domain>/
# <sender-local>, and refuses with 421; the FILTER line names the path.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP

connect => 220 test.example.com ESMTP
send MAIL FROM:<Ann@B.Example> => 250 ok
send RCPT TO:<Carl@Ours.Example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

log FILTER_GRAYLISTED sender: ann@b\.example recipient: carl@ours\.example path: $TMP/ours\.example/carl/b\.example/ann$
logline DENIED_GRAYLISTED from: ann@b.example to: carl@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
