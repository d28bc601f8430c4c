# Per-rDNS file (files.md 2.2, 2.3 step 2): the client's PTR name is
# mx.example.net, so _rdns_/net/example/mx is read for every recipient.  It
# adds a recipient-blacklist entry, which refuses vip@d.example and not the
# next recipient of the same session.  The file of another host
# (_rdns_/net/example/mx2) is never read.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
dns 1.2.0.192.in-addr.arpa PTR mx.example.net
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_rdns_/net/example
setup printf 'recipient-blacklist-entry=vip@d.example\n' > $TMP/cd/_rdns_/net/example/mx
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_rdns_/net/example/mx2
connect 192.0.2.1 => 220 test.example.com ESMTP
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
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: mx.example.net auth: (unknown) encryption: (none) reason: vip@d.example
logline ALLOWED from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: mx.example.net auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED_BLACKLIST_IP
backend envelope 1 a@b.example other@d.example
backend lacks vip@d.example
