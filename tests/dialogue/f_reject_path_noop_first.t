# Improvement (session.md 2.10): once the backend is absent every command
# gets a reply; a NOOP right after the "220 <text>" greeting (5.0.1: no
# reply at all) gets "554 <text>".
options ip-blacklist-entry=192.0.2.1 smtp-auth-level=none

connect => 220 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send HELP => 554 Refused. Your IP address is blacklisted.
send QUIT => 221 Refused. Your IP address is blacklisted.
closed

backend not-started
