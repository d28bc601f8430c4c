# Quirk of sender-blacklist-entry only (files.md 6): "fred@" also matches
# a local part where fred is followed by "." (fred.smith@...).
options sender-blacklist-entry=fred@

connect => 220 test.example.com ESMTP
send MAIL FROM:<fred.smith@example.com> => 250 Refused. Your sender address has been blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your sender address has been blacklisted.
send QUIT => 221 Refused. Your sender address has been blacklisted.
closed

log FILTER_SENDER_BLACKLIST sender: fred\.smith@example\.com entry: fred@$
logline DENIED_SENDER_BLACKLISTED from: fred.smith@example.com to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: fred@
