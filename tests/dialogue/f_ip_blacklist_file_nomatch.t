# An IP blacklist file none of whose lines matches 192.0.2.1 (files.md 3.2
# "no" rows): the client passes.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-file=$TMP/ip-bl
config ip-bl <<EOF
 192.0.2.1
19
192.0.2.0/255.255.0
192.0.2.1/33
192.0.2.2-9
192.0.2.1 # ask joe@example.org
256.0.2.1
=client.example
EOF

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-not FILTER_BLACKLIST_IP
log-not DENIED_
