/*
 * test_smtp_ehlo.c - EHLO capability rewriting (session.md 2.8), including
 * the three examples of the specification and the Improvement that every
 * rewritten reply ends with exactly one final line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "smtp/ehlo.h"
#include "util/buf.h"
#include "util/str.h"

static const char *
rewrite(unsigned flags, bool always, const char *const *lines)
{
	static struct buf out;
	struct ehlo_rw e;
	size_t i;

	buf_free(&out);
	buf_init(&out, 8192);
	ehlo_begin(&e, flags, always, "AUTH LOGIN PLAIN");
	for (i = 0; lines[i] != NULL; i++)
		assert_int_equal(ehlo_line(&e, lines[i], strlen(lines[i]),
		    &out), 0);
	return buf_cstr(&out);
}

static const char *const plain[] = { "250-mx.example.com",
	"250-PIPELINING", "250 8BITMIME", NULL };
static const char *const with_auth[] = { "250-mx.example.com",
	"250-AUTH LOGIN PLAIN", "250 8BITMIME", NULL };
static const char *const auth_last[] = { "250-mx.example.com",
	"250-PIPELINING", "250 AUTH=LOGIN", NULL };
static const char *const tls_last[] = { "250-mx.example.com",
	"250-PIPELINING", "250 STARTTLS", NULL };

static const struct {
	const char		*label;
	unsigned		 flags;
	bool			 always;
	const char *const	*in;
	const char		*want;
} cases[] = {
	{ "ondemand + cert", EHLO_ADD | EHLO_ADD_TLS, false, plain,
	    "250-mx.example.com\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
	    "250-AUTH LOGIN PLAIN\r\n250-STARTTLS\r\n250 X-NOTHING\r\n" },
	{ "ondemand, TLS active", EHLO_ADD | EHLO_REMOVE_TLS, false, plain,
	    "250-mx.example.com\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
	    "250 AUTH LOGIN PLAIN\r\n" },
	{ "observe + cert", EHLO_ADD_TLS, false, plain,
	    "250-mx.example.com\r\n250-PIPELINING\r\n250-8BITMIME\r\n"
	    "250-STARTTLS\r\n250 X-NOTHING\r\n" },
	{ "no flags: unchanged", 0, false, with_auth,
	    "250-mx.example.com\r\n250-AUTH LOGIN PLAIN\r\n"
	    "250 8BITMIME\r\n" },
	{ "level none removes AUTH", EHLO_REMOVE, false, with_auth,
	    "250-mx.example.com\r\n250 8BITMIME\r\n" },
	{ "final AUTH removed", EHLO_REMOVE, false, auth_last,
	    "250-mx.example.com\r\n250-PIPELINING\r\n250 X-NOTHING\r\n" },
	{ "final STARTTLS removed", EHLO_REMOVE_TLS, false, tls_last,
	    "250-mx.example.com\r\n250-PIPELINING\r\n250 X-NOTHING\r\n" },
	{ "ondemand, backend AUTH kept", EHLO_ADD, false, with_auth,
	    "250-mx.example.com\r\n250-AUTH LOGIN PLAIN\r\n"
	    "250 8BITMIME\r\n" },
	{ "always replaces AUTH", EHLO_ADD | EHLO_REMOVE, true, auth_last,
	    "250-mx.example.com\r\n250-PIPELINING\r\n"
	    "250 AUTH LOGIN PLAIN\r\n" },
	/* Improvement: 5.0.1 leaves these two unterminated. */
	{ "final AUTH removed, TLS pending", EHLO_REMOVE | EHLO_ADD_TLS,
	    false, auth_last,
	    "250-mx.example.com\r\n250-PIPELINING\r\n250-STARTTLS\r\n"
	    "250 X-NOTHING\r\n" },
	{ "final STARTTLS removed, AUTH pending", EHLO_ADD | EHLO_REMOVE_TLS,
	    false, tls_last,
	    "250-mx.example.com\r\n250-PIPELINING\r\n"
	    "250 AUTH LOGIN PLAIN\r\n" },
};

static void
test_rewrite_table(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		const char *got = rewrite(cases[i].flags, cases[i].always,
		    cases[i].in);

		if (strcmp(got, cases[i].want) != 0) {
			print_error("%s:\n got:\n%s want:\n%s\n",
			    cases[i].label, got, cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_error_reply_untouched(void **state)
{
	static const char *const err[] = { "502 unimplemented (#5.5.1)",
		NULL };

	(void)state;
	assert_string_equal(rewrite(EHLO_ADD | EHLO_ADD_TLS, false, err),
	    "502 unimplemented (#5.5.1)\r\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rewrite_table),
		cmocka_unit_test(test_error_reply_untouched),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
