# recipient-blacklist-entry (session.md 2.5 b order 3): only that recipient
# is refused (554, not forwarded); the next recipient of the same session
# is accepted and the message reaches it alone.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts recipient-blacklist-entry=Closed@Ours.Example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<closed@ours.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<open@ours.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hi
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

log FILTER_RECIPIENT_BLACKLIST recipient: closed@ours\.example entry: Closed@Ours\.Example$
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: closed@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: Closed@Ours.Example
logline ALLOWED from: a@b.example to: open@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend lacks closed@
backend messages 1
backend envelope 1 a@b.example open@ours.example
