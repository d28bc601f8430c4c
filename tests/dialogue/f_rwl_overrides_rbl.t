# DNS whitelist (row 15) before the RBL (row 17): a listed client is
# whitelisted and the later blacklist does not reject it (session.md 2.1).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options dns-whitelist-entry=rwl.test dns-blacklist-entry=rbl.test
dns 1.2.0.192.rwl.test A 127.0.0.2
dns 1.2.0.192.rbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_RWL_MATCH ip: 192\.0\.2\.1 rwl: rwl\.test$
log-not FILTER_RBL_MATCH
log-not DENIED_
backend contains RCPT TO:<c@ours.example>\r\n
