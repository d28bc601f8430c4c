# greeting-delay-secs=1 and a client that talks before the greeting
# (session.md 5.5, 2.3 row 19).  Default auth level (grace AFTER_MAIL): the
# backend greets after the delay, EHLO is forwarded, MAIL gets "250 <text>".
options greeting-delay-secs=1

start
sendraw EHLO early.example\r\n
expect => 220 test.example.com ESMTP
expect
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send MAIL FROM:<a@b.example> => 250 Refused. You are not following the SMTP protocol.
send RCPT TO:<c@ours.example> => 554 Refused. You are not following the SMTP protocol.
send QUIT => 221 Refused. You are not following the SMTP protocol.
closed

log FILTER_EARLYTALKER delay: 1$
logline DENIED_EARLYTALKER from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no MAIL
backend no RCPT
