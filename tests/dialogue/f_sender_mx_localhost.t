# reject-sender=no-mx: the only MX host resolves to 127.0.0.1: invalid;
# the domain's own A record is not consulted because an MX answer exists
# (6.5 "only when no MX answer exists").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts reject-sender=no-mx
dns lo.example MX 10 mx.lo.example
dns mx.lo.example A 127.0.0.1
dns lo.example A 192.0.2.70

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@lo.example> => 250 Refused. The domain of your sender address has no mail exchanger (MX).
send RCPT TO:<c@ours.example> => 421 Refused. The domain of your sender address has no mail exchanger (MX).
send QUIT => 221 Refused. The domain of your sender address has no mail exchanger (MX).
closed

log FILTER_SENDER_NO_MX domain: lo\.example$
logline DENIED_SENDER_NO_MX from: a@lo.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: (empty)
