# filter-level=require-auth with smtp-auth-level=none (grace NONE): nobody
# can authenticate, the greeting is already "220 <text>", no backend.
options filter-level=require-auth smtp-auth-level=none

connect => 220 Refused. Authentication is required to send mail.
send HELO client.example => 250 Refused. Authentication is required to send mail.
send RCPT TO:<c@ours.example> => 554 Refused. Authentication is required to send mail.
send QUIT => 221 Refused. Authentication is required to send mail.
closed

logline DENIED_AUTH_REQUIRED from: (unknown) to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend not-started
