# Configuration directories (session.md 2.5 step 3, files.md 2): a file
# for one recipient changes the filters for that recipient only; the next
# recipient of the same session is judged with the global settings.  With
# config-dir set, a rejection waits for RCPT (grace AFTER_RCPT).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd ip-blacklist-entry=192.0.2.1
command /bin/sh -c "mkdir -p $TMP/cd/_recipient_/example/d/_at_ && printf 'ip-whitelist-entry=192.0.2.1\n' > $TMP/cd/_recipient_/example/d/_at_/vip && exec $FAKEQMAIL"
connect => 220
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send RCPT TO:<other@d.example> => 554 Refused. Your IP address is blacklisted.
send RCPT TO:<VIP@d.example> => 250 ok
send QUIT => 221 Refused. Your IP address is blacklisted.
logline DENIED_BLACKLIST_IP from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
backend contains RCPT TO:<vip@d.example>
backend lacks other@d.example
