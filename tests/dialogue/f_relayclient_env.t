# RELAYCLIENT present in the environment allows relaying (session.md 5.2
# item 1): the non-local recipient is forwarded; the variable is passed to
# the backend untouched (1.3) and qmail appends its value (empty here).
env RELAYCLIENT=
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: relayed
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

logline ALLOWED from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend env RELAYCLIENT=
backend envelope 1 a@b.example x@elsewhere.example
