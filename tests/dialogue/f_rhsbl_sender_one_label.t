# RHS candidates: a one-label sender domain is queried as is (session.md
# 6.3): a@localdomain -> localdomain.rhsbl.test.
options rhs-blacklist-entry=rhsbl.test
dns localdomain.rhsbl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@localdomain> => 250 Refused. Your domain name is listed in the RHSBL at rhsbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is listed in the RHSBL at rhsbl.test
send QUIT => 221 Refused. Your domain name is listed in the RHSBL at rhsbl.test
closed

log FILTER_RHSBL_MATCH domain: localdomain rhsbl: rhsbl\.test$
