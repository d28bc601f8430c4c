# The RHS whitelist on the sender domain only helps senders it lists: the
# IP-blacklisted client with another sender gets "250 <text>" at MAIL.
options ip-blacklist-entry=192.0.2.1 rhs-whitelist-entry=rhswl.test
dns partner.example.rhswl.test A 127.0.0.2

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@other.example> => 250 Refused. Your IP address is blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

log-not FILTER_RHSWL_MATCH
logline DENIED_BLACKLIST_IP from: a@other.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: 192.0.2.1
