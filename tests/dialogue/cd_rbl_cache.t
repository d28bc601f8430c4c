# A DNS blacklist named in directory files (files.md 2.4) is queried at
# RCPT time; with config-dir the DNS results are cached for the whole
# connection instead of being repeated per recipient (session.md 2.3
# Improvement), and the rDNS name is looked up once.  vip and vip2 both get
# the RBL from their files; other@d.example does not.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
dns 1.2.0.192.rbl.test A 127.0.0.2
dns 1.2.0.192.in-addr.arpa PTR mx.example.net
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'dns-blacklist-entry=rbl.test\n' > $TMP/cd/_recipient_/example/d/_at_/vip
setup printf 'dns-blacklist-entry=rbl.test\n' > $TMP/cd/_recipient_/example/d/_at_/vip2
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<other@d.example> => 250 ok
send RCPT TO:<vip2@d.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<vip@d.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send QUIT => 221 test.example.com
closed
logline-count 2 DENIED_RBL_MATCH from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: mx.example.net auth: (unknown) encryption: (none) reason: rbl.test
logline DENIED_RBL_MATCH from: a@b.example to: vip2@d.example origin_ip: 192.0.2.1 origin_rdns: mx.example.net auth: (unknown) encryption: (none) reason: rbl.test
dnslog-count 1 1\.2\.0\.192\.in-addr\.arpa PTR
dnslog-count 1 ^\S+ 1\.2\.0\.192\.rbl\.test A$
