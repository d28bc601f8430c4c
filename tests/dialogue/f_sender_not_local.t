# reject-sender=not-local (session.md 5.4 item 2): a sender domain not in
# rcpthosts: MAIL "250 <text>", RCPT 554 "...not hosted here."
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=not-local

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@elsewhere.example> => 250 Refused. Mail for your sender domain is not hosted here.
send RCPT TO:<c@ours.example> => 554 Refused. Mail for your sender domain is not hosted here.
send QUIT => 221 Refused. Mail for your sender domain is not hosted here.
closed

log FILTER_SENDER_NOT_LOCAL domain: elsewhere\.example$
logline DENIED_SENDER_NOT_LOCAL from: a@elsewhere.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no MAIL
