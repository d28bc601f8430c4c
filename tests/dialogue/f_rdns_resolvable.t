# reject-unresolvable-rdns: any A record passes, even one that is not the
# client address (session.md 2.11 "not compared with the client IP").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-unresolvable-rdns
dns 1.2.0.192.in-addr.arpa PTR host.example.net
dns host.example.net A 198.51.100.77

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_RDNS_RESOLVE
log-not DENIED_
