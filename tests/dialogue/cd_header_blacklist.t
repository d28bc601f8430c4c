# header-blacklist-entry in a directory file (files.md 2.1, session.md 2.6
# item 2): the entries accumulate into a connection-wide list, so an entry
# from vip@d.example's file applies to the whole message, also for
# other@d.example (accepted before vip).  spamdyke holds the header section
# (354 Proceed.), cuts the backend at the match and logs one decision line
# per accepted recipient.
env FAKEQMAIL_RCPTHOSTS=$TMP/rcpthosts
config rcpthosts <<EOF
d.example
EOF
options qmail-rcpthosts-file=$TMP/rcpthosts config-dir=$TMP/cd
setup mkdir -p $TMP/cd/_recipient_/example/d/_at_
setup printf 'header-blacklist-entry=subject: *viagra*\n' > $TMP/cd/_recipient_/example/d/_at_/vip
connect 192.0.2.1 => 220 test.example.com ESMTP
send EHLO x => 250
send MAIL FROM:<a@b.example> => 250 ok
send RCPT TO:<other@d.example> => 250 ok
send RCPT TO:<vip@d.example> => 250 ok
send DATA => 354 Proceed.
data <<EOF
From: a@b.example
Subject: cheap viagra

body
EOF
  => 554 Refused. Your message has been blocked due to its content.
send QUIT => 221 Refused. Your message has been blocked due to its content.
closed
logline DENIED_HEADER_BLACKLISTED from: a@b.example to: other@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: subject:_*viagra*
logline DENIED_HEADER_BLACKLISTED from: a@b.example to: vip@d.example origin_ip: 192.0.2.1 origin_rdns: (unknown) auth: (unknown) encryption: (none) reason: subject:_*viagra*
backend messages 0
backend lacks cheap
