# policy-url ending in "=": rejections get " See: <URL><TOKEN>" with no "#"
# (session.md 3.2).
options filter-level=reject-all smtp-auth-level=none
options policy-url=http://example.com/why?reason=

connect => 220 Refused. Mail is not being accepted. See: http://example.com/why?reason=DENIED_REJECT_ALL
send HELO client.example => 250 Refused. Mail is not being accepted. See: http://example.com/why?reason=DENIED_REJECT_ALL
send MAIL FROM:<a@b.example> => 250 Refused. Mail is not being accepted. See: http://example.com/why?reason=DENIED_REJECT_ALL
send RCPT TO:<c@d.example> => 554 Refused. Mail is not being accepted. See: http://example.com/why?reason=DENIED_REJECT_ALL
send QUIT => 221 Refused. Mail is not being accepted. See: http://example.com/why?reason=DENIED_REJECT_ALL
closed
backend not-started
