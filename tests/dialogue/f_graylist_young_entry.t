# An existing but still empty entry younger than graylist-min-secs is
# refused again (files.md 9.4 step 5 "too young and still empty").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always graylist-dir=$TMP graylist-min-secs=600
command /bin/sh -c "mkdir -p $TMP/ours.example/c/b.example && touch -d '5 minutes ago' $TMP/ours.example/c/b.example/a && exec $FAKEQMAIL"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

logline DENIED_GRAYLISTED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
