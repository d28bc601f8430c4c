# An IPv4-mapped IPv6 client (::ffff:192.0.2.1) is treated as IPv4
# everywhere (files.md 2.4): the IPv4 layout _ip_/192/0/2/1 applies, the
# eight-group spelling of the mapped address does not.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/192/0/2 $TMP/cd/_ip_/0000/0000/0000/0000/0000/ffff/c000
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_ip_/192/0/2/1
setup printf 'ip-whitelist-entry=192.0.2.1\nrejection-text-ip-blacklist=IPv6 layout was read.\n' > $TMP/cd/_ip_/0000/0000/0000/0000/0000/ffff/c000/0201
connect ::ffff:192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
backend no RCPT
