# Grace (session.md 2.2): smtp-auth-level=none but a sender whitelist is
# configured -> AFTER_MAIL: the backend greets and answers HELO; a
# non-whitelisted sender gets "250 <text>" at MAIL.
options ip-blacklist-entry=192.0.2.1 smtp-auth-level=none sender-whitelist-entry=ann@partner.example

connect => 220 test.example.com ESMTP
send HELO client.example => 250 test.example.com
send MAIL FROM:<bob@b.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

backend received <<EOF
HELO client.example
EOF
