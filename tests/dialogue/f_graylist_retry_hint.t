# graylist-retry-hint (addition) appends " Retry after N seconds." to the
# graylist reply; for a new entry N is graylist-min-secs.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always-create-dir graylist-dir=$TMP graylist-min-secs=300 graylist-retry-hint

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later. Retry after 300 seconds.
send QUIT => 221 test.example.com
closed

logline DENIED_GRAYLISTED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
