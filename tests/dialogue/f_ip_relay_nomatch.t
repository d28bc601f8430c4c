# ip-relay-entry for another network: no relaying, no RELAYCLIENT injected.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-relay-entry=198.51.100.0/24
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send QUIT => 221 test.example.com
closed

log-not FILTER_RELAY_IP
backend env-absent RELAYCLIENT
