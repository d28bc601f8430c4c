# sender-blacklist-entry user@domain (files.md 6, session.md 2.4 step 5):
# matched case-insensitively; MAIL "250 <text>" (grace AFTER_MAIL), backend
# cut, RCPT 554 with the entry as reason.
options sender-blacklist-entry=Spammer@Bad.Example

connect => 220 test.example.com ESMTP
send MAIL FROM:<spammer@BAD.example> => 250 Refused. Your sender address has been blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your sender address has been blacklisted.
send QUIT => 221 Refused. Your sender address has been blacklisted.
closed

log FILTER_SENDER_BLACKLIST sender: spammer@bad\.example entry: Spammer@Bad\.Example$
logline DENIED_SENDER_BLACKLISTED from: spammer@bad.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: Spammer@Bad.Example
backend no MAIL
backend no RCPT
