# rdns-whitelist-entry (session.md 2.3 row 4) whitelists the connection:
# the IP blacklist (row 11) after it does not run, mail is accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options rdns-whitelist-entry=.partner.example ip-blacklist-entry=192.0.2.1
dns 1.2.0.192.in-addr.arpa PTR mx1.partner.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_WHITELIST_NAME ip: 192\.0\.2\.1 rdns: mx1\.partner\.example entry: \.partner\.example$
log-not FILTER_BLACKLIST_IP
log-not DENIED_
backend contains RCPT TO:<c@ours.example>\r\n
