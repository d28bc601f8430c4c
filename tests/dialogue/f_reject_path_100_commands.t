# Improvement (session.md 2.10): after 100 locally answered commands in a
# cut-off session spamdyke sends the pending rejection text with code 421
# and closes.  The greeting is not a command; 100 NOOPs get 554, then the
# 421 arrives (at once, or as the reply to the next command) and the
# connection closes.
options ip-blacklist-entry=192.0.2.1 smtp-auth-level=none

connect => 220 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP => 554 Refused. Your IP address is blacklisted.
send NOOP
  =~ ^(554|421) Refused\. Your IP address is blacklisted\.$
send NOOP => 421 Refused. Your IP address is blacklisted.
closed

backend not-started
