# The recipient whitelist (2.5 step 4) runs before the recipient filters:
# a recipient on both lists is accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options recipient-whitelist-entry=abuse@ours.example recipient-blacklist-entry=@ours.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<abuse@ours.example> => 250 ok
send RCPT TO:<c@ours.example> => 554 Refused. Mail is not being accepted at this address.
send QUIT => 221 test.example.com
closed

log FILTER_RECIPIENT_WHITELIST recipient: abuse@ours\.example entry: abuse@ours\.example$
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: @ours.example
log-count 1 DENIED_
