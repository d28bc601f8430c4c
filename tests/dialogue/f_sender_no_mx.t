# reject-sender=no-mx (session.md 5.4 item 5, 6.5): a non-local sender
# domain without MX and without A: MAIL "250 <text>" (grace AFTER_MAIL),
# RCPT 421 "...no mail exchanger (MX)." (options.md 3.1), FILTER line.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@nomx.example> => 250 Refused. The domain of your sender address has no mail exchanger (MX).
send RCPT TO:<c@ours.example> => 421 Refused. The domain of your sender address has no mail exchanger (MX).
send QUIT => 221 Refused. The domain of your sender address has no mail exchanger (MX).
closed

log FILTER_SENDER_NO_MX domain: nomx\.example$
logline DENIED_SENDER_NO_MX from: a@nomx.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
dnslog nomx\.example MX
backend no MAIL
backend no RCPT
