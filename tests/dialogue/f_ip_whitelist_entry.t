# ip-whitelist-entry (session.md 2.3 row 10) whitelists the client: the
# DNS RBL (row 17) that lists it does not reject, nothing is refused.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options ip-whitelist-entry=192.0.2.1 dns-blacklist-entry=rbl.test
dns 1.2.0.192.rbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_WHITELIST_IP ip: 192\.0\.2\.1 entry: 192\.0\.2\.1$
log-not FILTER_RBL_MATCH
log-not DENIED_
backend contains RCPT TO:<c@ours.example>\r\n
