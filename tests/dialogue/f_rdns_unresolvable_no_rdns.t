# reject-unresolvable-rdns does not imply reject-empty-rdns: a client
# without rDNS is not checked (session.md 2.3 row 14 "skipped when no
# rDNS").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-unresolvable-rdns

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_RDNS
log-not DENIED_
