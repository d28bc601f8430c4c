# An unreadable IP blacklist file counts as "no match" and logs
# "unable to open file for searching <file>: <reason>" (files.md 0); the
# next file is still searched.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options ip-blacklist-file=$TMP/missing ip-blacklist-file=$TMP/ip-bl
config ip-bl <<EOF
192.0.2.1
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

log ERROR\(.*unable to open file for searching $TMP/missing: No such file or directory
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: $TMP/ip-bl:1
