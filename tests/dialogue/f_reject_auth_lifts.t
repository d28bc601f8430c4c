# AUTH before MAIL lifts a pending connection-time rejection (session.md
# 2.1 rule 4, 2.2 consequence 3): an IP-blacklisted client that
# authenticates (observed) delivers normally.
env FAKEQMAIL_TIME=1700000000
env FAKEQMAIL_QP=1234
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN
env FAKEQMAIL_AUTH=joe:secret
options ip-blacklist-entry=192.0.2.1

connect => 220 test.example.com ESMTP
send EHLO client.example => 250
send AUTH LOGIN => 334 VXNlcm5hbWU6
send am9l => 334 UGFzc3dvcmQ6
send c2VjcmV0 => 235 ok, go ahead (#2.0.0)
send MAIL FROM:<joe@b.example> => 250 ok
send RCPT TO:<c@elsewhere.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: hi
EOF
  => 250 ok 1700000000 qp 1234
send QUIT => 221 test.example.com
closed

logline ALLOWED from: joe@b.example to: c@elsewhere.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: joe encryption: (none) reason: 250_ok_1700000000_qp_1234
backend messages 1
