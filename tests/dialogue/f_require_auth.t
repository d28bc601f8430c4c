# filter-level=require-auth without authentication (session.md 5.1):
# MAIL "250 <text>", RCPT 554 DENIED_AUTH_REQUIRED.
options filter-level=require-auth

connect => 220 test.example.com ESMTP
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 Refused. Authentication is required to send mail.
send RCPT TO:<c@ours.example> => 554 Refused. Authentication is required to send mail.
send QUIT => 221 Refused. Authentication is required to send mail.
closed

log FILTER_AUTH_REQUIRED$
logline DENIED_AUTH_REQUIRED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no MAIL
backend no RCPT
