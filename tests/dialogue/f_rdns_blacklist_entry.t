# rdns-blacklist-entry ".example.net" matches every name below example.net
# (files.md 4.1, session.md 2.3 row 7): 554, reason = the entry.
options rdns-blacklist-entry=.example.net
dns 1.2.0.192.in-addr.arpa PTR mx.mail.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your domain name is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is blacklisted.
send QUIT => 221 Refused. Your domain name is blacklisted.
closed

log FILTER_BLACKLIST_NAME ip: 192\.0\.2\.1 rdns: mx\.mail\.example\.net entry: \.example\.net$
logline DENIED_BLACKLIST_NAME from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: mx.mail.example.net auth: (unknown) encryption: (none) reason: .example.net
backend no RCPT
backend messages 0
