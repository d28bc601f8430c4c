# An IPv4-mapped entry ::ffff:192.0.2.0/120 is the IPv4 entry 192.0.2.0/24
# (files.md 3 IPv6) and matches the plain IPv4 client 192.0.2.1.
options ip-blacklist-entry=::ffff:192.0.2.0/120

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: ::ffff:192.0.2.0/120
