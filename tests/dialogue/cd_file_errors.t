# Errors in a configuration-directory file (files.md 1.4, 2.3, 2.4): every
# bad line is logged as an error and skipped, the valid lines apply and the
# session goes on.  The domain file _recipient_/example/d has an unknown
# option, options not allowed in directories (max-recipients,
# recipient-validation-command, rejection-text-header-blacklist, config-dir,
# log-level), a bad value and a syntax error, plus one
# valid line that blacklists vip@d.example.  max-recipients=1 is not
# applied: the second and third recipients are accepted.  The file is
# re-read (and its errors logged again) for every recipient.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
config dfile <<EOF
max-recipients=1
no-such-option=1
recipient-validation-command=/bin/false
graylist-min-secs=abc
reject-empty-rdns yes
recipient-blacklist-entry=vip@d.example
rejection-text-header-blacklist=Not allowed here.
config-dir=/tmp
log-level=debug
EOF
setup mkdir -p $TMP/cd/_recipient_/example && cp $TMP/dfile $TMP/cd/_recipient_/example/d
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<a@d.example> => 250 ok
send RCPT TO:<b@d.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Refused. Mail is not being accepted at this address.
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
exit 0
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Option not allowed in configuration file, found in file $TMP/cd/_recipient_/example/d on line 1: max-recipients$
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Unknown configuration file option in file $TMP/cd/_recipient_/example/d on line 2: no-such-option$
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Option not allowed in configuration file, found in file $TMP/cd/_recipient_/example/d on line 3: recipient-validation-command$
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Bad or unparsable value for option graylist-min-secs: abc
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Option not allowed in configuration file, found in file $TMP/cd/_recipient_/example/d on line 7: rejection-text-header-blacklist$
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Option not allowed in configuration file, found in file $TMP/cd/_recipient_/example/d on line 8: config-dir$
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Option not allowed in configuration file, found in file $TMP/cd/_recipient_/example/d on line 9: log-level$
log-not DEBUG
log-count 4 ^spamdyke\[\d+\]: ERROR\(.*\): Bad syntax in configuration file $TMP/cd/_recipient_/example/d on line 5: reject-empty-rdns yes$
logline DENIED_RECIPIENT_BLACKLISTED from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: vip@d.example
logline ALLOWED from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED_TOO_MANY
backend envelope 1 a@b.example a@d.example b@d.example c@d.example
