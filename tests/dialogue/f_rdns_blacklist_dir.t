# rdns-blacklist-dir (files.md 4.2): for a.b.mail.spam.net the probes are
# net/s/spam/mail/a.b.mail.spam.net, .../b.mail.spam.net,
# net/s/spam/mail.spam.net, net/s/spam/spam.net (exists: match), ...; the
# reason is the matching path (session.md 2.11, 4.3), rejection 554.
options rdns-blacklist-dir=$SRCDIR/tests/fixtures/filters/rdns-bl-dir
dns 1.2.0.192.in-addr.arpa PTR a.b.mail.spam.net

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Refused. Your domain name is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your domain name is blacklisted.
send QUIT => 221 Refused. Your domain name is blacklisted.
closed

log FILTER_BLACKLIST_NAME ip: 192\.0\.2\.1 rdns: a\.b\.mail\.spam\.net path: $SRCDIR/tests/fixtures/filters/rdns-bl-dir/net/s/spam/spam\.net$
logline DENIED_BLACKLIST_NAME from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: a.b.mail.spam.net auth: (unknown) encryption: (none) reason: $SRCDIR/tests/fixtures/filters/rdns-bl-dir/net/s/spam/spam.net
backend no RCPT
