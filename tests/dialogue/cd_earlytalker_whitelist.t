# With config-dir the greeting-delay wait happens at start-up whenever the
# global value is > 0, regardless of whitelists (session.md 5.5 item 3).
# The client is globally whitelisted and talks early; other@d.example is
# accepted (whitelisted), but vip's file removes the whitelist entry, so the
# early talk recorded at start-up refuses vip.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd greeting-delay-secs=1 ip-whitelist-entry=192.0.2.1
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'ip-whitelist-entry=!!!\n' > $TMP/cd/_recipient_/example/d/_at_/vip
start 192.0.2.1
sendraw EHLO early.example\r\n
expect => 220 test.example.com ESMTP
expect => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<other@d.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. You are not following the SMTP protocol.
send QUIT => 221 test.example.com
closed
logline DENIED_EARLYTALKER from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log-count 1 DENIED
