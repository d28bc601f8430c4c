# Without any local-domain list every recipient counts as non-local and is
# refused (session.md 5.3 "compatible").  qmail-rcpthosts-file=!!! keeps
# the default /var/qmail/control/rcpthosts from being used (files.md 1.3).
options qmail-rcpthosts-file=!!!
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@ours.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send QUIT => 221 test.example.com
closed

logline DENIED_RELAYING from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
backend no RCPT
