# No qmail-smtpd command: "Missing qmail-smtpd command" on stderr, nothing
# to the client, exit 111 (session.md 1.1 item 3, options.md 4.1).
command

start
closed
exit 111
log Missing qmail-smtpd command
