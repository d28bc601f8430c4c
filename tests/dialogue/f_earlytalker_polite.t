# greeting-delay-secs=1 with a client that waits for the greeting: no
# greeting during the first second, then the normal session.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts greeting-delay-secs=1

start
expect-nothing 0.7
expect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_EARLYTALKER
log-not DENIED_
