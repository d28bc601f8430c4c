# Graylisting with graylist-min-secs=0 (default): the entry created by the
# first attempt lets the second attempt of the same pair pass (files.md 9.4
# step 5: min = 0); the message is delivered.  (One session stands in for
# two: the entry is all that is remembered.)
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<c@ours.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: second try
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

log-count 1 FILTER_GRAYLISTED
logline DENIED_GRAYLISTED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline ALLOWED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend messages 1
