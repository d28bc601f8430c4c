# require-auth with an observed successful AUTH (session.md 8.3, 5.1):
# MAIL and RCPT pass, also to a non-local domain (authenticated sessions
# may relay, 5.2); the decision line carries the user name.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN
env FAKEQMAIL_AUTH=joe:secret
options filter-level=require-auth

connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 AUTH LOGIN PLAIN
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 235 ok, go ahead (#2.0.0)
send MAIL FROM:<joe@b.example> => 250 ok
send RCPT TO:<c@elsewhere.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hi
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

logline ALLOWED from: joe@b.example to: c@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: joe encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED_
backend messages 1
