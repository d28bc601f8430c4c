# Per-IP configuration directory file (files.md 2.2, 2.3 step 1): the
# 4-octet file _ip_/192/0/2/1 applies to every recipient of a session from
# 192.0.2.1.  A neighbouring file whose name merely starts with the same
# digits (_ip_/192/0/2/10, a whitelist) is never read.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/192/0/2
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_ip_/192/0/2/1
setup printf 'ip-whitelist-entry=192.0.2.1\nsender-whitelist-entry=a@b.example\n' > $TMP/cd/_ip_/192/0/2/10
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<other@d.example> => 554 Refused. Your IP address is blacklisted.
send DATA => 554 Refused. You must specify at least one valid recipient.
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
logline DENIED_BLACKLIST_IP from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
log-not FILTER_WHITELIST
backend no RCPT
