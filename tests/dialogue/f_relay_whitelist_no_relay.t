# Whitelisting does not allow relaying and injects no RELAYCLIENT
# (options.md 2.5, 5.0.0 release note): an rDNS-whitelisted client sending
# to a non-local domain gets 554.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts rdns-whitelist-entry=.partner.example
dns 1.2.0.192.in-addr.arpa PTR mx.partner.example
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<x@elsewhere.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send QUIT => 221 test.example.com
closed

logline DENIED_RELAYING from: a@b.example to: x@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: mx.partner.example auth: (unknown) encryption: (none) reason: (empty)
backend env-absent RELAYCLIENT
