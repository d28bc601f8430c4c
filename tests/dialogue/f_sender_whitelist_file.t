# sender-whitelist-file: a non-matching sender stays refused ("250 <text>"
# at MAIL, grace AFTER_MAIL because a sender whitelist is configured).
options ip-blacklist-entry=192.0.2.1 sender-whitelist-file=$TMP/swl
config swl <<EOF
ann@partner.example
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<bob@partner.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

log-not FILTER_SENDER_WHITELIST
logline DENIED_BLACKLIST_IP from: bob@partner.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
