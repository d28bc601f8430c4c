# A recipient whitelist does not permit relaying (options.md 2.8 "relay and
# validation rules still apply", session.md 2.5 item 6).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts recipient-whitelist-entry=x@elsewhere.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send QUIT => 221 test.example.com
closed

log FILTER_RELAYING$
logline DENIED_RELAYING from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
