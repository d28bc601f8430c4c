# Sender blacklisted, but a recipient whitelist is configured (grace
# AFTER_RCPT, session.md 2.2): MAIL reaches the backend; the whitelisted
# recipient is accepted, the other gets the sender-blacklist 554; QUIT
# then gets "221 <text>" (G expired at that RCPT, 2.2 QUIT row).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts sender-blacklist-entry=@bad.example
options recipient-whitelist-entry=postmaster@ours.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<x@bad.example> => 250 ok
send RCPT TO:<c@ours.example> => 554 Refused. Your sender address has been blacklisted.
send RCPT TO:<postmaster@ours.example> => 250 ok
send QUIT => 221 Refused. Your sender address has been blacklisted.
closed

logline DENIED_SENDER_BLACKLISTED from: x@bad.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: @bad.example
backend contains MAIL FROM:<x@bad.example>\r\n
backend lacks c@ours
