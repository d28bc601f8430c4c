# An A answer in 127.255.255.0/24 ("query refused") never lists the client
# (session.md 6.4 Improvement, options.md 5) and an error naming the zone
# is logged.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts dns-blacklist-entry=rbl.test
dns 1.2.0.192.rbl.test A 127.255.255.254

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log ^spamdyke\[\d+\]: ERROR\(.*rbl\.test
log-not FILTER_RBL_MATCH
log-not DENIED_
