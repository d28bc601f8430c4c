# The MAIL delivery rule applies to every MAIL, also the null sender
# (session.md 2.4 last paragraph): "250 <text>" and the backend is cut.
options ip-blacklist-entry=192.0.2.1

connect => 220 test.example.com ESMTP
send MAIL FROM:<> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

logline DENIED_BLACKLIST_IP from: (unknown) to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
backend no MAIL
