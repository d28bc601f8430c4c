# An unqualified recipient (no domain) is refused (session.md 5.3 step 2):
# 554 "Improper recipient address...", FILTER_UNQUALIFIED_RECIPIENT.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<joe> => 554 Improper recipient address. Try supplying a domain name.
send QUIT => 221 test.example.com
closed

log FILTER_UNQUALIFIED_RECIPIENT recipient: joe$
logline DENIED_UNQUALIFIED_RECIPIENT from: a@b.example to: joe origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
