# The whole reject path with the default auth level observe (grace
# AFTER_MAIL, session.md 2.2): the backend greets and answers EHLO; MAIL
# gets "250 <text>" and the backend is cut; every RCPT gets 554 and one
# decision line; DATA 554; RSET/NOOP 554; QUIT 221 and close.  The backend
# saw EHLO only.
options ip-blacklist-entry=192.0.2.1

connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<d@ours.example> => 554 Refused. Your IP address is blacklisted.
send DATA => 554 Refused. Your IP address is blacklisted.
send RSET => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send MAIL FROM:<e@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<f@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed
exit 0

logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline DENIED_BLACKLIST_IP from: a@b.example to: d@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline DENIED_BLACKLIST_IP from: e@b.example to: f@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
log-count 3 ^spamdyke\[\d+\]: DENIED_
backend received <<EOF
EHLO client.example
EOF
backend messages 0
backend exited
