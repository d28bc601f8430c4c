# filter-level=allow-all whitelists the session: a matching IP blacklist
# entry does not reject it, and the message is delivered (session.md 5.1).
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts
options filter-level=allow-all ip-blacklist-entry=192.0.2.1 smtp-auth-level=none

connect => 220 test.example.com ESMTP
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: allowed
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com

logline ALLOWED from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED_BLACKLIST_IP
backend messages 1
