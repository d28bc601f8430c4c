# require-auth is evaluated again at MAIL with a non-empty sender and
# overrides an IP whitelist (session.md 5.1): still refused.
options filter-level=require-auth ip-whitelist-entry=192.0.2.1

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Authentication is required to send mail.
send RCPT TO:<c@ours.example> => 554 Refused. Authentication is required to send mail.
send QUIT => 221 Refused. Authentication is required to send mail.
closed

logline DENIED_AUTH_REQUIRED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
