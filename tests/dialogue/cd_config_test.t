# --config-test walks each config-dir root (files.md 12.2, config-dir
# special test): a name under _ip_ that is neither an octet nor (IPv6
# layout) a group of four hex digits, a subtree repeated on one path, and a
# directory file with an option not allowed there (max-recipients) are
# reported as ERRORs naming the path; the IPv6 layout and the valid file's
# options pass.  The verdict is "Errors detected" and the exit status 1
# (files.md 12.1 Improvement).  qmail-smtpd is only run for the capability
# check.
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd config-test log-level=info
setup mkdir -p $TMP/cd/_ip_/300 $TMP/cd/_ip_/2001/0db8 $TMP/cd/_recipient_/example/d/_at_ $TMP/cd/_sender_/example/_sender_/org
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_ip_/300/1
setup printf 'ip-blacklist-entry=2001:db8::/32\n' > $TMP/cd/_ip_/2001/0db8/0000
setup printf 'max-recipients=1\nrecipient-blacklist-entry=vip@d.example\n' > $TMP/cd/_recipient_/example/d/_at_/vip
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_sender_/example/_sender_/org/example
start
closed
exit 1
log ^ERROR\(config-dir\): .*300.*$TMP/cd/_ip_/300$
log ^ERROR\(config-dir\): Option not allowed in configuration file, found in file $TMP/cd/_recipient_/example/d/_at_/vip on line 1: max-recipients$
log ^ERROR\(config-dir\): .*_sender_.*$TMP/cd/_sender_/example/_sender_
log-not ^ERROR.*_ip_/2001
log-not ^ERROR.*recipient-blacklist
log ^ERROR: Tests complete\. Errors detected\.$
