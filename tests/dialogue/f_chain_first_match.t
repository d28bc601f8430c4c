# First blocking match wins (session.md 2.1 rule 1): reject-empty-rdns (row
# 2) matches, so the IP blacklist (row 11) and the RBL (row 17) are skipped:
# the reply, reason and FILTER lines are those of the missing rDNS.
options reject-empty-rdns ip-blacklist-entry=192.0.2.1 dns-blacklist-entry=rbl.test
dns 1.2.0.192.rbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. You have no reverse DNS entry.
send RCPT TO:<c@ours.example> => 421 Refused. You have no reverse DNS entry.
send QUIT => 221 Refused. You have no reverse DNS entry.
closed

log FILTER_RDNS_MISSING ip: 192\.0\.2\.1$
log-not FILTER_BLACKLIST_IP
log-not FILTER_RBL_MATCH
logline DENIED_RDNS_MISSING from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
