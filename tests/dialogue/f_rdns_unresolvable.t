# reject-unresolvable-rdns (session.md 2.3 row 14): the PTR name has no A
# record: 421 "Your reverse DNS entry does not resolve".
options reject-unresolvable-rdns
dns 1.2.0.192.in-addr.arpa PTR ghost.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your reverse DNS entry does not resolve.
send RCPT TO:<c@ours.example> => 421 Refused. Your reverse DNS entry does not resolve.
send QUIT => 221 Refused. Your reverse DNS entry does not resolve.
closed

log FILTER_RDNS_RESOLVE ip: 192\.0\.2\.1 rdns: ghost\.example\.net$
logline DENIED_RDNS_RESOLVE from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: ghost.example.net auth: (unknown) encryption: (none) reason: (empty)
dnslog ghost\.example\.net A
backend no RCPT
