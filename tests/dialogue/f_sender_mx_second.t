# reject-sender=no-mx: MX records are tried in answer order until one
# resolves (6.5): the first MX host has no A record, the second has one.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx
dns good.example MX 10 dead.good.example
dns good.example MX 20 mx2.good.example
dns mx2.good.example A 192.0.2.51

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@good.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_NO_MX
log-not DENIED_
