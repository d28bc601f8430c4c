# The "fred@" -> fred.smith@ quirk is for sender-blacklist-entry only: a
# sender-blacklist-file line "fred@" requires "@" right after the local
# part (files.md 6), so fred.smith@ and alfred@ pass.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts sender-blacklist-file=$TMP/sbl
config sbl <<EOF
fred@
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<fred.smith@example.com> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send MAIL FROM:<alfred@example.com> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_BLACKLIST
log-not DENIED_
