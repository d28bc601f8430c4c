# policy-url not ending in "=": rejections get " See: <URL>#<TOKEN>", also
# in the 220, 250 and 221 forms (session.md 3.2).
options filter-level=reject-all smtp-auth-level=none
options policy-url=http://example.com/policy.html

connect => 220 Refused. Mail is not being accepted. See: http://example.com/policy.html#DENIED_REJECT_ALL
send HELO client.example => 250 Refused. Mail is not being accepted. See: http://example.com/policy.html#DENIED_REJECT_ALL
send MAIL FROM:<a@b.example> => 250 Refused. Mail is not being accepted. See: http://example.com/policy.html#DENIED_REJECT_ALL
send RCPT TO:<c@d.example> => 554 Refused. Mail is not being accepted. See: http://example.com/policy.html#DENIED_REJECT_ALL
send QUIT => 221 Refused. Mail is not being accepted. See: http://example.com/policy.html#DENIED_REJECT_ALL
closed
log-count 1 DENIED_REJECT_ALL from:
backend not-started
