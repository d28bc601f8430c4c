# recipient-validation-command (session.md 5.3 step 5): run as
# "<command> <domain> <local>" for local recipients; exit 2 refuses with
# DENIED_INVALID_RECIPIENT, 3 with DENIED_UNAVAILABLE_RECIPIENT (each only
# when reject-recipient names it), 1 and 0 accept, other codes are logged
# and ignored.  Other recipients of the same message are unaffected.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
config validate.sh <<EOF
echo "$1 $2" >> "${0%/*}/calls"
case "$2" in
bad) exit 2 ;;
busy) exit 3 ;;
good) exit 1 ;;
odd) exit 9 ;;
*) exit 0 ;;
esac
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-recipient=invalid reject-recipient=unavailable "recipient-validation-command=/bin/sh $TMP/validate.sh"
connect => 220
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<bad@d.example> => 554 Refused. The recipient address does not exist.
send RCPT TO:<busy@d.example> => 554 Refused. The recipient is not accepting mail right now.
send RCPT TO:<good@d.example> => 250 ok
send RCPT TO:<odd@d.example> => 250 ok
send RCPT TO:<Other@D.example> => 250 ok
send QUIT => 221 test.example.com
logline DENIED_INVALID_RECIPIENT from: a@b.example to: bad@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
logline DENIED_UNAVAILABLE_RECIPIENT from: a@b.example to: busy@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
log FILTER_INVALID_RECIPIENT recipient: bad@d\.example
log unknown exit code from validation command, code 9: /bin/sh
backend lacks bad@d.example
backend lacks busy@d.example
backend contains RCPT TO:<good@d.example>
