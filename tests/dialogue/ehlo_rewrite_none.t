# EHLO rewriting (session.md 2.8): tls-level=none removes the backend's
# STARTTLS and smtp-auth-level=none its AUTH line; a final line that is
# removed is replaced by "250 X-NOTHING" so the reply stays well formed.
# STARTTLS is then refused (7.1) and AUTH answered 504 (2.7 Improvement):
# neither reaches qmail-smtpd.
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN,STARTTLS
options tls-level=none smtp-auth-level=none
connect => 220
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 X-NOTHING
send STARTTLS => 554 Failed to negotiate TLS connection.
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 504 Refused. Unknown authentication method.
send QUIT => 221 test.example.com
backend no STARTTLS
backend no AUTH
