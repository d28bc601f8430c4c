# "MAIL  FROM:" with two spaces cannot slip past the filters as an "other"
# command (session.md 2.7 Improvement): under reject-all it gets the MAIL
# answer "250 <text>" and qmail-smtpd never sees it; "RCPT  TO:" is refused
# with a decision line.
options filter-level=reject-all

connect => 220 test.example.com ESMTP
send EHLO client.example => 250
send MAIL  FROM:<a@b.example> => 250 Refused. Mail is not being accepted.
send RCPT  TO:<c@d.example> => 554 Refused. Mail is not being accepted.
send QUIT => 221 Refused. Mail is not being accepted.

logline DENIED_REJECT_ALL from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no MAIL
backend no RCPT
