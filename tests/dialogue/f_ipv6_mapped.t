# TCPREMOTEIP ::ffff:192.0.2.9 is treated as the IPv4 address 192.0.2.9
# (session.md 1.3 Improvement, files.md 3 IPv6): an IPv4 entry matches,
# origin_ip is 192.0.2.9 and the PTR query is in in-addr.arpa.
options ip-blacklist-entry=192.0.2.9

connect ::ffff:192.0.2.9 => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

log FILTER_BLACKLIST_IP ip: 192\.0\.2\.9 entry: 192\.0\.2\.9$
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.9 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.9
dnslog 9\.2\.0\.192\.in-addr\.arpa PTR
backend no RCPT
