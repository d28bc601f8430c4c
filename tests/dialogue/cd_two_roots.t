# Several config-dir roots (files.md 2.3): in first mode the done flags are
# shared across roots, so for vip@d.example only the first root's file is
# read and the second root's file for the same path is not; for
# other@d.example the first root has nothing and the second root's file
# applies.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd1 config-dir=$TMP/cd2/
setup mkdir -p $TMP/cd1/_recipient_/example/d/_at_ $TMP/cd2/_recipient_/example/d/_at_
setup printf 'recipient-blacklist-entry=vip@d.example\n' > $TMP/cd1/_recipient_/example/d/_at_/vip
setup printf 'recipient-whitelist-entry=vip@d.example\nrejection-text-recipient-blacklist=Second root read.\n' > $TMP/cd2/_recipient_/example/d/_at_/vip
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd2/_recipient_/example/d/_at_/other
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<other@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<third@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: vip@d.example
logline DENIED_BLACKLIST_IP from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline ALLOWED from: a@b.example to: third@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
