# config-dir-search=all-sender: after the full-address sender file
# (_sender_/example/b/_at_/a) every domain-level candidate is visited too,
# and the nested file _sender_/example/_recipient_/example/d is read (last,
# so its text wins).  z@b.example has no full-address file but gets the
# nested file as well.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd config-dir-search=all-sender
setup mkdir -p $TMP/cd/_sender_/example/b/_at_ $TMP/cd/_sender_/example/_recipient_/example
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_sender_/example/b/_at_/a
setup printf 'ip-blacklist-entry=192.0.2.1\nrejection-text-ip-blacklist=Nested sender-domain file read.\n' > $TMP/cd/_sender_/example/_recipient_/example/d
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Nested sender-domain file read.
send RSET => 250 flushed
send MAIL FROM:<z@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Nested sender-domain file read.
send QUIT => 221 test.example.com
closed
