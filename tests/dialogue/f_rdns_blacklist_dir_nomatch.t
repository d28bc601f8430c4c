# rdns-blacklist-dir: an entry for spam.net does not list notspam.net or
# spam.net.example (files.md 4.2: X matches X and names ending in ".X").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options rdns-blacklist-dir=$SRCDIR/tests/fixtures/filters/rdns-bl-dir
dns 1.2.0.192.in-addr.arpa PTR mx.notspam.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_BLACKLIST_NAME
log-not DENIED_
