# reject-unresolvable-rdns special case (session.md 2.11): a name starting
# with "localhost" passes only for an IP starting with 127.0.0.1, without
# any lookup; for 192.0.2.1 it is refused although it has an A record.
options reject-unresolvable-rdns
dns 1.2.0.192.in-addr.arpa PTR localhost.example.net
dns localhost.example.net A 192.0.2.1

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your reverse DNS entry does not resolve.
send RCPT TO:<c@ours.example> => 421 Refused. Your reverse DNS entry does not resolve.
send QUIT => 221 Refused. Your reverse DNS entry does not resolve.
closed

logline DENIED_RDNS_RESOLVE from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: localhost.example.net auth: (unknown) encryption: (none) reason: (empty)
dnslog-not localhost\.example\.net A
