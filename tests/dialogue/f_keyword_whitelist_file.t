# ip-in-rdns-keyword-whitelist-file: whitelist by file, FILTER line names
# FILE(LINE); the keyword blacklist (row 13) after it does not run.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options ip-in-rdns-keyword-whitelist-file=$TMP/kw
options ip-in-rdns-keyword-blacklist-entry=mail
config kw <<EOF
nothing
mail
EOF
dns 1.2.0.192.in-addr.arpa PTR mail-192-0-2-1.isp.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_IP_IN_RDNS_WHITELIST ip: 192\.0\.2\.1 rdns: mail-192-0-2-1\.isp\.example keyword: mail file: $TMP/kw\(2\)$
log-not FILTER_IP_IN_RDNS_BLACKLIST
log-not DENIED_
