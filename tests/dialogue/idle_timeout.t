# idle-timeout-secs=1: a silent client gets "421 Timeout. Talk faster next
# time.", a TIMEOUT decision line with the current sender, and the
# connection is closed (session.md 5.6, 4.2).  Timers are checked every
# 0.5-2 s, so the reply may take up to 3 s.
timeout 4
options idle-timeout-secs=1

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
expect => 421 Timeout. Talk faster next time.
closed
exit 0

logline TIMEOUT from: a@b.example to: (unknown) origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: TIMEOUT
log-count 1 TIMEOUT from:
backend exited
