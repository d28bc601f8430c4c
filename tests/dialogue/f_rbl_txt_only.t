# A TXT answer alone lists the client (session.md 2.11 "any A or TXT
# answer = listed"); custom rejection text and policy URL: the suffix
# follows the text directly, the URL follows the suffix (3.1, 3.2).
options dns-blacklist-entry=rbl.test "rejection-text-dns-blacklist=Blocked by " policy-url=http://example.com/policy.html
dns 1.2.0.192.rbl.test TXT "open proxy"

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 Blocked by rbl.test: open proxy See: http://example.com/policy.html#DENIED_RBL_MATCH
send RCPT TO:<c@ours.example> => 554 Blocked by rbl.test: open proxy See: http://example.com/policy.html#DENIED_RBL_MATCH
send QUIT => 221 Blocked by rbl.test: open proxy See: http://example.com/policy.html#DENIED_RBL_MATCH
closed

logline DENIED_RBL_MATCH from: a@b.example to: c@ours.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: rbl.test
