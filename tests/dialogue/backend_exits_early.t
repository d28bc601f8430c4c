# qmail-smtpd exits right after its greeting: spamdyke forwards the
# greeting, then ends the session and exits 0 (session.md 1.5 Backend EOF).
env FAKEQMAIL_EXIT_AFTER_GREETING=1

connect => 220 test.example.com ESMTP
closed
exit 0
