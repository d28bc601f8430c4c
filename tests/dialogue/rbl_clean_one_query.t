# A clean client costs one query per DNS list and per record type needed
# (issue 3): the A and the TXT record of each list are asked once, all
# lists at the same time, and no CNAME query is sent (5.0.1 sent A, TXT
# and CNAME); the TXT text goes into the reply (session.md 6.4).
options dns-blacklist-entry=a.rbl.test dns-blacklist-entry=b.rbl.test dns-blacklist-entry=c.rbl.test
dns 1.2.0.192.c.rbl.test A 127.0.0.2
dns 1.2.0.192.c.rbl.test TXT "listed by c"
connect => 220
send MAIL FROM:<x@y.example> => 250 Refused. Your IP address is listed in the RBL at c.rbl.test: listed by c
dnslog-count 1 ^udp 1\.2\.0\.192\.a\.rbl\.test A$
dnslog-count 1 ^udp 1\.2\.0\.192\.b\.rbl\.test A$
dnslog-count 1 ^udp 1\.2\.0\.192\.c\.rbl\.test A$
dnslog-count 1 ^udp 1\.2\.0\.192\.a\.rbl\.test TXT$
dnslog-count 1 ^udp 1\.2\.0\.192\.b\.rbl\.test TXT$
dnslog-count 1 ^udp 1\.2\.0\.192\.c\.rbl\.test TXT$
dnslog-count 0 CNAME
