# IPv4 patterns never match an IPv6 client (files.md 3 IPv6), and a client
# that is not a dotted quad matches no line at all, not even the tcprules
# catch-all ":" or a name rule "=" (files.md 3 intro): 2001:db8::5 passes.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-file=$TMP/ip-bl
config ip-bl <<EOF
0.0.0.0/0
2001
:allow
=
EOF
dns 5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa PTR v6.example.net

connect 2001:db8::5 => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_BLACKLIST_IP
log-not DENIED_
