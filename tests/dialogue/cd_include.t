# config-file inside a directory file (files.md 2.4): the named file is read
# after the directory file, under the directory-file rules: its
# disallowed line (max-recipients) is logged and skipped, its valid line
# (an IP blacklist entry) applies to vip@d.example only.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
config inc <<EOF
max-recipients=1
ip-blacklist-entry=192.0.2.1
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'config-file=%s/inc\nrejection-text-ip-blacklist=Included file applied.\n' "$TMP" > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<other@d.example> => 250 ok
send RCPT TO:<vip@d.example> => 554 Included file applied.
send RCPT TO:<other2@d.example> => 250 ok
send QUIT => 221 test.example.com
closed
log-count 1 ^spamdyke\[\d+\]: ERROR\(.*\): Option not allowed in configuration file, found in file $TMP/inc on line 1: max-recipients$
logline DENIED_BLACKLIST_IP from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
