# IPv6 clients (files.md 2.4 Improvement): _ip_ uses eight components, one
# per 16-bit group, 4 lowercase hex digits each, fully expanded.  For
# 2001:db8::5 the file is _ip_/2001/0db8/0000/0000/0000/0000/0000/0005.
# Neither the compressed spelling (_ip_/2001:db8::5) nor unpadded groups
# (_ip_/2001/db8/0/0/0/0/0/5) are read.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/2001/0db8/0000/0000/0000/0000/0000 $TMP/cd/_ip_/2001/db8/0/0/0/0/0
setup printf 'recipient-blacklist-entry=vip@d.example\n' > $TMP/cd/_ip_/2001/0db8/0000/0000/0000/0000/0000/0005
setup printf 'ip-blacklist-entry=2001:db8::/32\n' > $TMP/cd/_ip_/2001/db8/0/0/0/0/0/5
setup printf 'ip-blacklist-entry=2001:db8::/32\n' > $TMP/cd/_ip_/2001:db8::5
connect 2001:db8::5 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<other@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: vip@d.example origin_ip: 2001:db8::5 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: vip@d.example
logline ALLOWED from: a@b.example to: other@d.example origin_ip: 2001:db8::5 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED_BLACKLIST_IP
backend envelope 1 a@b.example other@d.example
