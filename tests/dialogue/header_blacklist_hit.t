# A header that matches header-blacklist-entry (folded, any case) stops the
# message (session.md 2.6): spamdyke answers 354 itself after qmail-smtpd's
# 354, holds the header section, cuts qmail-smtpd off at the match, swallows
# the rest and refuses after the final dot.  Nothing of it reaches the
# backend.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts "header-blacklist-entry=subject: *viagra*"
connect => 220
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 Proceed.
data <<EOF
From: a@b.example
Subject: cheap
 VIAGRA here

body
EOF
  => 554 Refused. Your message has been blocked due to its content.
send QUIT => 221 Refused. Your message has been blocked due to its content.
logline DENIED_HEADER_BLACKLISTED from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: subject:_*viagra*
log ^spamdyke\[\d+\]: FILTER_HEADER_BLACKLIST header: Subject: cheap
backend messages 0
backend lacks cheap
backend lacks From:
