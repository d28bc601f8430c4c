# Addition (options.md 5, session.md 1.3): DNSBL queries for an IPv6 client
# use the 32 reversed nibbles.
options dns-blacklist-entry=rbl.test
dns 5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.rbl.test A 127.0.0.2

connect 2001:db8::5 => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send QUIT => 221 Refused. Your IP address is listed in the RBL at rbl.test
closed

log FILTER_RBL_MATCH ip: 2001:db8::5 rbl: rbl\.test$
logline DENIED_RBL_MATCH from: a@b.example to: c@ours.example origin_ip: 2001:db8::5 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rbl.test
