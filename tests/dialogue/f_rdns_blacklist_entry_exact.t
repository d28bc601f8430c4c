# rdns-blacklist-entry without a leading dot matches only that exact name,
# case-insensitively (files.md 4.1, 0): "example.net" and ".badexample.org"
# do not list mail.example.org, "MAIL.Example.ORG" does; the reason is the
# entry as written.
options rdns-blacklist-entry=example.net rdns-blacklist-entry=.badexample.org
options rdns-blacklist-entry=MAIL.Example.ORG
dns 1.2.0.192.in-addr.arpa PTR mail.example.org

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your domain name is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is blacklisted.
send QUIT => 221 Refused. Your domain name is blacklisted.
closed

logline DENIED_BLACKLIST_NAME from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: mail.example.org auth: (unknown) encryption: (none) reason: MAIL.Example.ORG
backend no RCPT
