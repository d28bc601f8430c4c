# A recipient refused by qmail-smtpd: its reply is forwarded unchanged and
# a DENIED_OTHER decision line carries that reply as reason, spaces turned
# into "_" (session.md 2.5 item 8, 4.3).  spamdyke considers the domain
# local; qmail-smtpd's rcpthosts does not list it.
env FAKEQMAIL_RCPTHOSTS=$TMP/qmail-rcpthosts
config qmail-rcpthosts <<EOF
d.example
EOF
config rcpthosts <<EOF
d.example
elsewhere.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<nobody@elsewhere.example> => 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)
send DATA => 554 Refused. You must specify at least one valid recipient.
send QUIT => 221 test.example.com

logline DENIED_OTHER from: a@b.example to: nobody@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 553_sorry,_that_domain_isn't_in_my_list_of_allowed_rcpthosts_(#5.7.1)
logline FILTER_OTHER response: "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"
log-count 1 DENIED_OTHER
log-not ALLOWED
backend messages 0
