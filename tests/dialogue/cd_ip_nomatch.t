# The IP files of other clients are not read (files.md 2.2): client
# 192.0.2.2 has no file; _ip_/192/0/2/1 and _ip_/192/0/2/20 (which would
# blacklist it) do not apply, and the message is delivered.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/192/0/2
setup printf 'ip-blacklist-entry=192.0.2.0/24\n' > $TMP/cd/_ip_/192/0/2/1
setup printf 'ip-blacklist-entry=192.0.2.0/24\n' > $TMP/cd/_ip_/192/0/2/20
connect 192.0.2.2 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline ALLOWED from: a@b.example to: c@d.example origin_ip: 192.0.2.2 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED
backend messages 1
