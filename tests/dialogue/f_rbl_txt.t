# DNS RBL with a TXT answer: the first string becomes the suffix
# ": <text>" (session.md 3.1, 6.4; A and TXT both present: the TXT is used,
# 6.4 Improvement).
options dns-blacklist-entry=rbl.test
dns 1.2.0.192.rbl.test A 127.0.0.2
dns 1.2.0.192.rbl.test TXT "Listed for spam, see http://rbl.test/?192.0.2.1"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at rbl.test: Listed for spam, see http://rbl.test/?192.0.2.1
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test: Listed for spam, see http://rbl.test/?192.0.2.1
send QUIT => 221 Refused. Your IP address is listed in the RBL at rbl.test: Listed for spam, see http://rbl.test/?192.0.2.1
closed

log FILTER_RBL_MATCH ip: 192\.0\.2\.1 rbl: rbl\.test$
logline DENIED_RBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rbl.test
dnslog 1\.2\.0\.192\.rbl\.test TXT
