# STARTTLS while a rejection is pending with grace NONE (session.md 2.2
# STARTTLS row, 7.1): "<code> <text>" with the rejection's own code (421
# for the missing rDNS), not a TLS negotiation.
options reject-empty-rdns smtp-auth-level=none

connect => 220 Refused. You have no reverse DNS entry.
send EHLO client.example => 250 Refused. You have no reverse DNS entry.
send STARTTLS => 421 Refused. You have no reverse DNS entry.
send QUIT => 221 Refused. You have no reverse DNS entry.
closed

backend not-started
