# Several RBLs from an entry and a file (files.md 8): every list is asked;
# the one that lists the client is reported.
options dns-blacklist-entry=first.test dns-blacklist-file=$TMP/zones
config zones <<EOF
# zones
second.test
third.test
EOF
dns 1.2.0.192.third.test A 127.0.0.4

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at third.test
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is listed in the RBL at third.test
send QUIT => 221 Refused. Your IP address is listed in the RBL at third.test
closed

log FILTER_RBL_MATCH ip: 192\.0\.2\.1 rbl: third\.test$
logline DENIED_RBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: third.test
dnslog 1\.2\.0\.192\.first\.test A
dnslog 1\.2\.0\.192\.second\.test A
dnslog 1\.2\.0\.192\.third\.test A
