# Addition ZONE=CODES (options.md 5): rbl.test=127.0.0.2 acts only on the
# answer 127.0.0.2; the answer 127.0.0.3 does not list the client.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts dns-blacklist-entry=rbl.test=127.0.0.2
dns 1.2.0.192.rbl.test A 127.0.0.3

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

dnslog 1\.2\.0\.192\.rbl\.test A
log-not FILTER_RBL_MATCH
log-not DENIED_
