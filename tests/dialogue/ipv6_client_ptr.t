# An IPv6 client (session.md 1.3 Improvement): the address is printed in
# RFC 5952 form, its rDNS name is looked up under ip6.arpa, and a DNS
# blacklist is asked for the 32 reversed nibbles.
env TCPREMOTEIP=2001:DB8:0:0:0:0:0:5
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts dns-blacklist-entry=rbl.test
dns 5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa PTR v6host.example.net
dns 5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.rbl.test A 127.0.0.2
connect => 220
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at rbl.test
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test
send QUIT => 221 Refused. Your IP address is listed in the RBL at rbl.test
logline DENIED_RBL_MATCH from: a@b.example to: c@d.example origin_ip: 2001:db8::5 origin_rdns: v6host.example.net auth: (unknown) encryption: (none) reason: rbl.test
log FILTER_RBL_MATCH ip: 2001:db8::5 rbl: rbl.test
