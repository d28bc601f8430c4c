# rdns-relay-entry (session.md 5.2 item 2): a client whose rDNS matches may
# relay; RELAYCLIENT= injected; FILTER_RDNS_NAME line (4.5).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts rdns-relay-entry=.office.ours.example
dns 1.2.0.192.in-addr.arpa PTR gw.office.ours.example
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_RDNS_NAME ip: 192\.0\.2\.1 rdns: gw\.office\.ours\.example entry: \.office\.ours\.example$
backend env RELAYCLIENT=
