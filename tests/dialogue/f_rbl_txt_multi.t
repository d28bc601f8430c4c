# Improvement (session.md 3.1): a TXT answer of several strings is joined
# (concatenated, as DNS TXT strings are) into the reply text.
options dns-blacklist-entry=rbl.test
dns 1.2.0.192.rbl.test A 127.0.0.2
dns 1.2.0.192.rbl.test TXT "listed: " "see rbl.test"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your IP address is listed in the RBL at rbl.test: listed: see rbl.test
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is listed in the RBL at rbl.test: listed: see rbl.test
send QUIT => 221 Refused. Your IP address is listed in the RBL at rbl.test: listed: see rbl.test
closed
