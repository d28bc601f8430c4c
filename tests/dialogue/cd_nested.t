# Nested trees (files.md 2.2 "Nesting"): a candidate that is a directory is
# searched as a new root for the remaining criteria.
#   _ip_/192/0/2/1/_recipient_/example/d/_at_/vip: IP and recipient match.
#   _ip_/192/0/2/1/_sender_/example/b/_recipient_/example/d/_at_/boss: IP,
#     sender domain and recipient must all match.
#   _ip_/192/0/2/9/_recipient_/example/d/_at_/other: another client's tree.
#   _ip_/192/0/2/1/_ip_/192/0/2/1: the IP criterion is not searched again
#     inside its own subtree.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/192/0/2/1/_recipient_/example/d/_at_ $TMP/cd/_ip_/192/0/2/1/_sender_/example/b/_recipient_/example/d/_at_ $TMP/cd/_ip_/192/0/2/9/_recipient_/example/d/_at_ $TMP/cd/_ip_/192/0/2/1/_ip_/192/0/2
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_ip_/192/0/2/1/_recipient_/example/d/_at_/vip
setup printf 'recipient-blacklist-entry=boss@d.example\n' > $TMP/cd/_ip_/192/0/2/1/_sender_/example/b/_recipient_/example/d/_at_/boss
setup printf 'ip-blacklist-entry=192.0.2.0/24\n' > $TMP/cd/_ip_/192/0/2/9/_recipient_/example/d/_at_/other
setup printf 'ip-blacklist-entry=192.0.2.0/24\n' > $TMP/cd/_ip_/192/0/2/1/_ip_/192/0/2/1
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<boss@d.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<other@d.example> => 250 ok
send RSET => 250 flushed
send MAIL FROM:<a@c.example> => 250 ok
send RCPT TO:<boss@d.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Your IP address is blacklisted.
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: boss@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: boss@d.example
logline DENIED_BLACKLIST_IP from: a@c.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline ALLOWED from: a@c.example to: boss@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not 192\.0\.2\.0/24
log-count 3 DENIED_
backend envelope 1 a@c.example boss@d.example
