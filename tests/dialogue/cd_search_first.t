# config-dir-search first (the default): at most one file per category.  The
# IP step stops at its first existing candidate (_ip_/192/0/2/1, whose
# nested file A marks the recipient category done), so neither B (a lower IP
# level) nor C (recipient already done) is read.
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
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd 
setup mkdir -p $TMP/cd/_ip_/192/0/2/1/_recipient_/example/d/_at_ $TMP/cd/_ip_/192/0/2/_sender_/example/b/_at_ $TMP/cd/_recipient_/example/d/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_ip_/192/0/2/1/_recipient_/example/d/_at_/vip
setup printf 'rejection-text-ip-blacklist=B read.\nrecipient-blacklist-entry=other@d.example\n' > $TMP/cd/_ip_/192/0/2/_sender_/example/b/_at_/a
setup printf 'rejection-text-ip-blacklist=C read.\n' > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<other@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
