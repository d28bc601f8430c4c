# The whole reject path with grace NONE (smtp-auth-level=none, no
# whitelist; session.md 2.2 table, 2.10): greeting "220 <text>", the backend
# never starts; HELO/EHLO 250, MAIL 250, RCPT/DATA own code, RSET and other
# commands 554 once the text has been delivered, QUIT 221 and close.
options ip-blacklist-entry=192.0.2.1 smtp-auth-level=none policy-url=http://example.com/p.html

connect => 220 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send EHLO client.example => 250 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send RCPT TO:<d@ours.example> => 554 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send DATA => 554 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send RSET => 554 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send NOOP => 554 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send VRFY c@ours.example => 554 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
send QUIT => 221 Refused. Your IP address is blacklisted. See: http://example.com/p.html#DENIED_BLACKLIST_IP
closed
exit 0

log FILTER_BLACKLIST_IP ip: 192\.0\.2\.1 entry: 192\.0\.2\.1$
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline DENIED_BLACKLIST_IP from: a@b.example to: d@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
log-count 2 ^spamdyke\[\d+\]: DENIED_
backend not-started
