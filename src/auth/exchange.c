/*
 * exchange.c - the client side of one AUTH command processed by spamdyke
 * (session.md 8.2): PLAIN, LOGIN and CRAM-MD5, as a state machine fed one
 * client line at a time, and the observation of AUTH exchanges that the
 * backend processes (8.3).
 *
 * Entry points: auth_begin(), auth_next(), auth_clear(), auth_mech_name(),
 * auth_observe_*().  The output is a reply line for the session to send
 * or a complete struct auth_cred for run.c; the session owns the socket,
 * the configurable 504/535 texts and the log.  Nothing here logs a
 * credential: decoded passwords live only in the exchange (wiped by
 * auth_clear()) and in wiped stack buffers.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "log/log.h"
#include "tls/tls.h"
#include "util/str.h"

/* Decoded client data: a PLAIN blob holds authzid, user and password. */
#define DECODED_MAX	(AUTH_USER_MAX * 2 + AUTH_SECRET_MAX + 8)
#define ENCODED_MAX	(DECODED_MAX / 3 * 4 + 8)

enum {
	ST_IDLE = 0,
	ST_PLAIN_BLOB,		/* 334 sent, the blob comes next */
	ST_LOGIN_USER,		/* "Username:" asked */
	ST_LOGIN_PASS,		/* "Password:" asked */
	ST_CRAM			/* challenge sent */
};

static void
wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

const char *
auth_mech_name(enum auth_mech m)
{
	switch (m) {
	case AUTH_MECH_PLAIN:
		return "PLAIN";
	case AUTH_MECH_LOGIN:
		return "LOGIN";
	case AUTH_MECH_CRAM_MD5:
		return "CRAM-MD5";
	default:
		return "";
	}
}

void
auth_clear(struct auth_exchange *x)
{
	wipe(x, sizeof(*x));
	x->mech = AUTH_MECH_NONE;
	x->state = ST_IDLE;
}

/* Strip trailing CR and LF. */
static size_t
chomp(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n;
}

/*
 * Split an AUTH argument: *mech from the first word (prefix match, 8.2),
 * *resp and *rn the initial response (the next word), if any.
 */
static enum auth_mech
parse_arg(const char *arg, size_t n, const char **resp, size_t *rn)
{
	static const struct {
		const char	*name;
		enum auth_mech	 mech;
	} mechs[] = {
		{ "PLAIN", AUTH_MECH_PLAIN },
		{ "LOGIN", AUTH_MECH_LOGIN },
		{ "CRAM-MD5", AUTH_MECH_CRAM_MD5 },
	};
	size_t i = 0, w, k;

	n = chomp(arg, n);
	while (i < n && arg[i] == ' ')
		i++;
	w = i;
	while (w < n && arg[w] != ' ')
		w++;
	k = w;
	while (k < n && arg[k] == ' ')
		k++;
	*resp = arg + k;
	*rn = k;
	while (*rn < n && arg[*rn] != ' ')
		(*rn)++;
	*rn -= k;
	for (k = 0; k < nitems(mechs); k++)
		if (str_prefix_ci(arg + i, w - i, mechs[k].name))
			return mechs[k].mech;
	return AUTH_MECH_NONE;
}

/*
 * Decode one base64 response; RFC 4954 4: "=" is an empty response.
 * -1 when malformed or too long.
 */
static int
decode(const char *in, size_t n, char *out, size_t outsize, size_t *outlen)
{
	if (n == 1 && in[0] == '=') {
		out[0] = '\0';
		*outlen = 0;
		return 0;
	}
	return tls_b64_decode(in, n, out, outsize - 1, outlen);
}

/* The last space in s[0..n), or NULL. */
static const char *
last_space(const char *s, size_t n)
{
	while (n > 0)
		if (s[--n] == ' ')
			return s + n;
	return NULL;
}

/* Copy n bytes without NUL into a field of size max; -1 if impossible. */
static int
field(char *dst, size_t max, const char *src, size_t n)
{
	if (n >= max || memchr(src, '\0', n) != NULL)
		return -1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return 0;
}

static enum auth_step
reply(struct auth_exchange *x, int state, const char *fmt, const char *arg)
{
	int n = snprintf(x->reply, sizeof(x->reply), fmt, arg);

	x->replylen = n > 0 && (size_t)n < sizeof(x->reply) ? (size_t)n : 0;
	x->state = state;
	return AUTH_REPLY;
}

static enum auth_step
failed(struct auth_exchange *x)
{
	auth_clear(x);
	return AUTH_FAILED;
}

/* PLAIN: "[authzid] NUL authcid NUL passwd" (RFC 4616). */
static enum auth_step
plain_blob(struct auth_exchange *x, const char *in, size_t n)
{
	char d[DECODED_MAX];
	const char *nul1, *nul2, *user;
	size_t len;
	int rc;

	if (decode(in, n, d, sizeof(d), &len) == -1)
		return failed(x);
	nul1 = memchr(d, '\0', len);
	nul2 = nul1 != NULL ? memchr(nul1 + 1, '\0', len -
	    (size_t)(nul1 + 1 - d)) : NULL;
	user = nul1 != NULL ? nul1 + 1 : NULL;
	rc = nul2 == NULL ? -1 :
	    field(x->cred.user, sizeof(x->cred.user), user,
	    (size_t)(nul2 - user));
	if (rc == 0)
		rc = field(x->cred.secret, sizeof(x->cred.secret), nul2 + 1,
		    len - (size_t)(nul2 + 1 - d));
	wipe(d, sizeof(d));
	if (rc == -1)
		return failed(x);
	x->cred.challenge[0] = '\0';
	x->state = ST_IDLE;
	return AUTH_VERIFY;
}

/* LOGIN: a decoded response into dst (user or password). */
static int
login_field(char *dst, size_t max, const char *in, size_t n)
{
	char d[DECODED_MAX];
	size_t len;
	int rc;

	rc = decode(in, n, d, sizeof(d), &len);
	if (rc == 0)
		rc = field(dst, max, d, len);
	wipe(d, sizeof(d));
	return rc;
}

/* CRAM-MD5: the challenge "<random.unixtime@host>" (8.2). */
static enum auth_step
cram_start(struct auth_exchange *x, const struct options *opt)
{
	char host[AUTH_HOST_MAX], b64[AUTH_REPLY_MAX];
	uint32_t rnd;
	size_t len;
	int n;

	if (tls_random(&rnd, sizeof(rnd)) == -1) {
		log_error("unable to initialize SSL/TLS library");
		return failed(x);
	}
	auth_challenge_host(opt, host, sizeof(host));
	n = snprintf(x->cred.challenge, sizeof(x->cred.challenge),
	    "<%lu.%lld@%s>", (unsigned long)rnd, (long long)time(NULL), host);
	if (n < 0 || (size_t)n >= sizeof(x->cred.challenge) ||
	    tls_b64_encode(x->cred.challenge, (size_t)n, b64, sizeof(b64),
	    &len) == -1)
		return failed(x);
	return reply(x, ST_CRAM, "334 %s\r\n", b64);
}

/* CRAM-MD5 response: base64 of "user SP hexdigest". */
static enum auth_step
cram_response(struct auth_exchange *x, const char *in, size_t n)
{
	char d[DECODED_MAX];
	const char *sp;
	size_t len;
	int rc = -1;

	if (decode(in, n, d, sizeof(d), &len) == 0 &&
	    (sp = last_space(d, len)) != NULL) {
		rc = field(x->cred.user, sizeof(x->cred.user), d,
		    (size_t)(sp - d));
		if (rc == 0)
			rc = field(x->cred.secret, sizeof(x->cred.secret),
			    sp + 1, len - (size_t)(sp + 1 - d));
	}
	wipe(d, sizeof(d));
	if (rc == -1)
		return failed(x);
	x->state = ST_IDLE;
	return AUTH_VERIFY;
}

enum auth_step
auth_begin(struct auth_exchange *x, const struct options *opt,
    const char *arg, size_t n)
{
	const char *resp;
	size_t rn;

	auth_clear(x);
	x->mech = parse_arg(arg, n, &resp, &rn);
	switch (x->mech) {
	case AUTH_MECH_PLAIN:
		if (rn > 0)
			return plain_blob(x, resp, rn);
		return reply(x, ST_PLAIN_BLOB, "334 %s\r\n", "");
	case AUTH_MECH_LOGIN:
		if (rn == 0)
			return reply(x, ST_LOGIN_USER, "334 %s\r\n",
			    "VXNlcm5hbWU6");
		if (login_field(x->cred.user, sizeof(x->cred.user), resp,
		    rn) == -1)
			return failed(x);
		return reply(x, ST_LOGIN_PASS, "334 %s\r\n", "UGFzc3dvcmQ6");
	case AUTH_MECH_CRAM_MD5:
		/* CRAM-MD5 has no initial response (RFC 2195): ignored. */
		return cram_start(x, opt);
	default:
		auth_clear(x);
		return AUTH_UNKNOWN_MECH;
	}
}

enum auth_step
auth_next(struct auth_exchange *x, const char *line, size_t n)
{
	n = chomp(line, n);
	if (x->state != ST_IDLE && n == 1 && line[0] == '*') {
		/* Improvement (8.2): RFC 4954 4 cancellation. */
		auth_clear(x);
		x->replylen = (size_t)snprintf(x->reply, sizeof(x->reply),
		    "501 %s\r\n", AUTH_TEXT_CANCELLED);
		return AUTH_CANCELLED;
	}
	switch (x->state) {
	case ST_PLAIN_BLOB:
		return plain_blob(x, line, n);
	case ST_LOGIN_USER:
		if (login_field(x->cred.user, sizeof(x->cred.user), line,
		    n) == -1)
			return failed(x);
		return reply(x, ST_LOGIN_PASS, "334 %s\r\n", "UGFzc3dvcmQ6");
	case ST_LOGIN_PASS:
		if (login_field(x->cred.secret, sizeof(x->cred.secret), line,
		    n) == -1)
			return failed(x);
		x->cred.challenge[0] = '\0';
		x->state = ST_IDLE;
		return AUTH_VERIFY;
	case ST_CRAM:
		return cram_response(x, line, n);
	default:
		return failed(x);
	}
}

/* Observation (8.3): the user name only; the rest is wiped at once. */
static void
observe_response(struct auth_observer *o, const char *in, size_t n)
{
	char d[DECODED_MAX];
	const char *user = NULL, *end = NULL, *nul;
	size_t len;

	n = chomp(in, n);
	o->done = true;
	if (n == 1 && in[0] == '*')
		return;
	if (decode(in, n, d, sizeof(d), &len) == -1)
		return;
	switch (o->mech) {
	case AUTH_MECH_PLAIN:
		if ((nul = memchr(d, '\0', len)) != NULL) {
			user = nul + 1;
			end = memchr(user, '\0', len - (size_t)(user - d));
		}
		break;
	case AUTH_MECH_LOGIN:
		user = d;
		end = d + len;
		break;
	case AUTH_MECH_CRAM_MD5:
		user = d;
		end = last_space(d, len);
		break;
	default:
		break;
	}
	if (user != NULL && end != NULL &&
	    field(o->user, sizeof(o->user), user, (size_t)(end - user)) == 0)
		o->have_user = true;
	wipe(d, sizeof(d));
}

void
auth_observe_begin(struct auth_observer *o, const char *arg, size_t n)
{
	const char *resp;
	size_t rn;

	memset(o, 0, sizeof(*o));
	o->mech = parse_arg(arg, n, &resp, &rn);
	if (o->mech == AUTH_MECH_NONE)
		o->done = true;
	else if (rn > 0 && o->mech != AUTH_MECH_CRAM_MD5)
		observe_response(o, resp, rn);
}

void
auth_observe_line(struct auth_observer *o, const char *line, size_t n)
{
	o->lines++;
	if (!o->done)
		observe_response(o, line, n);
}

const char *
auth_observe_user(const struct auth_observer *o)
{
	return o->have_user ? o->user : NULL;
}
