# ip-whitelist-file (row 10) with a range line; whitelisting does not
# permit relaying (options.md 2.5): a non-local recipient is still refused.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-whitelist-file=$TMP/ip-wl
options ip-blacklist-entry=192.0.2.1
config ip-wl <<EOF
# friends
192.0.0-5
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send QUIT => 221 test.example.com
closed

log FILTER_WHITELIST_IP ip: 192\.0\.2\.1 file: $TMP/ip-wl\(2\)$
log-not FILTER_BLACKLIST_IP
logline DENIED_RELAYING from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend lacks elsewhere
