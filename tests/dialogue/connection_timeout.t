# connection-timeout-secs (session.md 5.6): the session may last at most
# N seconds in total, however busy the client is; then qmail-smtpd's input
# is closed, the client gets the 421 timeout reply and a TIMEOUT decision
# line is written with the current sender and recipient.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts connection-timeout-secs=1 policy-url=http://example.com/p.html
connect => 220
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
sleep 0.6
send NOOP => 250 ok
sleep 0.7
expect => 421 Timeout. Talk faster next time. See: http://example.com/p.html#TIMEOUT
closed
logline TIMEOUT from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: TIMEOUT
backend messages 0
