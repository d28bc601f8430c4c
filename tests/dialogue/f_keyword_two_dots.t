# A name with fewer than two dots matches no keyword (files.md 5.3 item 2):
# dynamic-192-0-2-1.net passes the "dynamic" keyword blacklist.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options ip-in-rdns-keyword-blacklist-entry=dynamic
dns 1.2.0.192.in-addr.arpa PTR dynamic-192-0-2-1.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_IP_IN_RDNS
log-not DENIED_
