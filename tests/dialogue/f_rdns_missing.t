# reject-empty-rdns, client without PTR, default auth level observe (grace
# AFTER_MAIL, session.md 2.2, 2.3 row 2): qmail-smtpd greets, MAIL gets
# "250 <text>" and the backend is cut, RCPT gets the 421 of options.md 3.1.
options reject-empty-rdns

connect => 220 test.example.com ESMTP
send HELO client.example => 250 test.example.com
send MAIL FROM:<a@b.example> => 250 Refused. You have no reverse DNS entry.
send RCPT TO:<c@ours.example> => 421 Refused. You have no reverse DNS entry.
send DATA => 421 Refused. You have no reverse DNS entry.
send QUIT => 221 Refused. You have no reverse DNS entry.
closed

log FILTER_RDNS_MISSING ip: 192\.0\.2\.1$
logline DENIED_RDNS_MISSING from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
dnslog 1\.2\.0\.192\.in-addr\.arpa PTR
backend no MAIL
backend no RCPT
backend messages 0
