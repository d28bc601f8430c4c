# qmail-smtpd always sees TCPLOCALPORT=25: another value is replaced, and
# the comparison is exact, 2525 is not 25 (session.md 1.3, item 2).
env TCPLOCALPORT=2525

connect => 220
send QUIT => 221 test.example.com
backend env TCPLOCALPORT=25
