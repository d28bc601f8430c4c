# tls-level=smtp without a certificate (session.md 7.1, 7.3): the
# backend's STARTTLS is offered unchanged, STARTTLS is forwarded, and after
# its 220 every byte is copied raw both ways; one TLS_ENCRYPTED decision
# line is written.
env FAKEQMAIL_EHLO_EXTRA=STARTTLS
connect => 220
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 STARTTLS
send STARTTLS => 220 ready for tls
sendraw \x16\x03\x01binary\x00stuff\r\n
expect =~ ^\x16\x03\x01binary\x00stuff$
logline TLS_ENCRYPTED from: (unknown) to: (unknown) origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: TLS_PASSTHROUGH reason: (empty)
