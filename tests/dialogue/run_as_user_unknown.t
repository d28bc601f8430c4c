# run-as-user (session.md 1.6, Improvement): a user that cannot be found is
# logged and spamdyke refuses to run (status 111) rather than serving the
# session with its original identity; qmail-smtpd is never started.
options run-as-user=no-such-user-sd6
start
closed
exit 111
log unable to find user with name or ID no-such-user-sd6
backend not-started
