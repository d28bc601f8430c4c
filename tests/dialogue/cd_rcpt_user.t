# Per-user recipient file (files.md 2.2): _recipient_/example/d/_at_/vip is
# read for vip@d.example (any case) only; the local part is canonicalized
# (bytes outside [A-Za-z0-9@_.-] become '_', then lowercased), so
# Joe+News@d.example reads _at_/joe_news.  other@d.example, between them in
# the same transaction, is judged with the global settings.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d/_at_/vip
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d/_at_/joe_news
connect => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<other@d.example> => 250 ok
send RCPT TO:<VIP@D.EXAMPLE> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<Joe+News@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<vip2@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline-count 2 DENIED_BLACKLIST_IP from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline DENIED_BLACKLIST_IP from: a@b.example to: joe+news@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline ALLOWED from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
logline ALLOWED from: a@b.example to: vip2@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend envelope 1 a@b.example other@d.example vip2@d.example
