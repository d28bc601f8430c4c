# DNS RBL, A answer (session.md 2.3 row 17, 6.3, 6.4): 1.2.0.192.rbl.test
# has an A record: 554 "...listed in the RBL at rbl.test" (no TXT text),
# reason and FILTER line name the list.
options dns-blacklist-entry=rbl.test
dns 1.2.0.192.rbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<d@ours.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send DATA => 554 Refused. Your IP address is listed in the RBL at rbl.test
send QUIT => 221 Refused. Your IP address is listed in the RBL at rbl.test
closed

log FILTER_RBL_MATCH ip: 192\.0\.2\.1 rbl: rbl\.test$
logline DENIED_RBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rbl.test
logline DENIED_RBL_MATCH from: a@b.example to: d@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rbl.test
dnslog 1\.2\.0\.192\.rbl\.test A
backend no MAIL
backend no RCPT
backend messages 0
