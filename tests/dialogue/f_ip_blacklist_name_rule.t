# An IP-file name rule "=example.net" matches rDNS mx.example.net (files.md
# 3.1 step 3: occurrence after a "."; the end is not anchored).
options ip-blacklist-file=$TMP/ip-bl
config ip-bl <<EOF
=ample.net
=example.net
EOF
dns 1.2.0.192.in-addr.arpa PTR mx.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: mx.example.net auth: (unknown) encryption: (none) reason: $TMP/ip-bl:2
