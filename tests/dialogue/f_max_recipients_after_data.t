# The max-recipients counter restarts after the end of data (session.md 2.5
# b order 1 "since the last RSET or end of data").
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts max-recipients=1

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<r1@ours.example> => 250 ok
send RCPT TO:<r2@ours.example> => 421 Too many recipients. Try the remaining addresses again later.
send DATA => 354 go ahead
data <<EOF
Subject: one
EOF
  =^ 250 ok
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<r2@ours.example> => 250 ok
send QUIT => 221 test.example.com
closed

log-count 1 DENIED_TOO_MANY
backend messages 1
