# reject-empty-rdns with smtp-auth-level=none and no whitelist (grace NONE,
# session.md 2.2 "Connect" row): the greeting itself is "220 <text>",
# qmail-smtpd is never started, every command is answered locally.
options reject-empty-rdns smtp-auth-level=none

connect => 220 Refused. You have no reverse DNS entry.
send EHLO client.example => 250 Refused. You have no reverse DNS entry.
send MAIL FROM:<a@b.example> => 250 Refused. You have no reverse DNS entry.
send RCPT TO:<c@ours.example> => 421 Refused. You have no reverse DNS entry.
send QUIT => 221 Refused. You have no reverse DNS entry.
closed

log FILTER_RDNS_MISSING ip: 192\.0\.2\.1$
logline DENIED_RDNS_MISSING from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend not-started
