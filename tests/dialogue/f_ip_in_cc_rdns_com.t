# reject-ip-in-cc-rdns: IP in the name but a three-letter last label is no
# country code (files.md 5.2): the client passes.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-ip-in-cc-rdns
dns 1.2.0.192.in-addr.arpa PTR 1.2.0.192.adsl.example.com

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_IP_IN_CC_RDNS
log-not DENIED_
backend contains RCPT TO:<c@ours.example>\r\n
