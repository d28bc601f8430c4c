# Relay probe (issue 4) while spamdyke enforces relaying itself: with
# smtp-auth-level=ondemand, an auth command and an rcpthosts file spamdyke
# injects RELAYCLIENT= (session.md 1.3 rule 1, 5.2), so qmail-smtpd accepts
# any domain and spamdyke's own check is the only guard.
# Form: two "@", the local domain last (refusing is safe).
# qmail would deliver to other.example (it takes the domain after the LAST
# "@" once quotes and backslashes are removed), so spamdyke must refuse it
# itself with 554; the backend must never see it.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
ours.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts smtp-auth-level=ondemand smtp-auth-command=/bin/false
unenv RELAYCLIENT

connect => 220 test.example.com ESMTP
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<user@other.example@ours.example> => 554 Refused. Sending to remote addresses (relaying) is not allowed.
send QUIT => 221 test.example.com
closed

backend env RELAYCLIENT=
backend lacks other.example
