# RHS whitelist on the rDNS name (row 16) overrides the earlier IP
# blacklist (row 11) and stops the RBL (row 17).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1
options rhs-whitelist-entry=rhswl.test dns-blacklist-entry=rbl.test
dns 1.2.0.192.in-addr.arpa PTR mx.good.example
dns good.example.rhswl.test A 127.0.0.2
dns 1.2.0.192.rbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log FILTER_RHSWL_MATCH domain: good\.example rhswl: rhswl\.test$
log-not FILTER_RBL_MATCH
log-not DENIED_
