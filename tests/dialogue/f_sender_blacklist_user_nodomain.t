# A "user@" entry checked against a sender without a domain: the end of the
# target counts as the "@" boundary (files.md 6), so "fred@" lists <fred>.
options sender-blacklist-entry=fred@

connect => 220 test.example.com ESMTP
send MAIL FROM:<fred> => 250 Refused. Your sender address has been blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your sender address has been blacklisted.
send QUIT => 221 Refused. Your sender address has been blacklisted.
closed

logline DENIED_SENDER_BLACKLISTED from: fred to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: fred@
