/*
 * session_auth.c - observed SMTP AUTH (session.md 8.3): when qmail-smtpd
 * processes AUTH itself, spamdyke forwards every line and only records
 * the user name (PLAIN: the authcid of the blob; LOGIN: the first
 * response; CRAM-MD5: the user part of the response), so that a 235 from
 * the backend makes the session AUTHENTICATED with that name.  Passwords
 * are never kept.  Base64 is decoded with libresolv's b64_pton().
 */
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <string.h>

#include "session.h"
#include "util/str.h"

enum { AM_NONE, AM_PLAIN, AM_LOGIN, AM_CRAM, AM_OTHER };

/* Decode n bytes of base64 text into out; -1 when it is not base64. */
static int
decode(const char *text, size_t n, unsigned char *out, size_t outlen)
{
	char in[4096];

	if (n >= sizeof(in))
		return -1;
	memcpy(in, text, n);
	in[n] = '\0';
	return b64_pton(in, out, outlen);
}

static void
set_user(struct session *s, const unsigned char *p, size_t n)
{
	str_escape(s->auth_pending, sizeof(s->auth_pending), (const char *)p,
	    n);
}

/* PLAIN blob: [authzid] NUL authcid NUL password. */
static void
plain_blob(struct session *s, const char *text, size_t n)
{
	unsigned char buf[3072], *nul, *nul2;
	int len = decode(text, n, buf, sizeof(buf));

	if (len <= 0 || (nul = memchr(buf, '\0', (size_t)len)) == NULL)
		return;
	nul++;
	nul2 = memchr(nul, '\0', (size_t)len - (size_t)(nul - buf));
	set_user(s, nul, nul2 != NULL ? (size_t)(nul2 - nul) :
	    (size_t)len - (size_t)(nul - buf));
}

void
session_auth_observe_start(struct session *s, const char *arg, size_t n)
{
	const char *sp = memchr(arg, ' ', n);
	size_t mlen = sp != NULL ? (size_t)(sp - arg) : n;
	const char *ir = sp != NULL ? sp + 1 : NULL;
	size_t irn = sp != NULL ? n - mlen - 1 : 0;
	unsigned char buf[3072];
	int len;

	s->auth_pending[0] = '\0';
	s->auth_step = 0;
	if (mlen == 5 && str_prefix_ci(arg, mlen, "PLAIN"))
		s->auth_mech = AM_PLAIN;
	else if (mlen == 5 && str_prefix_ci(arg, mlen, "LOGIN"))
		s->auth_mech = AM_LOGIN;
	else if (mlen == 8 && str_prefix_ci(arg, mlen, "CRAM-MD5"))
		s->auth_mech = AM_CRAM;
	else
		s->auth_mech = AM_OTHER;
	if (ir == NULL || irn == 0)
		return;
	if (s->auth_mech == AM_PLAIN) {
		plain_blob(s, ir, irn);
		s->auth_step = 1;
	} else if (s->auth_mech == AM_LOGIN) {
		if ((len = decode(ir, irn, buf, sizeof(buf))) > 0)
			set_user(s, buf, (size_t)len);
		s->auth_step = 1;
	}
}

/* One client line of the exchange (CR/LF removed). */
void
session_auth_observe_line(struct session *s, const char *line, size_t n)
{
	unsigned char buf[3072], *sp;
	int len;

	if (n == 1 && line[0] == '*') {
		s->auth_pending[0] = '\0';
		return;
	}
	switch (s->auth_mech) {
	case AM_PLAIN:
		if (s->auth_step == 0)
			plain_blob(s, line, n);
		break;
	case AM_LOGIN:
		if (s->auth_step == 0 &&
		    (len = decode(line, n, buf, sizeof(buf))) > 0)
			set_user(s, buf, (size_t)len);
		break;
	case AM_CRAM:
		if (s->auth_step == 0 &&
		    (len = decode(line, n, buf, sizeof(buf))) > 0) {
			/* "user SP hexdigest": the user ends at the last space. */
			for (sp = buf + len; sp > buf && sp[-1] != ' '; sp--)
				;
			if (sp > buf)
				set_user(s, buf, (size_t)(sp - 1 - buf));
		}
		break;
	default:
		break;
	}
	s->auth_step++;
}
