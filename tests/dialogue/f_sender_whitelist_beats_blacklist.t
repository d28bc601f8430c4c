# Sender whitelist (step 3) before sender blacklist (step 5): a sender on
# both lists is accepted and the blacklist does not run (session.md 2.1).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts sender-whitelist-file=$TMP/swl
options sender-blacklist-entry=@partner.example
config swl <<EOF
ann@
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<ann@partner.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_SENDER_WHITELIST sender: ann@partner\.example file: $TMP/swl\(1\)$
log-not FILTER_SENDER_BLACKLIST
log-not DENIED_
