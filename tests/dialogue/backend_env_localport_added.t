# Without TCPLOCALPORT in the environment, spamdyke adds TCPLOCALPORT=25
# for qmail-smtpd (session.md 1.3, item 2).
unenv TCPLOCALPORT

connect => 220
send QUIT => 221 test.example.com
backend env TCPLOCALPORT=25
