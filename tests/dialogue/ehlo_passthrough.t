# With default options (auth level observe, no TLS certificate) the EHLO
# reply is passed through unchanged, STARTTLS and AUTH lines included
# (session.md 2.8: no flag is set).
env FAKEQMAIL_EHLO_EXTRA=STARTTLS,SIZE 10485760,AUTH LOGIN PLAIN CRAM-MD5

connect => 220 test.example.com ESMTP
send EHLO client.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250-STARTTLS
  => 250-SIZE 10485760
  => 250 AUTH LOGIN PLAIN CRAM-MD5
send ehlo other.example
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250-STARTTLS
  => 250-SIZE 10485760
  => 250 AUTH LOGIN PLAIN CRAM-MD5
send QUIT => 221 test.example.com
backend received <<EOF
EHLO client.example
ehlo other.example
QUIT
EOF
