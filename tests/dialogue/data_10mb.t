# A 10 MB message (8-bit data, long and dot-stuffed lines) reaches
# qmail-smtpd byte for byte.
timeout 20
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data-generate 10MB seed=7
  =~ ^250 ok
send QUIT => 221 test.example.com

backend messages 1
backend message 1 sent
log-count 1 ALLOWED
