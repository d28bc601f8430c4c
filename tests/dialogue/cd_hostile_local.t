# Hostile recipient local parts (files.md 2.2, 2.4 Improvement): remote text
# never leads outside the tree or to another address's file.  Files are
# planted where an unchecked path would lead, each blacklisting the client:
#   ../../../../../planted@d.example  -> $TMP/planted (outside the tree)
#   ../../../etc@d.example            -> $TMP/cd/_recipient_/etc
#   a/../../x@d.example               -> $TMP/cd/_recipient_/example/d/x
#                                        (through the directory _at_/a)
# The local part is canonicalized ('/' becomes '_'), so none of them is
# read: every recipient is accepted and the message delivered.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd log-level=debug
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_/a
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/planted
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/etc
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d/x
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<../../../../../planted@d.example> => 250 ok
send RCPT TO:<../../../etc@d.example> => 250 ok
send RCPT TO:<a/../../x@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
log-not DENIED
log-not FILTER_BLACKLIST_IP
log-not _at_/[^ ]*\.\./
logline ALLOWED from: a@b.example to: ../../../../../planted@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
logline ALLOWED from: a@b.example to: ../../../etc@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
logline ALLOWED from: a@b.example to: a/../../x@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
backend messages 1
