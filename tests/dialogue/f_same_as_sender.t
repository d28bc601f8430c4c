# reject-recipient=same-as-sender (session.md 2.5 b order 2): the recipient
# equal to the sender (case-insensitively) is refused, another accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-recipient=same-as-sender

connect => 220 test.example.com ESMTP
send MAIL FROM:<Joe@Ours.Example> => 250 ok
send RCPT TO:<joe@ours.example> => 554 Refused. Identical sender and recipient addresses are not allowed.
send RCPT TO:<ann@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_IDENTICAL_SENDER_RECIPIENT sender: joe@ours\.example recipient: joe@ours\.example$
logline DENIED_IDENTICAL_SENDER_RECIPIENT from: joe@ours.example to: joe@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend lacks RCPT TO:<joe@
