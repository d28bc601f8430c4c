# Relaying denied (session.md 5.3 step 4): a non-local recipient gets 554,
# is not forwarded, and a local one in the same session is accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
.sub.ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send RCPT TO:<x@notours.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send RCPT TO:<x@mx.sub.ours.example> => 250 ok
send RCPT TO:<x@Ours.Example> => 250 ok
send QUIT => 221 test.example.com
closed

log-count 2 FILTER_RELAYING$
logline DENIED_RELAYING from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline DENIED_RELAYING from: a@b.example to: x@notours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend lacks elsewhere
backend lacks notours
