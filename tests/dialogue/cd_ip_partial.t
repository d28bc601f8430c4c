# A partial IP path (files.md 2.2): for client 192.0.2.7 the candidates are
# _ip_/192/0/2/7, _ip_/192/0/2, _ip_/192/0 and _ip_/192; the 3-octet file
# _ip_/192/0/2 applies.  _ip_/192/0/27 (same text without the separator) is
# not a candidate and is never read.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/192/0
setup printf 'ip-blacklist-entry=192.0.2.0/24\n' > $TMP/cd/_ip_/192/0/2
setup printf 'ip-whitelist-entry=192.0.2.7\n' > $TMP/cd/_ip_/192/0/27
connect 192.0.2.7 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: c@d.example origin_ip: 192.0.2.7 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.0/24
log-not FILTER_WHITELIST
backend no RCPT
