# ip-in-rdns-keyword-blacklist-entry (session.md 2.3 row 13, files.md 5.3):
# the IP is in the name and "dynamic" is a bounded keyword outside the last
# two labels: 554, reason = the entry.
options ip-in-rdns-keyword-blacklist-entry=dynamic
dns 1.2.0.192.in-addr.arpa PTR 192-0-2-1.dynamic.cable.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send RCPT TO:<c@ours.example> => 554 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
send QUIT => 221 Refused. Your reverse DNS entry contains your IP address and a banned keyword.
closed

log FILTER_IP_IN_RDNS_BLACKLIST ip: 192\.0\.2\.1 rdns: 192-0-2-1\.dynamic\.cable\.example\.net keyword: dynamic file: \(none\)$
logline DENIED_IP_IN_RDNS from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: 192-0-2-1.dynamic.cable.example.net auth: (unknown) encryption: (none) reason: dynamic
backend no RCPT
