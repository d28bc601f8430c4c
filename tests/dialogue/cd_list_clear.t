# List options in directory files extend the global list; "!!!" clears it
# and "!VALUE" removes one value (files.md 2.1, 1.2).  Globally the client
# IP is blacklisted twice (exact and by network).
#   vip@d.example:  ip-blacklist-entry=!!!            -> accepted
#   half@d.example: ip-blacklist-entry=!192.0.2.1     -> the /24 entry remains
#   more@d.example: sender-blacklist-entry=a@b.example (extends) + !!! of IPs
# The next recipient without a file sees the global list again.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd ip-blacklist-entry=192.0.2.1 ip-blacklist-entry=192.0.2.0/24
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'ip-blacklist-entry=!!!\n' > $TMP/cd/_recipient_/example/d/_at_/vip
setup printf 'ip-blacklist-entry=!192.0.2.1\n' > $TMP/cd/_recipient_/example/d/_at_/half
setup printf 'ip-blacklist-entry=!!!\nsender-blacklist-entry=a@b.example\n' > $TMP/cd/_recipient_/example/d/_at_/more
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<half@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<more@d.example> => 554 Refused. Your sender address has been blacklisted.
send RCPT TO:<other@d.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: half@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.0/24
logline DENIED_SENDER_BLACKLISTED from: a@b.example to: more@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: a@b.example
logline DENIED_BLACKLIST_IP from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
backend contains RCPT TO:<vip@d.example>
backend lacks other@d.example
backend lacks half@d.example
backend lacks more@d.example
