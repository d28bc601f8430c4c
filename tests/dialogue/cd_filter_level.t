# filter-level in directory files (files.md 2.4; session.md 2.5 step 3:
# when a file applies, the state is reset and the lock cleared).  Globally
# filter-level=reject-all; vip's file sets normal and is accepted, boss's
# file sets allow-all and wins over the global IP blacklist entry, while
# other@d.example (no file) is refused with the reject-all text.  With
# config-dir the refusal waits for RCPT, so MAIL reaches the backend.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd filter-level=reject-all ip-blacklist-entry=192.0.2.1
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'filter-level=normal\nip-blacklist-entry=!!!\n' > $TMP/cd/_recipient_/example/d/_at_/vip
setup printf 'filter-level=allow-all\n' > $TMP/cd/_recipient_/example/d/_at_/boss
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<other@d.example> => 554 Refused. Mail is not being accepted.
send RCPT TO:<boss@d.example> => 250 ok
send QUIT => 221 Refused. Mail is not being accepted.
closed
logline DENIED_REJECT_ALL from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log-count 1 DENIED
backend contains RCPT TO:<vip@d.example>
backend contains RCPT TO:<boss@d.example>
backend lacks other@d.example
