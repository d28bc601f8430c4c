# rdns-blacklist-file: comments and blank lines are skipped, a line with a
# trailing blank never matches, the first matching line is reported as
# FILE:LINE (files.md 0, 4.1; session.md 4.3, 4.5).
options rdns-blacklist-file=$TMP/rdns-bl
config rdns-bl <<EOF
# blacklisted names

host.example.net 
other.example.org
.example.net
.example.net
EOF
dns 1.2.0.192.in-addr.arpa PTR host.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your domain name is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is blacklisted.
send QUIT => 221 Refused. Your domain name is blacklisted.
closed

log-count 1 FILTER_BLACKLIST_NAME
log FILTER_BLACKLIST_NAME ip: 192\.0\.2\.1 rdns: host\.example\.net file: $TMP/rdns-bl\(5\)$
logline DENIED_BLACKLIST_NAME from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: host.example.net auth: (unknown) encryption: (none) reason: $TMP/rdns-bl:5
backend no RCPT
