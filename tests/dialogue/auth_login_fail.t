# AUTH LOGIN with a wrong password (session.md 8.2): prompts
# "334 VXNlcm5hbWU6" and "334 UGFzc3dvcmQ6", then "535 Refused.
# Authentication failed."; the session stays unauthenticated, so the IP
# blacklist still applies.  A "*" cancels an exchange with "501
# Authentication cancelled." (Improvement).  Nothing of it reaches
# qmail-smtpd or the log.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts ip-blacklist-entry=192.0.2.1 "smtp-auth-command=$SRCDIR/tests/harness/checkpassword-test joe secret"
connect => 220
send EHLO x => 250
send AUTH LOGIN => 334 VXNlcm5hbWU6
send am9l => 334 UGFzc3dvcmQ6
send d3Jvbmc= => 535 Refused. Authentication failed.
send AUTH LOGIN am9l => 334 UGFzc3dvcmQ6
send * => 501 Authentication cancelled.
send AUTH PLAIN => 334 
send !!!notbase64 => 535 Refused. Authentication failed.
send AUTH DIGEST-MD5 => 504 Refused. Unknown authentication method.
send MAIL FROM:<joe@d.example> => 250 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
backend no AUTH
backend lacks am9l
log-not d3Jvbmc
