# graylist-level=only-create-dir graylists only exception matches: the
# client's rDNS matches graylist-exception-rdns-entry, so it is graylisted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=only-create-dir graylist-dir=$TMP graylist-exception-rdns-entry=.dyn.example.net
dns 1.2.0.192.in-addr.arpa PTR h1.dyn.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 421 Your address has been graylisted. Try again later.
send QUIT => 221 test.example.com
closed

logline DENIED_GRAYLISTED from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: h1.dyn.example.net auth: (unknown) encryption: (none) reason: (empty)
