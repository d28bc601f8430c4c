# Grace: smtp-auth-level=none with a recipient whitelist -> AFTER_RCPT
# (session.md 2.2): greeting, HELO and MAIL reach the backend; the refusal
# comes at RCPT, the backend is not cut there (2.2 RCPT row), QUIT then
# gets "221 <text>".
options ip-blacklist-entry=192.0.2.1 smtp-auth-level=none recipient-whitelist-entry=postmaster@ours.example

connect => 220 test.example.com ESMTP
send HELO client.example => 250 test.example.com
send MAIL FROM:<bob@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

logline DENIED_BLACKLIST_IP from: bob@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
backend contains MAIL FROM:<bob@b.example>\r\n
backend no RCPT
