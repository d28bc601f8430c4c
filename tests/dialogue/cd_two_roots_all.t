# Several config-dir roots with config-dir-search=all-recipient: both
# roots' files for vip@d.example are read, the later root's last, so its
# recipient whitelist and rejection text are in force (files.md 2.3 "Later
# roots' files beat earlier roots' files").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd1 config-dir=$TMP/cd2 config-dir-search=all-recipient
setup mkdir -p $TMP/cd1/_recipient_/example/d/_at_ $TMP/cd2/_recipient_/example/d/_at_
setup printf 'recipient-blacklist-entry=vip@d.example\nrecipient-blacklist-entry=vip2@d.example\nrejection-text-recipient-blacklist=First root text.\n' > $TMP/cd1/_recipient_/example/d/_at_/vip
setup printf 'rejection-text-recipient-blacklist=Second root text.\n' > $TMP/cd2/_recipient_/example/d/_at_/vip
setup printf 'recipient-blacklist-entry=vip2@d.example\nrejection-text-recipient-blacklist=First root text.\n' > $TMP/cd1/_recipient_/example/d/_at_/vip2
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Second root text.
send RCPT TO:<vip2@d.example> => 554 First root text.
send QUIT => 221 test.example.com
closed
