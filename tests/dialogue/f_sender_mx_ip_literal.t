# reject-sender=no-mx: an MX host written as an IPv4 address other than
# 127.0.0.1 is valid (6.5), with a VERBOSE "found IP address in MX record"
# note (4.6).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx
dns lit.example MX 10 192.0.2.80

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@lit.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log found IP address in MX record
log-not DENIED_
