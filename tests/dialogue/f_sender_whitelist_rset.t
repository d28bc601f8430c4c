# A sender whitelist match sets WHITELISTED for the session; RSET keeps the
# state (session.md 2.7 RSET row), so a second transaction with another
# sender from the IP-blacklisted client is accepted too.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1
options sender-whitelist-entry=ann@partner.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<ann@partner.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send RSET => 250 flushed
send MAIL FROM:<bob@elsewhere.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-count 1 FILTER_SENDER_WHITELIST
log-not DENIED_
