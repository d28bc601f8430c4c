# The DNS whitelist is skipped for 127.0.0.1 (session.md 2.3 row 15): no
# query, no whitelisting; the IP blacklist still rejects.
options dns-whitelist-entry=rwl.test ip-blacklist-entry=127.0.0.1
dns 1.0.0.127.rwl.test A 127.0.0.2

connect 127.0.0.1 => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

dnslog-not rwl\.test
log-not FILTER_RWL_MATCH
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 127.0.0.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 127.0.0.1
