# A whitelisted client gets no greeting delay (session.md 2.3: blocking
# filters after a whitelist are skipped; 5.5 item 2): greeting at once,
# early talk is not punished.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts greeting-delay-secs=3
options ip-whitelist-entry=192.0.2.1
timeout 1.5

start
sendraw HELO early.example\r\n
expect => 220 test.example.com ESMTP
expect => 250 test.example.com
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_EARLYTALKER
log-not DENIED_
