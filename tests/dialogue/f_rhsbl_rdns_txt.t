# RHSBL TXT answer: the reply carries "<list>: <text>" (session.md 3.1).
options rhs-blacklist-entry=rhsbl.test
dns 1.2.0.192.in-addr.arpa PTR host.spam.example
dns host.spam.example.rhsbl.test A 127.0.0.2
dns host.spam.example.rhsbl.test TXT "bad neighbourhood"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your domain name is listed in the RHSBL at rhsbl.test: bad neighbourhood
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is listed in the RHSBL at rhsbl.test: bad neighbourhood
send QUIT => 221 Refused. Your domain name is listed in the RHSBL at rhsbl.test: bad neighbourhood
closed

log FILTER_RHSBL_MATCH domain: host\.spam\.example rhsbl: rhsbl\.test$
logline DENIED_RHSBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: host.spam.example auth: (unknown) encryption: (none) reason: rhsbl.test
