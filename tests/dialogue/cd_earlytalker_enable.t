# A directory file cannot switch the earlytalker filter on (session.md 5.5
# item 3): greeting-delay-secs is 0 globally, so there was no wait at
# start-up and nothing can have been detected; vip@d.example's file sets 2
# and vip2's sets 3.  Both are accepted although the client talked before
# the greeting, and the error is logged once per new value (not once per
# recipient).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'greeting-delay-secs=2\n' > $TMP/cd/_recipient_/example/d/_at_/vip
setup printf 'greeting-delay-secs=3\n' > $TMP/cd/_recipient_/example/d/_at_/vip2
start 192.0.2.1
sendraw EHLO early.example\r\n
expect => 220 test.example.com ESMTP
expect => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<vip2@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
log-count 2 ^spamdyke\[\d+\]: ERROR\(.*\): earlytalker filter cannot be activated after the start of the connection -- ignoring configuration option$
log-not DENIED
log-not FILTER_EARLYTALKER
