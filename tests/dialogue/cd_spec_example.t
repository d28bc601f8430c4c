# The example of files.md 2.3: client 192.0.2.45, no rDNS, sender
# bob@lists.example.org.  _ip_/192/0/2 sets graylist-level=none,
# _recipient_/com/example sets graylist-level=always.  For kid@example.com
# both are read, the IP file first, so "always" wins: graylisted.  For
# kid@example.net only the IP file applies and switches graylisting
# (globally always-create-dir) off.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
example.com
example.net
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd graylist-dir=$TMP/gl graylist-level=always-create-dir
setup mkdir -p $TMP/cd/_ip_/192/0 $TMP/cd/_recipient_/com $TMP/gl/example.com
setup printf 'graylist-level=none\n' > $TMP/cd/_ip_/192/0/2
setup printf 'graylist-level=always\n' > $TMP/cd/_recipient_/com/example
connect 192.0.2.45 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<bob@lists.example.org> => 250 ok
send RCPT TO:<kid@example.com> => 421 Your address has been graylisted. Try again later.
send RCPT TO:<kid@example.net> => 250 ok
send QUIT => 221 test.example.com
closed
log FILTER_GRAYLISTED sender: bob@lists\.example\.org recipient: kid@example\.com path: $TMP/gl/example\.com/kid/lists\.example\.org/bob$
logline DENIED_GRAYLISTED from: bob@lists.example.org to: kid@example.com origin_ip: 192.0.2.45 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
file-count $TMP/gl/example.com/kid/lists.example.org/bob 1
file-count $TMP/gl/example.net 0
