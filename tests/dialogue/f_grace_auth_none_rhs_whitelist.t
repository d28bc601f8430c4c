# Grace: smtp-auth-level=none with an RHS whitelist configured ->
# AFTER_MAIL (session.md 2.2): normal greeting, "250 <text>" at MAIL.
options ip-blacklist-entry=192.0.2.1 smtp-auth-level=none rhs-whitelist-entry=rhswl.test

connect => 220 test.example.com ESMTP
send MAIL FROM:<bob@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

backend no MAIL
