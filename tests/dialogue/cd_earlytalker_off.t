# greeting-delay-secs in directory files (session.md 5.5 item 3): the wait
# happens at start-up with the global value (1 s) and this client talks
# early.  Per recipient:
#   vip@d.example  file sets 0  -> the early-talker result is ignored
#   long@d.example file sets 3  -> N > 0 and early talk seen: refused
#   other@d.example (no file)   -> global 1: refused
# With config-dir the rejection waits for RCPT (grace AFTER_RCPT), so MAIL
# reaches the backend; the message goes to vip alone.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd greeting-delay-secs=1
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'greeting-delay-secs=0\n' > $TMP/cd/_recipient_/example/d/_at_/vip
setup printf 'greeting-delay-secs=3\n' > $TMP/cd/_recipient_/example/d/_at_/long
start 192.0.2.1
sendraw EHLO early.example\r\n
expect => 220 test.example.com ESMTP
expect => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<long@d.example> => 554 Refused. You are not following the SMTP protocol.
send RCPT TO:<other@d.example> => 554 Refused. You are not following the SMTP protocol.
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline DENIED_EARLYTALKER from: a@b.example to: long@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline DENIED_EARLYTALKER from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline ALLOWED from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not earlytalker filter cannot be activated
backend envelope 1 a@b.example vip@d.example
