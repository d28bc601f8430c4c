# With config-dir the sender filters do not run at MAIL; they run per
# recipient after the directory files (session.md 2.4, 2.5 step 3).  The
# global sender blacklist entry lets MAIL through to the backend and
# refuses at RCPT; vip's file removes the entry ("!VALUE"), so vip is
# accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd sender-blacklist-entry=a@b.example
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'sender-blacklist-entry=!a@b.example\n' > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<other@d.example> => 554 Refused. Your sender address has been blacklisted.
send RCPT TO:<vip@d.example> => 250 ok
send QUIT => 221 Refused. Your sender address has been blacklisted.
closed
logline DENIED_SENDER_BLACKLISTED from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: a@b.example
log-count 1 DENIED
backend contains MAIL FROM:<a@b.example>
backend contains RCPT TO:<vip@d.example>
backend lacks other@d.example
