# Precedence (session.md 2.5 b): same-as-sender overrides max-recipients,
# so the identical recipient beyond the limit gets the 554 text.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-recipient=same-as-sender max-recipients=1

connect => 220 test.example.com ESMTP
send MAIL FROM:<joe@ours.example> => 250 ok
send RCPT TO:<ann@ours.example> => 250 ok
send RCPT TO:<joe@ours.example> => 554 Refused. Identical sender and recipient addresses are not allowed.
send QUIT => 221 test.example.com
closed

logline DENIED_IDENTICAL_SENDER_RECIPIENT from: joe@ours.example to: joe@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
