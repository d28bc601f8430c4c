# Multi-line backend replies (a three-line greeting, a three-line NOOP
# reply) are passed to the client unchanged, and the next command waits for
# the final line.
env FAKEQMAIL_GREETING_LINES=3
env FAKEQMAIL_MULTILINE_NOOP=1

connect
  => 220-test.example.com ESMTP greeting line 1
  => 220-test.example.com ESMTP greeting line 2
  => 220 test.example.com ESMTP
send NOOP
  => 250-ok line 1
  => 250-ok line 2
  => 250 ok
sendraw NOOP\r\nHELP\r\n
  => 250-ok line 1
  => 250-ok line 2
  => 250 ok
expect => 214 qmail home page: http://pobox.com/~djb/qmail.html
send QUIT => 221 test.example.com
closed
