# Per-domain recipient file (files.md 2.2, 2.3 step 4): _recipient_/example/d
# applies to every recipient at d.example and its subdomains; the next
# recipient, at e.example, is judged with the global settings in the same
# transaction and its message is delivered.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
.d.example
e.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d
connect => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<x@e.example> => 250 ok
send RCPT TO:<y@Sub.D.Example> => 554 Refused. Your IP address is blacklisted.
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: x@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline DENIED_BLACKLIST_IP from: a@b.example to: y@sub.d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline ALLOWED from: a@b.example to: x@e.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend envelope 1 a@b.example x@e.example
