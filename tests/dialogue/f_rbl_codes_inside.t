# Addition ZONE=CODES: an answer among the CODES lists the client; the
# reported list is the zone name without "=CODES".
options dns-blacklist-entry=rbl.test=127.0.0.2,127.0.0.4
dns 1.2.0.192.rbl.test A 127.0.0.4

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send QUIT => 221 Refused. Your IP address is listed in the RBL at rbl.test
closed

log FILTER_RBL_MATCH ip: 192\.0\.2\.1 rbl: rbl\.test$
logline DENIED_RBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rbl.test
