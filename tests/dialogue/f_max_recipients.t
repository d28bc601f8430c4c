# max-recipients=2 (session.md 2.5 b order 1): the third RCPT gets 421 and
# is not forwarded; RSET resets the counter.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts max-recipients=2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<r1@ours.example> => 250 ok
send RCPT TO:<r2@ours.example> => 250 ok
send RCPT TO:<r3@ours.example> => 421 Too many recipients. Try the remaining addresses again later.
send RCPT TO:<r4@ours.example> => 421 Too many recipients. Try the remaining addresses again later.
send RSET => 250 flushed
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<r3@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_TOO_MANY_RECIPIENTS maximum: 2$
logline DENIED_TOO_MANY_RECIPIENTS from: a@b.example to: r3@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline DENIED_TOO_MANY_RECIPIENTS from: a@b.example to: r4@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log-count 2 DENIED_TOO_MANY
backend lacks r4@
backend contains RSET\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<r3@ours.example>\r\n
