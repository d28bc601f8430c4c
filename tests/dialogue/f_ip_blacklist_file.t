# ip-blacklist-file with lines that must NOT match 192.0.2.1 (files.md 3.1,
# 3.2): comment, leading blank, partial octet "19", 7-item mask, another
# range, another address, tcprules rule for another address, a TCPREMOTEINFO
# rule (variable unset); then a range with a trailing comment on line 10,
# reported as FILE:LINE.
options ip-blacklist-file=$TMP/ip-bl
config ip-bl <<EOF
# blocked networks
 192.0.2.1
19
192.0.2.0/255.255.0
192.0.3-9
192.0.2.10
192.0.2.2:deny
joe@192.0.2.1
192.0.1-3.1 # office
192.0.2.1
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

log-count 1 FILTER_BLACKLIST_IP
log FILTER_BLACKLIST_IP ip: 192\.0\.2\.1 file: $TMP/ip-bl\(9\)$
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: $TMP/ip-bl:9
backend no RCPT
