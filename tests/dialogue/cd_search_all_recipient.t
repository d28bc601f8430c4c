# config-dir-search=all-recipient: every recipient match is read: A (nested
# under the IP) and then the top-level C.  The IP step still stops at its
# first candidate, so B is not read.
# Three files could apply to sender a@b.example, recipient vip@d.example,
# client 192.0.2.1 (files.md 2.3):
#   A _ip_/192/0/2/1/_recipient_/example/d/_at_/vip   ip-blacklist-entry=192.0.2.1
#     (4-octet IP level, nested; counts as a recipient file)
#   B _ip_/192/0/2/_sender_/example/b/_at_/a          rejection-text-ip-blacklist=B read.
#     (3-octet IP level, nested; counts as a sender file)   and
#                                                     recipient-blacklist-entry=other@d.example
#   C _recipient_/example/d/_at_/vip                  rejection-text-ip-blacklist=C read.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd config-dir-search=all-recipient
setup mkdir -p $TMP/cd/_ip_/192/0/2/1/_recipient_/example/d/_at_ $TMP/cd/_ip_/192/0/2/_sender_/example/b/_at_ $TMP/cd/_recipient_/example/d/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_ip_/192/0/2/1/_recipient_/example/d/_at_/vip
setup printf 'rejection-text-ip-blacklist=B read.\nrecipient-blacklist-entry=other@d.example\n' > $TMP/cd/_ip_/192/0/2/_sender_/example/b/_at_/a
setup printf 'rejection-text-ip-blacklist=C read.\n' > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 C read.
send RCPT TO:<other@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
