# ip-relay-file: FILTER_RELAY_IP names FILE(LINE) (session.md 4.5, written
# as shown there); RELAYCLIENT= injected.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-relay-file=$TMP/relay
config relay <<EOF
# office
10.0.0.0/8
192.0.2.1:allow
EOF
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_RELAY_IP ip: 192\.0\.2\.1 file: $TMP/relay\(3\)$
backend env RELAYCLIENT=
