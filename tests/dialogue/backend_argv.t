# Everything after the first non-option word is the qmail-smtpd command and
# its arguments, passed unchanged (session.md 1.1).
command $FAKEQMAIL --not-a-spamdyke-option -x "two words" ""

connect => 220
send QUIT => 221 test.example.com
backend argv --not-a-spamdyke-option -x "two words" ""
