# reject-sender=no-mx: the domain's only A record is 127.0.0.1: invalid
# (6.5 "other than 127.0.0.1").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx
dns loop.example A 127.0.0.1

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@loop.example> => 250 Refused. The domain of your sender address has no mail exchanger (MX).
send RCPT TO:<c@ours.example> => 421 Refused. The domain of your sender address has no mail exchanger (MX).
send QUIT => 221 Refused. The domain of your sender address has no mail exchanger (MX).
closed

log FILTER_SENDER_NO_MX domain: loop\.example$
