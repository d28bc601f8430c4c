# reject-sender=no-mx is not applied to local sender domains (5.4 item 5
# "sender not local"): ours.example has no DNS records at all.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@ours.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_NO_MX
log-not DENIED_
