# require-auth with a sender whitelist: the whitelist lifts the rejection
# at MAIL (MAIL is forwarded), but under the 2.5 step 7 Improvement an
# unauthenticated session never gets a recipient accepted: every RCPT 554.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts filter-level=require-auth
options sender-whitelist-entry=a@b.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 554 Refused. Authentication is required to send mail.
send RCPT TO:<d@ours.example> => 554 Refused. Authentication is required to send mail.
send DATA => 554 Refused. Authentication is required to send mail.
send QUIT => 221 Refused. Authentication is required to send mail.
closed

logline DENIED_AUTH_REQUIRED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline DENIED_AUTH_REQUIRED from: a@b.example to: d@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
backend messages 0
