# RELAYCLIENT with a value: relaying allowed; the value is qmail's recipient
# suffix, appended to the domain for spamdyke's own checks (session.md 5.3
# step 1) and passed unchanged to the backend.
env RELAYCLIENT=.relay
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not DENIED_
backend env RELAYCLIENT=.relay
backend contains RCPT TO:<x@elsewhere.example>\r\n
