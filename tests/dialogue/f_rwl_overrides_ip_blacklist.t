# A DNS whitelist (row 15) overrides the earlier IP blacklist (row 11):
# the pending rejection is cleared (session.md 2.1 rule 2).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options ip-blacklist-entry=192.0.2.1 dns-whitelist-entry=rwl.test
dns 1.2.0.192.rwl.test A 127.0.0.2
dns 1.2.0.192.rwl.test TXT "good sender"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_BLACKLIST_IP ip: 192\.0\.2\.1 entry: 192\.0\.2\.1$
log FILTER_RWL_MATCH ip: 192\.0\.2\.1 rwl: rwl\.test$
log-not DENIED_
