# A command line longer than 4096 octets gets "500 5.5.2 Line too long.",
# is never forwarded (nor split into two commands), and the session goes on
# (session.md 2.9 Improvement).  A 4000-octet line is relayed.
connect => 220
send EHLO client.example => 250
sendlong 5000 y NOOP => 500 5.5.2 Line too long.
send NOOP => 250 ok
sendlong 20000 z VRFY => 500 5.5.2 Line too long.
sendlong 4000 x NOOP => 250 ok
send QUIT => 221 test.example.com
backend lacks yyyyyyyy
backend lacks zzzzzzzz
backend contains xxxxxxxxxxxxxxxx\r\n
