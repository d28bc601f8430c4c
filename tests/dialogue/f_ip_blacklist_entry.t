# ip-blacklist-entry in CIDR form (files.md 3.1 n=5, session.md 2.3 row
# 11): 554 "Your IP address is blacklisted", reason = the entry.
options ip-blacklist-entry=192.0.2.0/24

connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

log FILTER_BLACKLIST_IP ip: 192\.0\.2\.1 entry: 192\.0\.2\.0/24$
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.0/24
backend no MAIL
backend no RCPT
backend messages 0
