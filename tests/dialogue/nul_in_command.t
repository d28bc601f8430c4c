# A command line containing NUL gets "554 Unable to parse input. Please
# verify input format is correct." and is not forwarded; a NUL at the very
# end of a write is not dropped either (session.md 1.4 item 5 Improvement).
connect => 220
send EHLO client.example => 250
sendraw NOOP a\x00b\r\n => 554 Unable to parse input. Please verify input format is correct.
send NOOP => 250 ok
sendraw VRFY x\x00
sleep 0.1
sendraw \r\n => 554 Unable to parse input. Please verify input format is correct.
sendraw \x00MAIL FROM:<a@b.example>\r\n => 554 Unable to parse input. Please verify input format is correct.
send QUIT => 221 test.example.com
backend received <<EOF
EHLO client.example
NOOP
QUIT
EOF
