# sender-blacklist-file line "fred@" matches local part fred at any domain
# (files.md 6); file lines are reported as FILE:LINE.
options sender-blacklist-file=$TMP/sbl
config sbl <<EOF
# senders
nobody@example.org
fred@
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<Fred@Anything.Test> => 250 Refused. Your sender address has been blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your sender address has been blacklisted.
send QUIT => 221 Refused. Your sender address has been blacklisted.
closed

log FILTER_SENDER_BLACKLIST sender: fred@anything\.test file: $TMP/sbl\(3\)$
logline DENIED_SENDER_BLACKLISTED from: fred@anything.test to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: $TMP/sbl:3
