# A partial rDNS path (files.md 2.2): labels are dropped from the left down
# to the TLD, so for mail.mx.example.net the domain-level file
# _rdns_/net/example applies.  _rdns_/net/exampl (a label prefix) is not a
# candidate.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
dns 1.2.0.192.in-addr.arpa PTR mail.mx.example.net
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_rdns_/net
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_rdns_/net/example
setup printf 'ip-whitelist-entry=192.0.2.1\n' > $TMP/cd/_rdns_/net/exampl
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 test.example.com
closed
logline DENIED_BLACKLIST_IP from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: mail.mx.example.net auth: (unknown) encryption: (none) reason: 192.0.2.1
log-not FILTER_WHITELIST
backend no RCPT
