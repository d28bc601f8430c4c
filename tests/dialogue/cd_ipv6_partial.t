# IPv6 partial paths (files.md 2.4): candidates run from 8 components down
# to 1, so the 2-group file _ip_/2001/0db8 applies to 2001:db8:0:1::25.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/2001
setup printf 'ip-blacklist-entry=2001:db8::/32\n' > $TMP/cd/_ip_/2001/0db8
connect 2001:DB8:0:1::25 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: c@d.example origin_ip: 2001:db8:0:1::25 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 2001:db8::/32
backend no RCPT
