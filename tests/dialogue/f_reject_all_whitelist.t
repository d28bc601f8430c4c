# filter-level=reject-all locks the rejection: IP, sender and recipient
# whitelists cannot lift it (session.md 5.1, 2.1 rule 6).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts filter-level=reject-all
options ip-whitelist-entry=192.0.2.1 sender-whitelist-entry=a@b.example
options recipient-whitelist-entry=c@ours.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 554 Refused. Mail is not being accepted.
send DATA => 554 Refused. Mail is not being accepted.
send QUIT => 221 Refused. Mail is not being accepted.
closed

logline DENIED_REJECT_ALL from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log-not FILTER_RECIPIENT_WHITELIST
backend no RCPT
backend messages 0
