# Backend replies that arrive in small pieces (5 bytes per write) reach the
# client complete and unchanged.
env FAKEQMAIL_REPLY_CHUNK=5
env FAKEQMAIL_CHUNK_DELAY_MS=5

connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250 8BITMIME
send VRFY postmaster => 252 send some mail, i'll try my best
send QUIT => 221 test.example.com
closed
