# Without a remote IP (TCPREMOTEIP unset: IP 0.0.0.0) the missing-rDNS
# filter is skipped (session.md 2.3 row 2) and no PTR query is sent.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options reject-empty-rdns
unenv TCPREMOTEIP

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_RDNS_MISSING
log-not DENIED_
