# full-log-dir (session.md 4.7, files.md 10): one mode-0600 file per
# connection, STARTED and CLOSED lines, both directions of the dialogue,
# log lines of every level, and AUTH credentials written as [redacted]
# (Improvement), never in clear.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
env FAKEQMAIL_EHLO_EXTRA=AUTH LOGIN PLAIN
env FAKEQMAIL_AUTH=joe:secret
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts full-log-dir=$TMP log-level=error
connect => 220
send EHLO x => 250
send AUTH PLAIN AGpvZQBzZWNyZXQ= => 235 ok, go ahead (#2.0.0)
send MAIL FROM:<a@b.example> => 250 ok
send QUIT => 221 test.example.com
file-count $TMP/2* 1
file-mode $TMP/2* 600
files $TMP/2* ^\d\d/\d\d/\d{4} \d\d:\d\d:\d\d STARTED: VERSION = 6\.0\.0\S*, PID = \d+$
files $TMP/2* FROM REMOTE TO CHILD: \d+ bytes\nEHLO x\r$
files $TMP/2* FROM CHILD TO REMOTE: \d+ bytes\n220 test\.example\.com ESMTP\r$
files $TMP/2* AUTH \[redacted\]
files-not $TMP/2* AGpvZQBzZWNyZXQ
files $TMP/2* CURRENT CONFIG\n(.*\n)*full-log-dir=
files $TMP/2* CLOSED\n\Z
