# ip-in-rdns-keyword-blacklist-file (files.md 5.3 examples): "dyn" fails
# the boundary check, "example" sits in the last two labels, "dynamic
# static" needs both, "cable dynamic" matches (order not checked): reason
# FILE:LINE of that line.
options ip-in-rdns-keyword-blacklist-file=$TMP/kw
config kw <<EOF
# keywords
dyn
example
dynamic static
cable dynamic
EOF
dns 1.2.0.192.in-addr.arpa PTR 1.2.0.192.dynamic.cable.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send RCPT TO:<c@ours.example> => 554 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send QUIT => 221 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
closed

log-count 1 FILTER_IP_IN_RDNS_BLACKLIST
log FILTER_IP_IN_RDNS_BLACKLIST ip: 192\.0\.2\.1 rdns: 1\.2\.0\.192\.dynamic\.cable\.example\.net keyword: cable dynamic file: $TMP/kw\(5\)$
logline DENIED_IP_IN_RDNS from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: 1.2.0.192.dynamic.cable.example.net auth: (unknown) encryption: (none) reason: $TMP/kw:5
backend no RCPT
