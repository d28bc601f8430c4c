# Whitelisted sessions are never graylisted (session.md 9, 2.5 item 6).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP ip-whitelist-entry=192.0.2.1

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_GRAYLISTED
log-not DENIED_
