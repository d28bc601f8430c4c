# Hostile envelope domains (files.md 2.4 Improvement): a domain label that
# is empty or contains '/' makes the category "no match" for that address,
# with a note in the log.  Planted files (each blacklisting the client) sit
# where an unchecked path would lead:
#   x@d..example            -> _recipient_/example//d = _recipient_/example/d
#   x@e/_at_/vip.example    -> _recipient_/example/e/_at_/vip
#   sender y@e/_at_/vip.example -> _sender_/example/e/_at_/vip
# None of them is read; every recipient is accepted.  The legitimate file
# for d.example does apply to a real d.example recipient (control).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd log-level=debug
setup mkdir -p $TMP/cd/_recipient_/example/e/_at_ $TMP/cd/_sender_/example/e/_at_
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/e/_at_/vip
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_sender_/example/e/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@d..example> => 250 ok
send RCPT TO:<x@e/_at_/vip.example> => 250 ok
send RCPT TO:<x@d.example> => 554 Refused. Your IP address is blacklisted.
send RSET => 250 flushed
send MAIL FROM:<y@e/_at_/vip.example> => 250 ok
send RCPT TO:<z@c.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline-count 1 DENIED_BLACKLIST_IP from: a@b.example to: x@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
log-count 1 DENIED
logline ALLOWED from: y@e/_at_/vip.example to: z@c.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
# No probe of the planted paths; a note names the refused domains.
log-not /_recipient_/example/e/_at_/vip
log-not /_sender_/example/e/_at_/vip
log-not /_recipient_/example//d
log d\.\.example
log-count 2 ^spamdyke\[\d+\]: (?!ALLOWED).*e/_at_/vip\.example
backend envelope 1 y@e/_at_/vip.example z@c.example
