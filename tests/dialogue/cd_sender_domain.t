# Domain-only sender file (files.md 2.2): _sender_/example/b applies to
# every sender at b.example and at its subdomains (labels are dropped from
# the left), not to a sender at another domain.  Each MAIL FROM starts a
# transaction judged again.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_sender_/example
setup printf 'recipient-blacklist-entry=c@d.example\n' > $TMP/cd/_sender_/example/b
connect => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<anyone@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<e@d.example> => 250 ok
send RSET => 250 flushed
send MAIL FROM:<x@lists.b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Mail is not being accepted at this address.
send RSET => 250 flushed
send MAIL FROM:<anyone@bb.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline DENIED_RECIPIENT_BLACKLISTED from: anyone@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: c@d.example
logline DENIED_RECIPIENT_BLACKLISTED from: x@lists.b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: c@d.example
logline ALLOWED from: anyone@bb.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-count 2 DENIED_
backend messages 1
backend envelope 1 anyone@bb.example c@d.example
