# rdns-whitelist-file: line 3 matches; the whitelist beats the rDNS
# blacklist entry that would otherwise match (rows 5 and 7 of session.md
# 2.3: blacklists after a whitelist do not run).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options rdns-whitelist-file=$TMP/rdns-wl rdns-blacklist-entry=.partner.example
config rdns-wl <<EOF
# partners
other.example
mx1.partner.example
EOF
dns 1.2.0.192.in-addr.arpa PTR MX1.Partner.Example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_WHITELIST_NAME ip: 192\.0\.2\.1 rdns: mx1\.partner\.example file: $TMP/rdns-wl\(3\)$
log-not FILTER_BLACKLIST_NAME
log-not DENIED_
backend contains RCPT TO:<c@ours.example>\r\n
