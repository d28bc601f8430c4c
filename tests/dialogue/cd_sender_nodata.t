# A criterion with no data is skipped (files.md 2.2): a sender without a
# domain and the null sender search no _sender_ tree.  Files where an
# unchecked lookup would go (_sender_/_at_/joe, _sender_/_at_ and the
# _sender_ root itself) are not read.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_sender_/_at_ $TMP/cd/_sender_/x
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_sender_/_at_/joe
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_sender_/_at_/_
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<joe> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send RSET => 250 flushed
send MAIL FROM:<> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
log-not DENIED
