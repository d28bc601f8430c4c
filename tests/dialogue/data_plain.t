# A normal message reaches qmail-smtpd byte for byte (session.md 1.4).
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts

connect => 220
send EHLO client.example => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<c@d.example> => 250 ok
send DATA => 354 go ahead
data <<EOF
Received: from client.example (client.example [192.0.2.1])
	by relay.b.example; Tue, 14 Nov 2023 22:13:20 +0000
From: "A. Sender" <a@b.example>
To: c@d.example
Subject: a plain message
Message-ID: <plain.1@b.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Dear C,

this is a plain message with an empty line above, trailing spaces   
	a tab-indented line, and a very long line: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
MAIL FROM:<not-a-command@b.example>
QUIT

-- 
A.
EOF
  =~ ^250 ok \d+ qp \d+$
send QUIT => 221 test.example.com

backend messages 1
backend message 1 sent
log-count 1 ALLOWED from: a@b\.example to: c@d\.example
