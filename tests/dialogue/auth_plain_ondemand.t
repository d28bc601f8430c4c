# SMTP AUTH processed by spamdyke (session.md 8.1, 8.2, 8.6): with
# smtp-auth-command the level defaults to ondemand; qmail-smtpd offers no
# AUTH, so spamdyke adds "AUTH LOGIN PLAIN" to the EHLO reply and answers
# AUTH itself ("235 Proceed.").  The authenticated client bypasses the IP
# blacklist and may relay (RELAYCLIENT= is given to qmail-smtpd at start),
# and the decision line names the user.  No AUTH line reaches qmail-smtpd.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1 "smtp-auth-command=$SRCDIR/tests/harness/checkpassword-test joe secret"
connect => 220
send EHLO x
  => 250-test.example.com
  => 250-PIPELINING
  => 250-8BITMIME
  => 250 AUTH LOGIN PLAIN
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 235 Proceed.
send MAIL FROM:<joe@d.example> => 250 ok
send RCPT TO:<friend@elsewhere.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Subject: authenticated
EOF
  =~ ^250 ok
send QUIT => 221 test.example.com
backend no AUTH
backend env RELAYCLIENT=
backend messages 1
log ALLOWED from: joe@d\.example to: friend@elsewhere\.example origin_ip: 192\.0\.2\.1 .* auth: joe encryption: \(none\)
log-not AGpvZQBzZWNyZXQ
log-not secret
