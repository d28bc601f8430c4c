# "@bad.example" must not match x@notbad.example (the character before the
# domain must be "@" or "."), nor the null sender; entries "bad.example"
# and ".bad.example" match nothing (files.md 6).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts sender-blacklist-entry=@bad.example
options sender-blacklist-entry=notbad.example sender-blacklist-entry=.notbad.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<x@notbad.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send RSET => 250 flushed
send MAIL FROM:<> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_SENDER_BLACKLIST
log-not DENIED_
