# SMTPS is removed from qmail-smtpd's environment without duplicating any
# other variable; the rest of the environment is passed unchanged
# (session.md 1.3, items 3 and "Not read").
env SMTPS=1
env TCPLOCALPORT=25
env TCPREMOTEHOST=client.example
env TCPREMOTEINFO=ident
env TCPLOCALIP=192.0.2.25
env ZZZ_LAST=last

connect => 220
send QUIT => 221 test.example.com
backend env-absent SMTPS
backend env TCPLOCALPORT=25
backend env TCPREMOTEIP=192.0.2.1
backend env TCPREMOTEHOST=client.example
backend env TCPREMOTEINFO=ident
backend env TCPLOCALIP=192.0.2.25
backend env ZZZ_LAST=last
backend env-absent RELAYCLIENT
