# The RBL is skipped for the client 127.0.0.1 (session.md 2.3 row 17): no
# query is sent and the client passes although the list would list it.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts dns-blacklist-entry=rbl.test
dns 1.0.0.127.rbl.test A 127.0.0.2

connect 127.0.0.1 => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

dnslog-not rbl\.test
log-not DENIED_
