# Improvement (session.md 6.3): a PTR name with bytes other than letters,
# digits, "-", "_", "." is treated as "no rDNS", so reject-empty-rdns
# refuses the client.
options reject-empty-rdns
dns 1.2.0.192.in-addr.arpa PTR bad!name.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. You have no reverse DNS entry.
send RCPT TO:<c@ours.example> => 421 Refused. You have no reverse DNS entry.
send QUIT => 221 Refused. You have no reverse DNS entry.
closed

logline DENIED_RDNS_MISSING from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
