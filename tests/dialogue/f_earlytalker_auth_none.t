# Earlytalker with smtp-auth-level=none (grace NONE, session.md 5.5 item
# 1): the greeting "220 Refused. You are not following the SMTP protocol."
# comes at once (before the 3 s delay ends) and the backend never starts.
options greeting-delay-secs=3 smtp-auth-level=none
timeout 2

start
sendraw EHLO early.example\r\n
expect => 220 Refused. You are not following the SMTP protocol.
expect => 250 Refused. You are not following the SMTP protocol.
send MAIL FROM:<a@b.example> => 250 Refused. You are not following the SMTP protocol.
send RCPT TO:<c@ours.example> => 554 Refused. You are not following the SMTP protocol.
send QUIT => 221 Refused. You are not following the SMTP protocol.
closed

log FILTER_EARLYTALKER delay: 3$
logline DENIED_EARLYTALKER from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend not-started
