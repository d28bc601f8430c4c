# reject-sender=no-mx: an MX whose host has an A record is valid (6.5).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx
dns good.example MX 10 mx.good.example
dns mx.good.example A 192.0.2.50

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@good.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_NO_MX
log-not DENIED_
