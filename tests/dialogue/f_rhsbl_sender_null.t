# The null sender runs no sender filters (session.md 2.4): MAIL FROM:<>
# passes an RHSBL that lists everything.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts rhs-blacklist-entry=rhsbl.test
dns *.rhsbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_RHSBL_MATCH
log-not DENIED_
