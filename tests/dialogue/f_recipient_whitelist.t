# recipient-whitelist-entry with an IP-blacklisted client (grace AFTER_RCPT,
# session.md 2.2 consequence 2): MAIL reaches the backend; the whitelisted
# recipient is accepted, another one gets the pending 554; the message is
# delivered to the whitelisted recipient (2.6: accepted recipients earned
# their acceptance).
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1
options recipient-whitelist-entry=postmaster@ours.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<PostMaster@ours.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hi
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

log FILTER_RECIPIENT_WHITELIST recipient: postmaster@ours\.example entry: postmaster@ours\.example$
logline DENIED_BLACKLIST_IP from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline ALLOWED from: a@b.example to: postmaster@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend envelope 1 a@b.example PostMaster@ours.example
