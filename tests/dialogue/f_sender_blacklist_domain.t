# sender-blacklist-entry "@bad.example" matches the domain and any
# subdomain (files.md 6): x@mx.bad.example is refused.
options sender-blacklist-entry=@bad.example

connect => 220 test.example.com ESMTP
send MAIL FROM:<x@mx.bad.example> => 250 Refused. Your sender address has been blacklisted.
send RCPT TO:<c@ours.example> => 554 Refused. Your sender address has been blacklisted.
send QUIT => 221 Refused. Your sender address has been blacklisted.
closed

log FILTER_SENDER_BLACKLIST sender: x@mx\.bad\.example entry: @bad\.example$
logline DENIED_SENDER_BLACKLISTED from: x@mx.bad.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: @bad.example
