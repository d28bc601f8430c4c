# config-dir-search first: the full-address sender file
# _sender_/example/b/_at_/a marks the sender category done, so the
# domain-level candidates (_sender_/example/b, _sender_/example, both
# directories here) are not visited and the file nested at
# _sender_/example/_recipient_/example/d is not read.  For sender z@b.example
# (no full-address file) the first existing domain candidate,
# _sender_/example/b, is a directory with nothing for it; it still ends the
# step in first mode, so _sender_/example is not visited either.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd 
setup mkdir -p $TMP/cd/_sender_/example/b/_at_ $TMP/cd/_sender_/example/_recipient_/example
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_sender_/example/b/_at_/a
setup printf 'ip-blacklist-entry=192.0.2.1\nrejection-text-ip-blacklist=Nested sender-domain file read.\n' > $TMP/cd/_sender_/example/_recipient_/example/d
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is blacklisted.
send RSET => 250 flushed
send MAIL FROM:<z@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
