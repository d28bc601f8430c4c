/*
 * test_auth_exchange.c - AUTH PLAIN, LOGIN and CRAM-MD5 exchanges, their
 * cancellation and malformed input (src/auth/exchange.c, session.md 8.2),
 * observed AUTH (8.3) and the CRAM-MD5 challenge host (hostname.c).
 *
 * Each exchange is a script: the AUTH argument, then (client line, step
 * and reply wanted) pairs, then the credentials wanted.
 */
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "auth/auth.h"
#include "config/options.h"
#include "tls/tls.h"
#include "util/str.h"

/* "\0bob\0secret", "bob", "secret" */
#define B64_NUL_BOB_SECRET	"AGJvYgBzZWNyZXQ="
#define B64_BOB			"Ym9i"
#define B64_SECRET		"c2VjcmV0"
#define PROMPT_USER		"334 VXNlcm5hbWU6\r\n"
#define PROMPT_PASS		"334 UGFzc3dvcmQ6\r\n"
#define CANCELLED		"501 Authentication cancelled.\r\n"

struct step {
	const char	*line;		/* NULL: end of script */
	enum auth_step	 want;
	const char	*want_reply;	/* NULL: not checked */
};

static const struct {
	const char	*label;
	const char	*arg;
	enum auth_step	 first;
	const char	*first_reply;
	struct step	 steps[3];
	const char	*want_user;	/* for AUTH_VERIFY */
	const char	*want_secret;
} cases[] = {
	{ "PLAIN initial response", "PLAIN " B64_NUL_BOB_SECRET "\r\n",
	    AUTH_VERIFY, NULL, { { NULL, 0, NULL } }, "bob", "secret" },
	{ "PLAIN lower case", "plain " B64_NUL_BOB_SECRET, AUTH_VERIFY, NULL,
	    { { NULL, 0, NULL } }, "bob", "secret" },
	{ "PLAIN with authzid", "PLAIN YWRtaW4AYm9iAHNlY3JldA==",
	    AUTH_VERIFY, NULL, { { NULL, 0, NULL } }, "bob", "secret" },
	{ "PLAIN continuation", "PLAIN", AUTH_REPLY, "334 \r\n",
	    { { B64_NUL_BOB_SECRET "\r\n", AUTH_VERIFY, NULL },
	    { NULL, 0, NULL } }, "bob", "secret" },
	{ "PLAIN spaces around", "  PLAIN   " B64_NUL_BOB_SECRET "  ",
	    AUTH_VERIFY, NULL, { { NULL, 0, NULL } }, "bob", "secret" },
	{ "PLAIN empty user and password", "PLAIN AAA=", AUTH_VERIFY, NULL,
	    { { NULL, 0, NULL } }, "", "" },
	{ "PLAIN cancelled", "PLAIN", AUTH_REPLY, "334 \r\n",
	    { { "*\r\n", AUTH_CANCELLED, CANCELLED }, { NULL, 0, NULL } },
	    NULL, NULL },
	{ "PLAIN bad base64", "PLAIN AGJvYgBzZWNyZXQ", AUTH_FAILED, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "PLAIN bad base64 continued", "PLAIN", AUTH_REPLY, "334 \r\n",
	    { { "!!!!", AUTH_FAILED, NULL }, { NULL, 0, NULL } }, NULL, NULL },
	{ "PLAIN one NUL", "PLAIN Ym9iAHNlY3JldA==", AUTH_FAILED, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "PLAIN three NULs", "PLAIN AGJvYgBzZWMAcmV0", AUTH_FAILED, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "PLAIN no NUL", "PLAIN Ym9i", AUTH_FAILED, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "PLAIN '=' is empty", "PLAIN =", AUTH_FAILED, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "LOGIN", "LOGIN", AUTH_REPLY, PROMPT_USER,
	    { { B64_BOB "\r\n", AUTH_REPLY, PROMPT_PASS },
	    { B64_SECRET "\r\n", AUTH_VERIFY, NULL }, { NULL, 0, NULL } },
	    "bob", "secret" },
	{ "LOGIN initial response", "Login " B64_BOB, AUTH_REPLY,
	    PROMPT_PASS, { { B64_SECRET, AUTH_VERIFY, NULL },
	    { NULL, 0, NULL } }, "bob", "secret" },
	{ "LOGIN empty password", "LOGIN " B64_BOB, AUTH_REPLY, PROMPT_PASS,
	    { { "", AUTH_VERIFY, NULL }, { NULL, 0, NULL } }, "bob", "" },
	{ "LOGIN cancelled at user", "LOGIN", AUTH_REPLY, PROMPT_USER,
	    { { "*", AUTH_CANCELLED, CANCELLED }, { NULL, 0, NULL } },
	    NULL, NULL },
	{ "LOGIN cancelled at password", "LOGIN", AUTH_REPLY, PROMPT_USER,
	    { { B64_BOB, AUTH_REPLY, PROMPT_PASS },
	    { "*\r\n", AUTH_CANCELLED, CANCELLED }, { NULL, 0, NULL } },
	    NULL, NULL },
	{ "LOGIN bad user base64", "LOGIN", AUTH_REPLY, PROMPT_USER,
	    { { "Ym9", AUTH_FAILED, NULL }, { NULL, 0, NULL } }, NULL, NULL },
	{ "LOGIN bad initial base64", "LOGIN Ym9", AUTH_FAILED, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "LOGIN bad password base64", "LOGIN " B64_BOB, AUTH_REPLY,
	    PROMPT_PASS, { { "c2Vj=mV0", AUTH_FAILED, NULL },
	    { NULL, 0, NULL } }, NULL, NULL },
	{ "LOGIN NUL in user", "LOGIN", AUTH_REPLY, PROMPT_USER,
	    { { "Ym9iAA==", AUTH_FAILED, NULL }, { NULL, 0, NULL } },
	    NULL, NULL },
	{ "unknown mechanism", "DIGEST-MD5", AUTH_UNKNOWN_MECH, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "XOAUTH2", "XOAUTH2 dXNlcj1ib2IBAQ==", AUTH_UNKNOWN_MECH, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "no mechanism", "", AUTH_UNKNOWN_MECH, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	{ "prefix LOG", "LOG", AUTH_UNKNOWN_MECH, NULL,
	    { { NULL, 0, NULL } }, NULL, NULL },
	/* Compat (8.2): the name is matched by prefix. */
	{ "prefix PLAINX", "PLAINX " B64_NUL_BOB_SECRET, AUTH_VERIFY, NULL,
	    { { NULL, 0, NULL } }, "bob", "secret" },
};

static void
test_exchange_table(void **state)
{
	struct options *o = opt_new();
	struct auth_exchange x;
	enum auth_step st;
	size_t i, k;
	int bad = 0;

	(void)state;
	memset(&x, 0, sizeof(x));
	for (i = 0; i < nitems(cases); i++) {
		st = auth_begin(&x, o, cases[i].arg, strlen(cases[i].arg));
		if (st != cases[i].first || (cases[i].first_reply != NULL &&
		    strcmp(x.reply, cases[i].first_reply) != 0)) {
			print_error("%s: begin got %d \"%s\", want %d\n",
			    cases[i].label, st, x.reply, cases[i].first);
			bad++;
			continue;
		}
		for (k = 0; cases[i].steps[k].line != NULL; k++) {
			const struct step *s = &cases[i].steps[k];

			st = auth_next(&x, s->line, strlen(s->line));
			if (st != s->want || (s->want_reply != NULL &&
			    (strcmp(x.reply, s->want_reply) != 0 ||
			    x.replylen != strlen(s->want_reply)))) {
				print_error("%s: step %zu got %d \"%s\", want "
				    "%d\n", cases[i].label, k, st, x.reply,
				    s->want);
				bad++;
				break;
			}
		}
		if (st == AUTH_VERIFY && cases[i].want_user != NULL &&
		    (strcmp(x.cred.user, cases[i].want_user) != 0 ||
		    strcmp(x.cred.secret, cases[i].want_secret) != 0 ||
		    x.cred.challenge[0] != '\0')) {
			print_error("%s: got user \"%s\", want \"%s\"\n",
			    cases[i].label, x.cred.user, cases[i].want_user);
			bad++;
		}
		/* Failures leave no credential behind. */
		if (st != AUTH_VERIFY && (x.cred.user[0] != '\0' ||
		    x.cred.secret[0] != '\0')) {
			print_error("%s: credentials kept\n", cases[i].label);
			bad++;
		}
		auth_clear(&x);
	}
	opt_free(o);
	assert_int_equal(bad, 0);
}

/* Improvement (8.2): a new AUTH forgets the previous mechanism. */
static void
test_mechanism_reset(void **state)
{
	struct options *o = opt_new();
	struct auth_exchange x;

	(void)state;
	memset(&x, 0, sizeof(x));
	assert_int_equal(auth_begin(&x, o, "LOGIN", 5), AUTH_REPLY);
	assert_int_equal(x.mech, AUTH_MECH_LOGIN);
	assert_int_equal(auth_begin(&x, o, "FOO", 3), AUTH_UNKNOWN_MECH);
	assert_int_equal(x.mech, AUTH_MECH_NONE);
	/* A line after the exchange ended is not taken as a response. */
	assert_int_equal(auth_next(&x, B64_BOB, 4), AUTH_FAILED);
	assert_string_equal(auth_mech_name(AUTH_MECH_CRAM_MD5), "CRAM-MD5");
	assert_string_equal(auth_mech_name(AUTH_MECH_NONE), "");
	opt_free(o);
}

/* Decode the challenge of a 334 reply. */
static void
challenge_of(const struct auth_exchange *x, char *out, size_t outlen)
{
	size_t n, len = strlen(x->reply);

	assert_true(len > 6);
	assert_memory_equal(x->reply, "334 ", 4);
	assert_memory_equal(x->reply + len - 2, "\r\n", 2);
	assert_int_equal(tls_b64_decode(x->reply + 4, len - 6, out, outlen,
	    &n), 0);
	out[n] = '\0';
}

static void
hexdigest(const char *key, const char *data, char out[33])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[16];
	size_t i;

	assert_int_equal(tls_hmac_md5(key, strlen(key), data, strlen(data),
	    d), 0);
	for (i = 0; i < 16; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[32] = '\0';
}

/* CRAM-MD5: "<random.unixtime@host>" base64'd; "user SP digest" back. */
static void
test_cram_md5(void **state)
{
	struct options *o = opt_new();
	struct auth_exchange x;
	char ch[AUTH_CHALLENGE_MAX], ch2[AUTH_CHALLENGE_MAX], dig[33];
	char resp[256], b64[512];
	regex_t re;
	size_t n;
	long long t;
	time_t now = time(NULL);

	(void)state;
	memset(&x, 0, sizeof(x));
	o->hostname = str_dup("mail.example.org");
	assert_int_equal(auth_begin(&x, o, "CRAM-MD5", 8), AUTH_REPLY);
	challenge_of(&x, ch, sizeof(ch));
	assert_int_equal(regcomp(&re,
	    "^<[0-9]+\\.[0-9]+@mail\\.example\\.org>$",
	    REG_EXTENDED | REG_NOSUB), 0);
	assert_int_equal(regexec(&re, ch, 0, NULL, 0), 0);
	regfree(&re);
	t = atoll(strchr(ch, '.') + 1);
	assert_true(t >= (long long)now - 1 && t <= (long long)now + 5);
	assert_string_equal(x.cred.challenge, ch);

	hexdigest("secret", ch, dig);
	snprintf(resp, sizeof(resp), "bob %s", dig);
	assert_int_equal(tls_b64_encode(resp, strlen(resp), b64, sizeof(b64),
	    &n), 0);
	assert_int_equal(auth_next(&x, b64, n), AUTH_VERIFY);
	assert_string_equal(x.cred.user, "bob");
	assert_string_equal(x.cred.secret, dig);
	assert_string_equal(x.cred.challenge, ch);

	/* Challenges differ; an initial response is ignored. */
	assert_int_equal(auth_begin(&x, o, "cram-md5 Zm9v", 13), AUTH_REPLY);
	challenge_of(&x, ch2, sizeof(ch2));
	assert_string_not_equal(ch, ch2);
	/* A user name with spaces: the digest follows the last one. */
	assert_int_equal(tls_b64_encode("a b c 0123", 10, b64, sizeof(b64),
	    &n), 0);
	assert_int_equal(auth_next(&x, b64, n), AUTH_VERIFY);
	assert_string_equal(x.cred.user, "a b c");
	assert_string_equal(x.cred.secret, "0123");

	/* Malformed responses and cancellation. */
	assert_int_equal(auth_begin(&x, o, "CRAM-MD5", 8), AUTH_REPLY);
	assert_int_equal(auth_next(&x, "Ym9i", 4), AUTH_FAILED); /* no SP */
	assert_int_equal(auth_begin(&x, o, "CRAM-MD5", 8), AUTH_REPLY);
	assert_int_equal(auth_next(&x, "Ym9i!", 5), AUTH_FAILED);
	assert_int_equal(auth_begin(&x, o, "CRAM-MD5", 8), AUTH_REPLY);
	assert_int_equal(auth_next(&x, "*", 1), AUTH_CANCELLED);
	assert_string_equal(x.reply, CANCELLED);
	assert_string_equal(x.cred.challenge, "");
	auth_clear(&x);
	opt_free(o);
}

/* 8.2: hostname, hostname-file, hostname-command, environment, default. */
static void
test_challenge_host(void **state)
{
	struct options *o = opt_new();
	char host[AUTH_HOST_MAX], path[] = "/tmp/test_auth_host.XXXXXX";
	FILE *f;
	int fd;

	(void)state;
	unsetenv("TCPLOCALHOST");
	unsetenv("HOSTNAME");
	auth_challenge_host(o, host, sizeof(host));
	assert_string_equal(host, "unknown.server.unknown.domain");
	setenv("HOSTNAME", "env.example", 1);
	auth_challenge_host(o, host, sizeof(host));
	assert_string_equal(host, "env.example");
	setenv("TCPLOCALHOST", "tcp.example", 1);
	auth_challenge_host(o, host, sizeof(host));
	assert_string_equal(host, "tcp.example");

	o->hostname_command = str_dup("/bin/echo cmd.example");
	auth_challenge_host(o, host, sizeof(host));
	assert_string_equal(host, "cmd.example");
	/* A command that prints nothing falls through. */
	free(o->hostname_command);
	o->hostname_command = str_dup("/bin/true");
	auth_challenge_host(o, host, sizeof(host));
	assert_string_equal(host, "tcp.example");
	free(o->hostname_command);
	o->hostname_command = str_dup("/bin/echo cmd.example");

	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("file.example\r\nsecond.example\n", f);
	fclose(f);
	o->hostname_file = str_dup(path);
	auth_challenge_host(o, host, sizeof(host));
	assert_string_equal(host, "file.example");

	o->hostname = str_dup("opt.example");
	auth_challenge_host(o, host, sizeof(host));
	assert_string_equal(host, "opt.example");
	/* Clipped, never overflowing. */
	auth_challenge_host(o, host, 4);
	assert_string_equal(host, "opt");
	unlink(path);
	unsetenv("TCPLOCALHOST");
	unsetenv("HOSTNAME");
	opt_free(o);
}

/* 8.3: the user name of an exchange the backend processes. */
static void
test_observe(void **state)
{
	static const struct {
		const char	*label;
		const char	*arg;
		const char	*lines[3];
		const char	*want;	/* NULL: unknown */
	} obs[] = {
		{ "PLAIN initial", "PLAIN " B64_NUL_BOB_SECRET, { NULL },
		    "bob" },
		{ "PLAIN continued", "PLAIN", { B64_NUL_BOB_SECRET "\r\n",
		    NULL }, "bob" },
		{ "LOGIN", "LOGIN", { B64_BOB "\r\n", B64_SECRET "\r\n",
		    NULL }, "bob" },
		{ "LOGIN initial", "LOGIN " B64_BOB, { B64_SECRET, NULL },
		    "bob" },
		{ "CRAM-MD5", "CRAM-MD5", { "Ym9iIDAxMjM=", NULL }, "bob" },
		{ "unknown", "XOAUTH2 dXNlcj1ib2I=", { NULL }, NULL },
		{ "cancelled", "LOGIN", { "*", B64_BOB, NULL }, NULL },
		{ "bad base64", "PLAIN", { "!!", B64_NUL_BOB_SECRET, NULL },
		    NULL },
	};
	struct auth_observer o;
	const char *u;
	size_t i, k;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(obs); i++) {
		auth_observe_begin(&o, obs[i].arg, strlen(obs[i].arg));
		for (k = 0; obs[i].lines[k] != NULL; k++)
			auth_observe_line(&o, obs[i].lines[k],
			    strlen(obs[i].lines[k]));
		u = auth_observe_user(&o);
		if ((u == NULL) != (obs[i].want == NULL) ||
		    (u != NULL && strcmp(u, obs[i].want) != 0)) {
			print_error("%s: got %s, want %s\n", obs[i].label,
			    u ? u : "(null)", obs[i].want ? obs[i].want :
			    "(null)");
			bad++;
		}
		/* The password is never kept. */
		if (strstr(o.user, "secret") != NULL)
			bad++;
	}
	assert_int_equal(bad, 0);
}

/* Whole exchanges, verified by tests/harness/checkpassword-test. */
static void
test_end_to_end(void **state)
{
	static const struct {
		const char	*label;
		const char	*arg;
		const char	*lines[2];
		int		 want;
	} runs[] = {
		{ "PLAIN initial", "PLAIN " B64_NUL_BOB_SECRET, { NULL }, 1 },
		{ "PLAIN continued", "PLAIN", { B64_NUL_BOB_SECRET, NULL }, 1 },
		{ "PLAIN wrong", "PLAIN AGJvYgBzZWNyZXU=", { NULL }, 0 },
		{ "LOGIN", "LOGIN", { B64_BOB, B64_SECRET }, 1 },
		{ "LOGIN initial", "LOGIN " B64_BOB, { B64_SECRET, NULL }, 1 },
		{ "LOGIN wrong user", "LOGIN Ym9j", { B64_SECRET, NULL }, 0 },
		{ "CRAM-MD5", "CRAM-MD5", { NULL }, 1 },
		{ "CRAM-MD5 wrong key", "CRAM-MD5", { NULL }, 0 },
	};
	const char *src = getenv("SPAMDYKE_SRCDIR");
	struct auth_limits lim = { 5000, 0 };
	struct options *o = opt_new();
	struct auth_exchange x;
	char cmd[600], err[128], ch[AUTH_CHALLENGE_MAX], dig[33];
	char resp[128], b64[256];
	enum auth_step st;
	size_t i, k, n;
	int bad = 0, v;

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s/tests/harness/checkpassword-test bob "
	    "secret", src != NULL ? src : ".");
	assert_int_equal(opt_set(o, "smtp-auth-command", cmd, OPT_WHERE_C,
	    err, sizeof(err)), 0);
	memset(&x, 0, sizeof(x));
	for (i = 0; i < nitems(runs); i++) {
		st = auth_begin(&x, o, runs[i].arg, strlen(runs[i].arg));
		for (k = 0; k < 2 && runs[i].lines[k] != NULL; k++)
			st = auth_next(&x, runs[i].lines[k],
			    strlen(runs[i].lines[k]));
		if (x.mech == AUTH_MECH_CRAM_MD5) {
			challenge_of(&x, ch, sizeof(ch));
			hexdigest(runs[i].want ? "secret" : "secreu", ch, dig);
			snprintf(resp, sizeof(resp), "bob %s", dig);
			assert_int_equal(tls_b64_encode(resp, strlen(resp), b64,
			    sizeof(b64), &n), 0);
			st = auth_next(&x, b64, n);
		}
		v = st == AUTH_VERIFY ? auth_verify(o, &x.cred, NULL, &lim) :
		    -2;
		if (v != runs[i].want) {
			print_error("%s: got %d, want %d\n", runs[i].label, v,
			    runs[i].want);
			bad++;
		}
		auth_clear(&x);
	}
	opt_free(o);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exchange_table),
		cmocka_unit_test(test_mechanism_reset),
		cmocka_unit_test(test_cram_md5),
		cmocka_unit_test(test_challenge_host),
		cmocka_unit_test(test_observe),
		cmocka_unit_test(test_end_to_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
