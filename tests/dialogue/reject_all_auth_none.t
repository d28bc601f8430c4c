# filter-level=reject-all with smtp-auth-level=none (grace NONE, session.md
# 2.2): qmail-smtpd is never started, the greeting is "220 <text>" and every
# command is answered locally with the code of its row.
options filter-level=reject-all smtp-auth-level=none

connect => 220 Refused. Mail is not being accepted.
send EHLO client.example => 250 Refused. Mail is not being accepted.
send MAIL FROM:<a@b.example> => 250 Refused. Mail is not being accepted.
send RCPT TO:<c@d.example> => 554 Refused. Mail is not being accepted.
send QUIT => 221 Refused. Mail is not being accepted.
closed
exit 0

logline DENIED_REJECT_ALL from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log-count 1 DENIED_REJECT_ALL from:
backend not-started
