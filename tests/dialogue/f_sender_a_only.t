# reject-sender=no-mx: no MX answer but an A record of the domain other
# than 127.0.0.1 is valid (6.5).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx
dns aonly.example A 192.0.2.60

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@aonly.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_NO_MX
log-not DENIED_
