# rdns-whitelist-dir (session.md 2.3 row 6, files.md 4.2): a.mx.partner.org
# is found at org/p/partner/mx.partner.org; the connection is whitelisted,
# so the IP blacklist (row 11) does not run.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1
options rdns-whitelist-dir=$SRCDIR/tests/fixtures/filters/rdns-wl-dir
dns 1.2.0.192.in-addr.arpa PTR a.mx.partner.org

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_WHITELIST_NAME ip: 192\.0\.2\.1 rdns: a\.mx\.partner\.org path: $SRCDIR/tests/fixtures/filters/rdns-wl-dir/org/p/partner/mx\.partner\.org$
log-not FILTER_BLACKLIST_IP
log-not DENIED_
