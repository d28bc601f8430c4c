# A keyword starting with "." is a domain-suffix keyword that may sit in
# the last two labels (files.md 5.3 item 5); IP as zero-padded reversed
# octets "001.002.000.192" (pattern D.C.B.A).
options ip-in-rdns-keyword-blacklist-entry=.example.net
dns 1.2.0.192.in-addr.arpa PTR 001.002.000.192.pool.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send RCPT TO:<c@ours.example> => 554 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send QUIT => 221 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
closed

logline DENIED_IP_IN_RDNS from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: 001.002.000.192.pool.example.net auth: (unknown) encryption: (none) reason: .example.net
