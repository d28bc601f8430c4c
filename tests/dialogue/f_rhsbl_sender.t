# RHSBL on the sender domain (session.md 2.4 step 6): x.bad.example ->
# candidates x.bad.example, bad.example; bad.example is listed.  MAIL gets
# "250 <text>" (grace AFTER_MAIL) and the backend is cut.
options rhs-blacklist-entry=rhsbl.test
dns bad.example.rhsbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<Joe@X.Bad.Example> => 250 Refused. Your domain name is listed in the RHSBL at rhsbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is listed in the RHSBL at rhsbl.test
send QUIT => 221 Refused. Your domain name is listed in the RHSBL at rhsbl.test
closed

log FILTER_RHSBL_MATCH domain: bad\.example rhsbl: rhsbl\.test$
logline DENIED_RHSBL_MATCH from: joe@x.bad.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rhsbl.test
dnslog x\.bad\.example\.rhsbl\.test A
dnslog-not ^\S+ example\.rhsbl\.test
backend no MAIL
backend no RCPT
