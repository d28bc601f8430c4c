# graylist-level=always without the recipient-domain directory: no
# graylisting (session.md 9 item 3, files.md 9.3), nothing is created.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options graylist-level=always graylist-dir=$TMP

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_GRAYLISTED
log-not DENIED_
log-not ERROR
backend contains RCPT TO:<c@ours.example>\r\n
