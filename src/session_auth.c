/*
 * session_auth.c - SMTP AUTH in the session (session.md 8).
 *
 * Processed by spamdyke (8.2): the exchange runs in auth/, the
 * checkpassword commands on the session loop; client input waits for the
 * verdict.  AUTH lines are never forwarded nor logged in this mode.
 *
 * Observed (8.3): when qmail-smtpd
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

#include <stdlib.h>

#include "auth/auth.h"
#include "config/options.h"
#include "log/log.h"
#include "log/transcript.h"
#include "session.h"
#include "util/str.h"

struct auth_state {
	struct auth_exchange	 x;
	struct auth_run		*run;
	char			 user[AUTH_USER_MAX];
};

/* Does spamdyke process AUTH now (8.1, 8.2)? */
bool
session_auth_processing(struct session *s)
{
	const struct options *opt = s->opt;

	if (opt->smtp_auth_command.n == 0)
		return false;
	if (opt->smtp_auth_level >= AL_ALWAYS)
		return true;
	return opt->smtp_auth_level >= AL_ONDEMAND && s->spamdyke_auth;
}

static struct auth_state *
state(struct session *s)
{
	if (s->auth == NULL)
		s->auth = calloc(1, sizeof(struct auth_state));
	return s->auth;
}

static void
send_text(struct session *s, const char *text, size_t n)
{
	session_to_client(s, text, n, true);
}

static void
verdict(void *ctx, bool accepted)
{
	struct session *s = ctx;
	struct auth_state *a = s->auth;

	a->run = NULL;
	s->auth_waiting = false;
	if (accepted) {
		s->authenticated = true;
		str_escape(s->auth_user, sizeof(s->auth_user), a->user,
		    strlen(a->user));
		decision_authenticated(&s->d);
		transcript_set_state(s->tr, s->encryption != NULL &&
		    strcmp(s->encryption, "TLS_PASSTHROUGH") != 0 ? "TLS" :
		    NULL, s->auth_user);
		transcript_event(s->tr, "Authentication successful");
		send_text(s, "235 Proceed.\r\n", 14);
	} else {
		transcript_event(s->tr, "Authentication failed: %s", a->user);
		session_reply(s, R_FAILED_AUTH, 0, NULL);
	}
	explicit_bzero(a->user, sizeof(a->user));
	session_step(s);
}

static void
handle(struct session *s, enum auth_step st)
{
	struct auth_state *a = s->auth;

	s->auth_exchange = false;
	switch (st) {
	case AUTH_REPLY:
		s->auth_exchange = true;
		send_text(s, a->x.reply, a->x.replylen);
		return;
	case AUTH_VERIFY:
		str_lcpy(a->user, a->x.cred.user, sizeof(a->user));
		a->run = auth_run_start(s->loop, s->opt, &a->x.cred,
		    s->backend_envp, NULL, verdict, s);
		auth_clear(&a->x);
		if (a->run == NULL)
			session_reply(s, R_FAILED_AUTH, 0, NULL);
		else
			s->auth_waiting = true;
		return;
	case AUTH_CANCELLED:
		send_text(s, a->x.reply, a->x.replylen);
		break;
	case AUTH_UNKNOWN_MECH:
		session_reply(s, R_UNKNOWN_AUTH, 0, NULL);
		break;
	default:
		session_reply(s, R_FAILED_AUTH, 0, NULL);
		break;
	}
	auth_clear(&a->x);
}

void
session_auth_command(struct session *s, const char *arg, size_t n)
{
	struct auth_state *a = state(s);

	if (a == NULL) {
		session_reply(s, R_FAILED_AUTH, 0, NULL);
		return;
	}
	handle(s, auth_begin(&a->x, s->opt, arg, n));
}

void
session_auth_line(struct session *s, const char *line, size_t n)
{
	handle(s, auth_next(&((struct auth_state *)s->auth)->x, line, n));
}

void
session_auth_free(struct session *s)
{
	struct auth_state *a = s->auth;

	if (a == NULL)
		return;
	if (a->run != NULL)
		auth_run_cancel(a->run);
	auth_clear(&a->x);
	explicit_bzero(a, sizeof(*a));
	free(a);
	s->auth = NULL;
}

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

	if (len > 0 && (nul = memchr(buf, '\0', (size_t)len)) != NULL) {
		nul++;
		nul2 = memchr(nul, '\0', (size_t)len - (size_t)(nul - buf));
		set_user(s, nul, nul2 != NULL ? (size_t)(nul2 - nul) :
		    (size_t)len - (size_t)(nul - buf));
	}
	explicit_bzero(buf, sizeof(buf));	/* the password */
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
	case AM_PLAIN:	/* plain_blob() wipes the password */
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
