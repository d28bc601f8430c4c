# reject-ip-in-cc-rdns: the rDNS name contains the IP (pattern a.b.c.d with
# "-" separators) and its last label has two characters (files.md 5.2,
# session.md 2.3 row 3): 554 with the ip-in-cc-rdns text.
options reject-ip-in-cc-rdns
dns 1.2.0.192.in-addr.arpa PTR 192-0-2-1.adsl.example.de

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your reverse DNS entry contains your IP address and a country code.
send RCPT TO:<c@ours.example> => 554 Refused. Your reverse DNS entry contains your IP address and a country code.
send QUIT => 221 Refused. Your reverse DNS entry contains your IP address and a country code.
closed

log FILTER_IP_IN_CC_RDNS ip: 192\.0\.2\.1 rdns: 192-0-2-1\.adsl\.example\.de$
logline DENIED_IP_IN_CC_RDNS from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: 192-0-2-1.adsl.example.de auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
backend messages 0
