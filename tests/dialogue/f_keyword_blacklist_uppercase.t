# Improvement (session.md 2.11, files.md 5.3): keywords are compared
# case-insensitively, so "DYNAMIC" matches.
options ip-in-rdns-keyword-blacklist-entry=DYNAMIC
dns 1.2.0.192.in-addr.arpa PTR 192-0-2-1.dynamic.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send RCPT TO:<c@ours.example> => 554 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send QUIT => 221 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
closed

logline DENIED_IP_IN_RDNS from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: 192-0-2-1.dynamic.example.net auth: (unknown) encryption: (none) reason: DYNAMIC
