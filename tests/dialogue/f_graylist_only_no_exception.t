# graylist-level=only-create-dir without an exception match: no graylisting.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=only-create-dir graylist-dir=$TMP graylist-exception-rdns-entry=.dyn.example.net
dns 1.2.0.192.in-addr.arpa PTR mx.static.example.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_GRAYLISTED
