# filter-level=allow-all does not permit relaying: a non-local recipient is
# still refused with DENIED_RELAYING (session.md 5.1, 2.5 item 6) and never
# reaches qmail-smtpd; a local one is accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts filter-level=allow-all

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send RCPT TO:<c@d.example> => 250 ok
send QUIT => 221 test.example.com

logline DENIED_RELAYING from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend lacks elsewhere.example
backend contains RCPT TO:<c@d.example>\r\n
