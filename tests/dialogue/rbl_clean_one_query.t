# A clean client costs one query per DNS list (issue 3): the A record of
# each list is asked once, all lists at the same time, and no TXT query
# is sent; a listed client gets its TXT record asked afterwards for the
# reply text (session.md 6.4).
options dns-blacklist-entry=a.rbl.test dns-blacklist-entry=b.rbl.test dns-blacklist-entry=c.rbl.test
dns 1.2.0.192.c.rbl.test A 127.0.0.2
dns 1.2.0.192.c.rbl.test TXT "listed by c"
connect => 220
send MAIL FROM:<x@y.example> => 250 Refused. Your IP address is listed in the RBL at c.rbl.test: listed by c
dnslog-count 1 ^udp 1\.2\.0\.192\.a\.rbl\.test A$
dnslog-count 1 ^udp 1\.2\.0\.192\.b\.rbl\.test A$
dnslog-count 1 ^udp 1\.2\.0\.192\.c\.rbl\.test A$
dnslog-count 1 ^udp 1\.2\.0\.192\.c\.rbl\.test TXT$
dnslog-count 0 ^udp 1\.2\.0\.192\.[ab]\.rbl\.test TXT$
dnslog-count 0 CNAME
