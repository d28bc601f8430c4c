# A local part that is exactly ".." survives canonicalization (only bytes
# outside [A-Za-z0-9@_.-] are replaced), so the component is refused
# (files.md 2.4 Improvement): "A component that is empty, is . or .., or
# contains / or NUL makes that candidate (and the category for this
# recipient) count as no match".  So for ..@d.example not even the domain
# file _recipient_/example/d is read; c@d.example (control) gets it.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<..@d.example> => 250 ok
send RCPT TO:<.@d.example> => 250 ok
send RCPT TO:<c@d.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 test.example.com
closed
log-count 1 DENIED
