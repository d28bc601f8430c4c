/*
 * test_auth_run.c - the checkpassword-compatible verification commands
 * (src/auth/run.c, spawn.c; session.md 8.4, 8.5).
 *
 * The command is tests/harness/checkpassword-test, which accepts user
 * "bob" with password "secret" (and the matching CRAM-MD5 digest), can
 * exit with a chosen code, sleep, and record what it received.  Limits
 * are shortened (timeout 1 s) so the suite stays fast.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
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
#include "io/loop.h"
#include "log/log.h"
#include "tls/tls.h"
#include "util/buf.h"
#include "util/str.h"

static char	 cpw[512];		/* path of checkpassword-test */
static char	 dump[64];		/* its record file */
static struct buf logged;

static void
observe(const char *msg, void *ctx)
{
	(void)ctx;
	(void)buf_puts(&logged, msg);
	(void)buf_putc(&logged, '\n');
}

static bool
log_has(const char *s)
{
	return strstr(buf_cstr(&logged), s) != NULL;
}

static int
setup(void **state)
{
	const char *src = getenv("SPAMDYKE_SRCDIR");
	int fd;

	(void)state;
	snprintf(cpw, sizeof(cpw), "%s/tests/harness/checkpassword-test",
	    src != NULL ? src : ".");
	if (access(cpw, X_OK) != 0)
		return -1;
	snprintf(dump, sizeof(dump), "/tmp/test_auth_run.XXXXXX");
	if ((fd = mkstemp(dump)) == -1)
		return -1;
	close(fd);
	buf_init(&logged, 1 << 20);
	log_set_observer(observe, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(dump);
	buf_free(&logged);
	return 0;
}

static uint64_t
now_ms(void)
{
	return loop_now_ms();
}

/* Options whose smtp-auth-command list is the given commands. */
static struct options *
opts(const char *const cmds[])
{
	struct options *o = opt_new();
	char err[256];
	size_t i;

	assert_non_null(o);
	for (i = 0; cmds[i] != NULL; i++)
		assert_int_equal(opt_set(o, "smtp-auth-command", cmds[i],
		    OPT_WHERE_C, err, sizeof(err)), 0);
	return o;
}

static void
cred(struct auth_cred *c, const char *user, const char *secret,
    const char *challenge)
{
	memset(c, 0, sizeof(*c));
	str_lcpy(c->user, user, sizeof(c->user));
	str_lcpy(c->secret, secret, sizeof(c->secret));
	str_lcpy(c->challenge, challenge, sizeof(c->challenge));
}

static struct auth_limits
fast(long min_ms)
{
	struct auth_limits l = { 1000, min_ms };

	return l;
}

/* Run one command line for bob with secret; the verdict. */
static int
verify1(const char *cmdline, const char *secret, long min_ms)
{
	const char *cmds[] = { cmdline, NULL };
	struct options *o = opts(cmds);
	struct auth_limits lim = fast(min_ms);
	struct auth_cred c;
	int r;

	cred(&c, "bob", secret, "");
	r = auth_verify(o, &c, NULL, &lim);
	opt_free(o);
	return r;
}

static void
test_defaults(void **state)
{
	struct auth_limits l;

	(void)state;
	auth_limits_default(&l);
	assert_int_equal(l.timeout_ms, 30000);
	assert_int_equal(l.min_ms, AUTH_MIN_MS);
}

static void
test_accept_and_refuse(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s bob secret", cpw);
	assert_int_equal(verify1(cmd, "secret", 0), 1);
	assert_int_equal(verify1(cmd, "wrong", 0), 0);
	/* checkpassword style: the rest of argv runs on success. */
	snprintf(cmd, sizeof(cmd), "%s bob secret /bin/true", cpw);
	assert_int_equal(verify1(cmd, "secret", 0), 1);
	snprintf(cmd, sizeof(cmd), "%s bob secret /bin/false", cpw);
	assert_int_equal(verify1(cmd, "secret", 0), 0);
	/* No command at all: refused. */
	{
		const char *none[] = { NULL };
		struct options *o = opts(none);
		struct auth_cred c;
		struct auth_limits lim = fast(0);

		cred(&c, "bob", "secret", "");
		assert_int_equal(auth_verify(o, &c, NULL, &lim), 0);
		opt_free(o);
	}
}

/* 8.4 step 1: commands in order until one accepts. */
static void
test_commands_in_order(void **state)
{
	char a[600], b[600], c2[600];
	const char *cmds[] = { a, b, c2, NULL };
	struct auth_limits lim = fast(0);
	struct options *o;
	struct auth_cred c;
	char rec[8192];
	const char *p;
	ssize_t len;
	int fd, n = 0;

	(void)state;
	snprintf(a, sizeof(a), "%s -d %s alice x", cpw, dump);
	snprintf(b, sizeof(b), "%s -d %s bob secret", cpw, dump);
	snprintf(c2, sizeof(c2), "%s -d %s carol y", cpw, dump);
	assert_int_equal(truncate(dump, 0), 0);
	o = opts(cmds);
	cred(&c, "bob", "secret", "");
	assert_int_equal(auth_verify(o, &c, NULL, &lim), 1);
	opt_free(o);
	/* Two ran (alice's refused, bob's accepted); carol's never did. */
	assert_true((fd = open(dump, O_RDONLY)) != -1);
	len = read(fd, rec, sizeof(rec) - 1);
	close(fd);
	assert_true(len > 0);
	rec[len] = '\0';
	for (p = rec; (p = strstr(p, "user=bob\n")) != NULL; p++)
		n++;
	assert_int_equal(n, 2);
	assert_int_equal(strstr(rec, "args=\n") != NULL, 1);
}

/* 8.4 step 2 and the Improvement: fd 3 contents, fd 0, no leaked fds. */
static void
test_child_descriptors(void **state)
{
	char cmd[600], rec[4096], *p;
	const char *cmds[] = { cmd, NULL };
	struct auth_limits lim = fast(0);
	struct options *o;
	struct auth_cred c;
	ssize_t n;
	int fd, canary;

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s -d %s -x 0 bob secret", cpw, dump);
	assert_int_equal(truncate(dump, 0), 0);
	/* A descriptor spamdyke has open must not reach the command. */
	canary = open("/dev/zero", O_RDONLY);
	assert_int_equal(dup2(canary, 47), 47);
	o = opts(cmds);
	cred(&c, "bob", "0123456789abcdef", "<1.2@host.test>");
	assert_int_equal(auth_verify(o, &c, NULL, &lim), 1);
	opt_free(o);
	close(47);
	close(canary);
	assert_true((fd = open(dump, O_RDONLY)) != -1);
	n = read(fd, rec, sizeof(rec) - 1);
	close(fd);
	assert_true(n > 0);
	rec[n] = '\0';
	assert_non_null(strstr(rec, "user=bob\npass=0123456789abcdef\n"
	    "ts=<1.2@host.test>\n"));
	assert_non_null(strstr(rec, "fd0=/dev/null\n"));
	p = strstr(rec, "fds=");
	assert_non_null(p);
	print_message("# child descriptors: %.*s\n", (int)strcspn(p, "\n"), p);
	/* bash keeps 255 for itself; the listing's own directory is one. */
	assert_null(strstr(p, " 47"));
	assert_null(strstr(p, " 4 "));
	assert_null(strstr(p, " 5 "));
}

/* 8.5: every exit code has its text, followed by the user name. */
static void
test_exit_code_texts(void **state)
{
	static const struct {
		int		 code;
		const char	*text;
	} codes[] = {
		{ 1, "authentication failure (bad username/password, vchkpw "
		    "uses this to indicate SMTP access is not allowed): " },
		{ 2, "authentication misuse (no input given or no additional "
		    "command path given, e.g. /bin/true): " },
		{ 3, "authentication error 3 (vchkpw uses this to indicate an "
		    "unknown username or authentication failure): " },
		{ 7, "authentication error 7 (vchkpw uses this to indicate a "
		    "failure to set the USER environment variable, possibly "
		    "due to low memory): " },
		{ 8, "authentication error 8 (vchkpw uses this to indicate a "
		    "failure to set the HOME environment variable, possibly "
		    "due to low memory): " },
		{ 9, "authentication error 9 (vchkpw uses this to indicate a "
		    "failure to set the SHELL environment variable, possibly "
		    "due to low memory): " },
		{ 10, "authentication error 10 (vchkpw uses this to indicate a "
		    "failure to set the VPOPUSER environment variable, "
		    "possibly due to low memory): " },
		{ 11, "authentication error 11 (vchkpw uses this to indicate "
		    "missing input on file descriptor 3): " },
		{ 12, "authentication error 12 (vchkpw uses this to indicate "
		    "an empty username): " },
		{ 13, "authentication error 13 (vchkpw uses this to indicate "
		    "an empty password): " },
		{ 14, "authentication error 14 (vchkpw uses this to indicate "
		    "a failure to create a virtual user's home directory): " },
		{ 15, "authentication error 15 (vchkpw uses this to indicate "
		    "a virtual user has no password): " },
		{ 20, "authentication error 20 (vchkpw uses this to indicate "
		    "an unparsable email address): " },
		{ 21, "authentication error 21 (vchkpw uses this to indicate "
		    "a failed username lookup in the system password file): " },
		{ 22, "authentication error 22 (vchkpw uses this to indicate "
		    "a failed username lookup in the system shadow file): " },
		{ 23, "authentication error 23 (vchkpw uses this to indicate "
		    "a failed authentication attempt using the system "
		    "password file): " },
		{ 111, "authentication error (likely due to missing/"
		    "unexecutable commands): " },
		{ 4, "unknown authentication error code (4): " },
		{ 42, "unknown authentication error code (42): " },
	};
	char cmd[600], want[512], text[512];
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(codes); i++) {
		/* The table itself... */
		if (strcmp(auth_exit_text(codes[i].code, text, sizeof(text)),
		    codes[i].text) != 0) {
			print_error("code %d: got \"%s\"\n", codes[i].code,
			    text);
			bad++;
		}
		/* ...and the line a real exit produces. */
		buf_reset(&logged);
		snprintf(cmd, sizeof(cmd), "%s -x %d bob secret", cpw,
		    codes[i].code);
		assert_int_equal(verify1(cmd, "secret", 0), 0);
		snprintf(want, sizeof(want), "): %sbob\n", codes[i].text);
		if (!log_has(want) || strncmp(buf_cstr(&logged), "ERROR(",
		    6) != 0) {
			print_error("code %d: log \"%s\"\n", codes[i].code,
			    buf_cstr(&logged));
			bad++;
		}
		if (log_has("secret"))
			bad++;
	}
	assert_int_equal(bad, 0);
}

/* A command that is missing or cannot be executed exits 111. */
static void
test_missing_command(void **state)
{
	(void)state;
	buf_reset(&logged);
	assert_int_equal(verify1("/nonexistent/checkpassword /bin/true",
	    "secret", 0), 0);
	assert_true(log_has("authentication error (likely due to missing/"
	    "unexecutable commands): bob"));
	buf_reset(&logged);
	assert_int_equal(verify1("no-such-checkpassword-anywhere", "secret",
	    0), 0);
	assert_true(log_has("unexecutable commands): bob"));
}

/* 8.4 step 3: killed after the limit (1 s here), then the next command. */
static void
test_timeout_kill(void **state)
{
	char slow[600], good[600];
	const char *cmds[] = { slow, good, NULL };
	struct auth_limits lim = fast(0);
	struct options *o;
	struct auth_cred c;
	uint64_t t0, dt;

	(void)state;
	snprintf(slow, sizeof(slow), "%s -s 30 bob secret", cpw);
	snprintf(good, sizeof(good), "%s bob secret", cpw);
	buf_reset(&logged);
	t0 = now_ms();
	assert_int_equal(verify1(slow, "secret", 0), 0);
	dt = now_ms() - t0;
	print_message("# killed after %llu ms\n", (unsigned long long)dt);
	assert_true(dt >= 1000 && dt < 2500);
	assert_true(log_has("authentication aborted abnormally: bob\n"));

	o = opts(cmds);
	cred(&c, "bob", "secret", "");
	t0 = now_ms();
	assert_int_equal(auth_verify(o, &c, NULL, &lim), 1);
	assert_true(now_ms() - t0 < 4000);
	opt_free(o);

	/* A command flooding its output is killed on time all the same. */
	snprintf(slow, sizeof(slow), "%s bob secret /usr/bin/yes", cpw);
	buf_reset(&logged);
	t0 = now_ms();
	assert_int_equal(verify1(slow, "secret", 0), 0);
	dt = now_ms() - t0;
	assert_true(dt >= 1000 && dt < 2500);
	assert_true(log_has("authentication aborted abnormally: bob\n"));
}

/* A wrong password costs the same time as a right one. */
static void
test_equal_minimum_time(void **state)
{
	char cmd[600];
	uint64_t t0, ok_ms, bad_ms, unknown_ms;

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s bob secret", cpw);
	t0 = now_ms();
	assert_int_equal(verify1(cmd, "secret", 400), 1);
	ok_ms = now_ms() - t0;
	t0 = now_ms();
	assert_int_equal(verify1(cmd, "wrong", 400), 0);
	bad_ms = now_ms() - t0;
	t0 = now_ms();
	assert_int_equal(verify1("/nonexistent/x", "wrong", 400), 0);
	unknown_ms = now_ms() - t0;
	print_message("# success %llu ms, failure %llu ms, missing %llu ms\n",
	    (unsigned long long)ok_ms, (unsigned long long)bad_ms,
	    (unsigned long long)unknown_ms);
	assert_true(ok_ms >= 400 && bad_ms >= 400 && unknown_ms >= 400);
	assert_true(ok_ms < 700 && bad_ms < 700 && unknown_ms < 700);
}

/* CRAM-MD5 end to end: the test command checks HMAC-MD5 of the challenge. */
static void
test_cram_md5_verified(void **state)
{
	static const char hex[] = "0123456789abcdef";
	const char *ch = "<12345.1700000000@mail.example.org>";
	char cmd[600], dig[33];
	const char *cmds[] = { cmd, NULL };
	struct auth_limits lim = fast(0);
	unsigned char d[16];
	struct options *o;
	struct auth_cred c;
	size_t i;

	(void)state;
	assert_int_equal(tls_hmac_md5("secret", 6, ch, strlen(ch), d), 0);
	for (i = 0; i < 16; i++) {
		dig[2 * i] = hex[d[i] >> 4];
		dig[2 * i + 1] = hex[d[i] & 15];
	}
	dig[32] = '\0';
	snprintf(cmd, sizeof(cmd), "%s bob secret", cpw);
	o = opts(cmds);
	cred(&c, "bob", dig, ch);
	assert_int_equal(auth_verify(o, &c, NULL, &lim), 1);
	dig[0] = dig[0] == '0' ? '1' : '0';
	cred(&c, "bob", dig, ch);
	assert_int_equal(auth_verify(o, &c, NULL, &lim), 0);
	opt_free(o);
}

struct seen {
	int	 calls;
	bool	 accepted;
};

static void
done(void *ctx, bool accepted)
{
	struct seen *s = ctx;

	s->calls++;
	s->accepted = accepted;
}

/* The asynchronous form on a shared loop, and cancelling it. */
static void
test_async_and_cancel(void **state)
{
	char cmd[600], slow[600];
	const char *cmds[] = { cmd, NULL }, *slows[] = { slow, NULL };
	struct auth_limits lim = fast(0);
	struct loop *loop = loop_new();
	struct seen s = { 0, false };
	struct auth_run *r;
	struct options *o;
	struct auth_cred c;
	uint64_t t0;

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s bob secret", cpw);
	o = opts(cmds);
	cred(&c, "bob", "secret", "");
	r = auth_run_start(loop, o, &c, NULL, &lim, done, &s);
	assert_non_null(r);
	/* The caller may wipe its copy at once. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(s.calls, 0);	/* never from inside the start */
	assert_int_equal(loop_run(loop), 0);
	assert_int_equal(s.calls, 1);
	assert_true(s.accepted);
	opt_free(o);

	/* Cancelled: the command dies, the callback never runs. */
	snprintf(slow, sizeof(slow), "%s -s 30 bob secret", cpw);
	o = opts(slows);
	cred(&c, "bob", "secret", "");
	s.calls = 0;
	t0 = now_ms();
	r = auth_run_start(loop, o, &c, NULL, &lim, done, &s);
	assert_non_null(r);
	assert_int_equal(loop_once(loop, 50), 0);
	auth_run_cancel(r);
	assert_int_equal(loop_run(loop), 0);
	assert_int_equal(s.calls, 0);
	assert_true(now_ms() - t0 < 900);
	opt_free(o);
	loop_free(loop);
}

/* The environment reaches the command (8.4 step 2). */
static void
test_environment(void **state)
{
	char cmd[600];
	const char *cmds[] = { cmd, NULL };
	char *envp[] = { "PATH=/usr/bin:/bin", "RELAYCLIENT=", NULL };
	struct auth_limits lim = fast(0);
	struct options *o;
	struct auth_cred c;

	(void)state;
	/* printenv(1) as the "next program": 0 only if it is set. */
	cred(&c, "bob", "secret", "");
	snprintf(cmd, sizeof(cmd), "%s bob secret /usr/bin/printenv "
	    "RELAYCLIENT", cpw);
	o = opts(cmds);
	assert_int_equal(auth_verify(o, &c, envp, &lim), 1);
	unsetenv("RELAYCLIENT");
	assert_int_equal(auth_verify(o, &c, NULL, &lim), 0);
	opt_free(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_accept_and_refuse),
		cmocka_unit_test(test_commands_in_order),
		cmocka_unit_test(test_child_descriptors),
		cmocka_unit_test(test_exit_code_texts),
		cmocka_unit_test(test_missing_command),
		cmocka_unit_test(test_timeout_kill),
		cmocka_unit_test(test_equal_minimum_time),
		cmocka_unit_test(test_cram_md5_verified),
		cmocka_unit_test(test_async_and_cancel),
		cmocka_unit_test(test_environment),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
