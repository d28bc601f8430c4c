# A directory file cannot lengthen the greeting delay either (session.md
# 5.5 item 3): the global wait was 1 s and this client waited politely;
# vip@d.example's file asks for 4 s.  The recipient is accepted with no
# further wait, and the error is logged.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd greeting-delay-secs=1
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'greeting-delay-secs=4\n' > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<other@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
log-count 1 ^spamdyke\[\d+\]: ERROR\(.*\): earlytalker filter cannot be activated after the start of the connection -- ignoring configuration option$
log-not DENIED
