# An absolute qmail-smtpd path that does not exist: the error is logged and
# spamdyke exits without writing to the client (session.md 1.2 item 8).
command /nonexistent/qmail-smtpd

start
closed
exit 0
log ERROR\(.*\): unable to find executable /nonexistent/qmail-smtpd: No such file or directory
