# The IP criterion always applies; an unknown client IP (no TCPREMOTEIP)
# is 0.0.0.0 (files.md 2.2), so _ip_/0/0/0/0 is read.
unenv TCPREMOTEIP
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_ip_/0/0/0
setup printf 'recipient-blacklist-entry=vip@d.example\n' > $TMP/cd/_ip_/0/0/0/0
connect => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<other@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: vip@d.example origin_ip: 0.0.0.0 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: vip@d.example
