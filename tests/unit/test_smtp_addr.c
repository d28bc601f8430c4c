/*
 * test_smtp_addr.c - envelope address extraction (session.md 2.9) and the
 * decision-line address format (4.2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "smtp/addr.h"
#include "util/str.h"

static const struct {
	const char	*label;
	const char	*arg;
	const char	*local;
	const char	*domain;
} cases[] = {
	{ "plain", "FROM:<a@example.org>", "a", "example.org" },
	{ "uppercase lowered", "FROM:<Bob.Smith@Example.ORG>", "bob.smith",
	    "example.org" },
	{ "space after colon", "FROM: <a@b.example>", "a", "b.example" },
	{ "parameters ignored", "FROM:<a@b.example> SIZE=1000 BODY=8BITMIME",
	    "a", "b.example" },
	{ "null sender", "FROM:<>", "", "" },
	{ "no brackets", "TO:user@example.com", "user", "example.com" },
	{ "no brackets, trailing junk", "TO:user@example.com junk", "user",
	    "example.com" },
	{ "unqualified", "TO:<postmaster>", "postmaster", "" },
	{ "source route", "TO:<@relay.example:user@dom.example>", "user",
	    "dom.example" },
	{ "BATV tag=user", "FROM:<prvs=1234abcd=user@example.com>", "user",
	    "example.com" },
	{ "BATV user/tag", "FROM:<prvs=user/1234@example.com>", "user",
	    "example.com" },
	{ "domain trailing dot", "TO:<u@example.com.>", "u", "example.com" },
	{ "domain leading dots", "TO:<u@..example.com>", "u", "example.com" },
	{ "ip literal", "TO:<u@[192.0.2.1]>", "u", "[192.0.2.1]" },
	{ "quoted local", "TO:<\"john doe\"@example.com>", "\"john doe\"",
	    "example.com" },
	{ "percent hack kept", "TO:<user%other@ours.example>", "user%other",
	    "ours.example" },
	{ "address after text like qmail", "FROM: x <a@b.example>", "a",
	    "b.example" },
	{ "no colon", "<a@b.example>", "a", "b.example" },
	{ "empty", "", "", "" },
	{ "only domain", "TO:<@example.com>", "", "" },
	{ "8-bit stops local part", "TO:<us\xe9r@example.com>", "us", "" },
	{ "last > wins", "TO:<a@b.example>>", "a", "b.example" },
};

static void
test_parse_table(void **state)
{
	struct smtp_addr a;
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		smtp_addr_parse(cases[i].arg, strlen(cases[i].arg), &a);
		if (strcmp(a.local, cases[i].local) != 0 ||
		    strcmp(a.domain, cases[i].domain) != 0) {
			print_error("%s: got [%s]@[%s], want [%s]@[%s]\n",
			    cases[i].label, a.local, a.domain, cases[i].local,
			    cases[i].domain);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_truncation(void **state)
{
	char arg[2000];
	struct smtp_addr a;

	(void)state;
	memset(arg, 'x', sizeof(arg));
	memcpy(arg, "TO:<", 4);
	arg[1000] = '@';
	arg[sizeof(arg) - 1] = '>';
	smtp_addr_parse(arg, sizeof(arg), &a);
	assert_int_equal(strlen(a.local), SMTP_ADDR_PART_MAX);
	assert_int_equal(strlen(a.domain), SMTP_ADDR_PART_MAX);
}

static void
test_format(void **state)
{
	struct smtp_addr a;
	char out[2048];

	(void)state;
	memset(&a, 0, sizeof(a));
	assert_string_equal(smtp_addr_format(&a, out, sizeof(out)),
	    "(unknown)");
	strcpy(a.local, "joe");
	assert_string_equal(smtp_addr_format(&a, out, sizeof(out)), "joe");
	strcpy(a.domain, "example.com");
	assert_string_equal(smtp_addr_format(&a, out, sizeof(out)),
	    "joe@example.com");
	a.local[0] = '\0';
	assert_string_equal(smtp_addr_format(&a, out, sizeof(out)),
	    "@example.com");
	strcpy(a.local, "\"a\tb\"");
	assert_string_equal(smtp_addr_format(&a, out, sizeof(out)),
	    "\"a?b\"@example.com");
}

/* The domain qmail-smtpd 1.03 reads out of the same argument. */
static void
test_qmail_domain(void **state)
{
	static const struct {
		const char	*arg;
		const char	*want;
	} q[] = {
		{ "TO:<u@ours.example>", "ours.example" },
		{ "TO:<u@ours.example@other.example>", "other.example" },
		{ "TO:u@ours.example@other.example", "other.example" },
		{ "TO:<u@ours.example\\@other.example>", "other.example" },
		{ "TO:<u@ours.example\"@other.example\">", "other.example" },
		{ "TO:<\"u@other\"@ours.example>", "ours.example" },
		{ "TO:<@relay.example:u@other.example>", "other.example" },
		{ "TO:<u%other@OURS.example>", "ours.example" },
		{ "TO:<joe>", "" },
		{ "TO: x <u@b.example>", "b.example" },
	};
	char out[600];
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(q); i++) {
		smtp_addr_qmail_domain(q[i].arg, strlen(q[i].arg), out,
		    sizeof(out));
		if (strcmp(out, q[i].want) != 0) {
			print_error("%s: got [%s], want [%s]\n", q[i].arg, out,
			    q[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_qmail_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
