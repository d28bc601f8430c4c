# always-create-dir creates domain directories only for local domains
# (files.md 9.4 step 2): a relaying client (ip-relay-entry) sending to a
# non-local domain is not graylisted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP ip-relay-entry=192.0.2.1
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_GRAYLISTED
log-not DENIED_
