# filter-level=reject-all with the default auth level observe (grace
# AFTER_MAIL, session.md 2.2, 5.1): greeting and EHLO come from qmail-smtpd;
# MAIL gets "250 <text>" and qmail-smtpd is cut off; RCPT gets 554 and a
# DENIED_REJECT_ALL line; later commands are refused locally.
options filter-level=reject-all

connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send MAIL FROM:<a@b.example> => 250 Refused. Mail is not being accepted.
send RCPT TO:<c@d.example> => 554 Refused. Mail is not being accepted.
send RCPT TO:<e@f.example> => 554 Refused. Mail is not being accepted.
send DATA => 554 Refused. Mail is not being accepted.
send QUIT => 221 Refused. Mail is not being accepted.
closed
exit 0

logline DENIED_REJECT_ALL from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline DENIED_REJECT_ALL from: a@b.example to: e@f.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log-count 2 DENIED_REJECT_ALL from:
log-not ALLOWED
backend received <<EOF
EHLO client.example
EOF
backend messages 0
backend exited
