# recipient-blacklist-file with a "@domain" line: every recipient of that
# domain (and subdomains) refused with reason FILE:LINE; others accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
.ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts recipient-blacklist-file=$TMP/rbl
config rbl <<EOF
# closed
@old.ours.example
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@mx.old.ours.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<x@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_RECIPIENT_BLACKLIST recipient: x@mx\.old\.ours\.example file: $TMP/rbl\(2\)$
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: x@mx.old.ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: $TMP/rbl:2
backend lacks old.ours
