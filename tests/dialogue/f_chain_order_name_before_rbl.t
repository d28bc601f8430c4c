# Chain order (session.md 2.3): the rDNS blacklist (row 7) comes before the
# RBL (row 17) and the RHSBL (row 18); all match, the rDNS blacklist wins
# although the DNS lookups may run concurrently.
options rdns-blacklist-entry=.spam.example dns-blacklist-entry=rbl.test rhs-blacklist-entry=rhsbl.test
dns 1.2.0.192.in-addr.arpa PTR mx.spam.example
dns 1.2.0.192.rbl.test A 127.0.0.2
dns spam.example.rhsbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your domain name is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is blacklisted.
send QUIT => 221 Refused. Your domain name is blacklisted.
closed

log-not FILTER_RBL_MATCH
log-not FILTER_RHSBL_MATCH
logline DENIED_BLACKLIST_NAME from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: mx.spam.example auth: (unknown) encryption: (none) reason: .spam.example
