# Stat errors other than "not found" / "not a directory" are logged at the
# verbose level (files.md 2.3) and the candidate does not match: here
# vip's full-address path is a symbolic link loop (ELOOP).  The recipient
# is judged by the next candidate (the domain directory, nothing in it):
# accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup ln -s vip $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
log ^spamdyke\[\d+\]: .*$TMP/cd/_recipient_/example/d/_at_/vip\b
log-not DENIED
