# Recipient validity runs also for whitelisted sessions (session.md 2.5
# item 6, 5.3): an IP-whitelisted client still gets 554 for <joe>.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-whitelist-entry=192.0.2.1

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<joe> => 554 Improper recipient address. Try supplying a domain name.
send QUIT => 221 test.example.com
closed

logline DENIED_UNQUALIFIED_RECIPIENT from: a@b.example to: joe origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
