# If any dns-blacklist-file cannot be opened the whole RBL filter is skipped,
# including the -entry zones, and an error is logged (files.md 8).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options dns-blacklist-entry=rbl.test dns-blacklist-file=$TMP/missing-zones
dns 1.2.0.192.rbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log ERROR\(.*\$TMP/missing-zones
log-not FILTER_RBL_MATCH
log-not DENIED_
