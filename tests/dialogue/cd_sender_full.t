# Per-sender file (files.md 2.2, 2.3 step 3): _sender_/example/b/_at_/a
# applies while the sender is a@b.example.  After a new MAIL FROM with
# another sender of the same domain the next recipient is judged with the
# global settings (no leak from the previous transaction).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_sender_/example/b/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_sender_/example/b/_at_/a
connect => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<A@B.Example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is blacklisted.
send RSET => 250 flushed
send MAIL FROM:<z@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline ALLOWED from: z@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
logline-count 1 DENIED_BLACKLIST_IP from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
backend envelope 1 z@b.example c@d.example
