# IPv6 client (session.md 1.3 Improvement; files.md 3 IPv6): TCPREMOTEIP
# 2001:db8::5 matches the entry 2001:db8::/32; origin_ip is the RFC 5952
# form; the IPv4 entry 192.0.2.1 does not match it.
options ip-blacklist-entry=192.0.2.1 ip-blacklist-entry=2001:db8::/32

connect 2001:0db8:0000::5 => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

log FILTER_BLACKLIST_IP ip: 2001:db8::5 entry: 2001:db8::/32$
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 2001:db8::5 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 2001:db8::/32
dnslog 5\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.0\.8\.b\.d\.0\.1\.0\.0\.2\.ip6\.arpa PTR
backend no RCPT
