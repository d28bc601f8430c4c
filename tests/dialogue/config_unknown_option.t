# An unknown option in a configuration file is a fatal start-up error: the
# message on stderr names the file and the line, spamdyke exits 111
# (options.md 4.1 Improvement), writes nothing to the client and never
# starts qmail-smtpd.
config spamdyke.conf <<EOF
# a comment
max-recipients=5
no-such-option=1
EOF
options config-file=$TMP/spamdyke.conf

start
closed
exit 111
log no-such-option
log $TMP/spamdyke\.conf\D.*\b3\b|\b3\b.*$TMP/spamdyke\.conf
backend not-started
