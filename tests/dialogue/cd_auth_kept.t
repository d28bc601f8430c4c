# "authenticated" survives the reset done when a directory file applies
# (files.md 2.1, session.md 2.5 step 3): after an (observed) AUTH, vip's
# file adding an IP blacklist entry changes nothing, because blocking
# filters do not run for an authenticated session.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN
env FAKEQMAIL_AUTH=joe:secret
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 235 ok, go ahead (#2.0.0)
send MAIL FROM:<joe@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<other@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
log-not DENIED
backend contains RCPT TO:<vip@d.example>
