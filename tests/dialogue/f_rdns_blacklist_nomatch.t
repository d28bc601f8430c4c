# rDNS blacklist entries that must not match mx.example.net: the exact
# parent "example.net", a suffix not at a label boundary ".ample.net", a
# subdomain form ".mx.example.net.x", a trailing-dot entry "mx.example.net."
# and a literal wildcard "*.example.net" (files.md 4.1).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options rdns-blacklist-entry=example.net rdns-blacklist-entry=.ample.net
options rdns-blacklist-entry=.mx.example.net.x rdns-blacklist-entry=mx.example.net.
options "rdns-blacklist-entry=*.example.net"
dns 1.2.0.192.in-addr.arpa PTR mx.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_BLACKLIST_NAME
log-not DENIED_
