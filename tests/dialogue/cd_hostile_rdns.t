# A hostile PTR name (files.md 2.4 Improvement, session.md 6.3): the name
# evil/mx.example.net would lead an unchecked lookup to
# _rdns_/net/example/evil/mx, planted here to blacklist the client.  The
# name is not used as a path (spamdyke treats it as no rDNS at all), so the
# recipient is accepted.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
config rcpthosts <<EOF
d.example
EOF
dns 1.2.0.192.in-addr.arpa PTR evil/mx.example.net
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_rdns_/net/example/evil
setup printf 'ip-blacklist-entry=192.0.2.1\n' > $TMP/cd/_rdns_/net/example/evil/mx
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hello
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed
logline ALLOWED from: a@b.example to: c@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 250_ok_1700000000_qp_1234
log-not DENIED
dnslog 1\.2\.0\.192\.in-addr\.arpa PTR
