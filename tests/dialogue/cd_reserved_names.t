# A file named _at_ is never read (files.md 2.2), and structure names are
# never data.  Planted files, each blacklisting the client:
#   _recipient_/example/e/_at_ (a file)   candidate of x@_at_.e.example
#   _recipient_/example/d/_at_/_at_       full-address path of _at_@d.example
#   _recipient_/example/d/_at_/_ip_       full-address path of _ip_@d.example
# None is read, so every recipient is accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
.e.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/e $TMP/cd/_recipient_/example/d/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/e/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d/_at_/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d/_at_/_ip_
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@_at_.e.example> => 250 ok
send RCPT TO:<_at_@d.example> => 250 ok
send RCPT TO:<_ip_@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
log-not DENIED
