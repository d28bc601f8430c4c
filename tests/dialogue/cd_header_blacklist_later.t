# The connection-wide header blacklist from directory files is never reset
# (files.md 2.1): after vip@d.example's file added an entry in the first
# transaction, a later message to other@d.example alone is checked against
# it too.  The first message (no match) is delivered.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'header-blacklist-entry=subject: *viagra*\n' > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send DATA => 354 Proceed.
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<other@d.example> => 250 ok
send DATA => 354 Proceed.
data <<EOF
Subject: viagra
EOF
  => 554 Refused. Your message has been blocked due to its content.
send QUIT => 221 Refused. Your message has been blocked due to its content.
closed
logline ALLOWED from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
logline DENIED_HEADER_BLACKLISTED from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: subject:_*viagra*
backend messages 1
backend message 1 <<EOF
Subject: hello
EOF
