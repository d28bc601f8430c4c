# filter-level=reject-all: even a successful (observed) AUTH cannot lift
# the lock (session.md 2.1 rules 4 and 6).
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN
env FAKEQMAIL_AUTH=joe:secret
options filter-level=reject-all

connect => 220 test.example.com ESMTP
send EHLO client.example => 250
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 235 ok, go ahead (#2.0.0)
send MAIL FROM:<joe@b.example> => 250 Refused. Mail is not being accepted.
send RCPT TO:<c@ours.example> => 554 Refused. Mail is not being accepted.
send QUIT => 221 Refused. Mail is not being accepted.
closed

logline DENIED_REJECT_ALL from: joe@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: joe encryption: (none) reason: (empty)
backend no MAIL
