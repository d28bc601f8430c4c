# ip-in-rdns-keyword-whitelist-entry (row 12) comes after the IP blacklist
# (row 11): a later whitelist overrides the earlier blacklist and clears
# its pending rejection (session.md 2.1 rule 2).  IP in hex form c0000201.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1
options ip-in-rdns-keyword-whitelist-entry=static
dns 1.2.0.192.in-addr.arpa PTR c0000201.static.isp.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_BLACKLIST_IP ip: 192\.0\.2\.1 entry: 192\.0\.2\.1$
log FILTER_IP_IN_RDNS_WHITELIST ip: 192\.0\.2\.1 rdns: c0000201\.static\.isp\.example keyword: static file: \(none\)$
log-not DENIED_
backend contains RCPT TO:<c@ours.example>\r\n
