# relay-level=block-all refuses non-local recipients even for clients that
# may relay (session.md 5.3 step 4), here RELAYCLIENT from the environment.
env RELAYCLIENT=
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts relay-level=block-all

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send RCPT TO:<x@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

logline DENIED_RELAYING from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend lacks elsewhere
