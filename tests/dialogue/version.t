# --version prints the banner on stderr and exits 0 without starting a
# session (session.md 1.1 item 5, options.md 4.2).
no-default-options
options --version

start
closed
exit 0
log ^spamdyke \S
backend not-started
