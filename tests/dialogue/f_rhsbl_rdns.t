# RHSBL on the rDNS name (session.md 2.3 row 18, 6.3): the candidates are
# a.mail.spam.example, mail.spam.example, spam.example (down to two labels,
# never "example"); spam.example is listed.
options rhs-blacklist-entry=rhsbl.test
dns 1.2.0.192.in-addr.arpa PTR a.mail.spam.example
dns spam.example.rhsbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your domain name is listed in the RHSBL at rhsbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is listed in the RHSBL at rhsbl.test
send QUIT => 221 Refused. Your domain name is listed in the RHSBL at rhsbl.test
closed

log FILTER_RHSBL_MATCH domain: spam\.example rhsbl: rhsbl\.test$
logline DENIED_RHSBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: a.mail.spam.example auth: (unknown) encryption: (none) reason: rhsbl.test
dnslog a\.mail\.spam\.example\.rhsbl\.test A
dnslog mail\.spam\.example\.rhsbl\.test A
dnslog-not ^\S+ example\.rhsbl\.test
backend no RCPT
