# A SERVFAIL from the RBL never rejects (session.md 2.1 rule 7, 6.2).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts dns-blacklist-entry=rbl.test
options dns-timeout-secs=1
dns 1.2.0.192.rbl.test SERVFAIL
limit 10

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

dnslog 1\.2\.0\.192\.rbl\.test A
log-not FILTER_RBL_MATCH
log-not DENIED_
