# --help prints the option summary on stderr and exits 0 without starting a
# session (options.md 4.2).
no-default-options
options --help

start
closed
exit 0
log qmail_smtpd_command
log --idle-timeout-secs
log --filter-level
backend not-started
