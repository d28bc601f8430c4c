# IP-file rule "user@address" matches only when TCPREMOTEINFO equals user,
# case-insensitively (files.md 3.1 step 2).
env TCPREMOTEINFO=Joe
options ip-blacklist-file=$TMP/ip-bl
config ip-bl <<EOF
fred@192.0.2.1
joe@192.0.2.1
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: $TMP/ip-bl:2
