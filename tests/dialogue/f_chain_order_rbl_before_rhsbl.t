# Chain order: the RBL (row 17) beats the RHSBL on the rDNS name (row 18)
# even when the RHSBL answer arrives first (DELAY on the RBL answer).
options dns-blacklist-entry=rbl.test rhs-blacklist-entry=rhsbl.test
dns 1.2.0.192.in-addr.arpa PTR mx.spam.example
dns 1.2.0.192.rbl.test DELAY 300 A 127.0.0.2
dns mx.spam.example.rhsbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send QUIT => 221 Refused. Your IP address is listed in the RBL at rbl.test
closed

log-not FILTER_RHSBL_MATCH
logline DENIED_RBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: mx.spam.example auth: (unknown) encryption: (none) reason: rbl.test
