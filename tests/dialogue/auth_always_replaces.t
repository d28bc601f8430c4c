# smtp-auth-level=always (session.md 8.1, 2.8 rule 1): qmail-smtpd's own
# AUTH line is replaced by spamdyke's, and spamdyke processes every AUTH
# itself, also before EHLO; qmail-smtpd never sees an AUTH command.
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN CRAM-MD5
env FAKEQMAIL_AUTH=*
options smtp-auth-level=always "smtp-auth-command=$SRCDIR/tests/harness/checkpassword-test joe secret"
connect => 220
send AUTH PLAIN AGpvZQB3cm9uZw== => 535 Refused. Authentication failed.
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 AUTH LOGIN PLAIN
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 235 Proceed.
send QUIT => 221 test.example.com
backend no AUTH
