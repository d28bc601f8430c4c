# The entry quirk needs fred at the start of the local part: "fred@" does
# not match alfred@example.com (files.md 6).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts sender-blacklist-entry=fred@

connect => 220 test.example.com ESMTP
send MAIL FROM:<alfred@example.com> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_BLACKLIST
log-not DENIED_
