/*
 * test_match_addr.c - sender and recipient address lists (src/filters/
 * match_addr.c; files.md 6): the entry table, the sender-blacklist-entry
 * "user@" + "." quirk (entries only), targets without a domain or local
 * part, the null sender, "@" and "@@", trailing blanks and files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "filters/match.h"
#include "log/log.h"
#include "util/str.h"

#include "testutil.h"

static struct strlist
list(char **v, size_t n)
{
	struct strlist l = { v, n, n };

	return l;
}

#define DOT	MATCH_ADDR_DOT_ENTRIES

static const struct {
	const char	*label;
	const char	*entry;
	const char	*local;
	const char	*domain;
	unsigned	 flags;
	int		 want;
} cases[] = {
	/* the table of files.md 6 */
	{ "exact", "user@example.com", "user", "example.com", 0, 1 },
	{ "exact, entry case", "USER@Example.COM", "user", "example.com", 0,
	    1 },
	{ "exact, other user", "user@example.com", "usr", "example.com", 0,
	    0 },
	{ "@dom", "@example.com", "x", "example.com", 0, 1 },
	{ "@dom subdomain", "@example.com", "x", "mx.example.com", 0, 1 },
	{ "@dom not a label", "@example.com", "x", "badexample.com", 0, 0 },
	{ "@dom at the end", "@example.com", "x", "example.com.evil", 0, 0 },
	{ "user@", "user@", "user", "anything.test", 0, 1 },
	{ "user@ longer local", "user@", "users", "anything.test", 0, 0 },
	{ "user@ prefix", "user@", "xuser", "anything.test", 0, 0 },
	{ "bare domain", "example.com", "x", "example.com", 0, 0 },
	{ "bare domain, same text", "example.com", "example.com", NULL, 0, 1 },
	{ ".domain", ".example.com", "x", "mx.example.com", 0, 0 },
	/* other rules */
	{ "no * wildcard", "*@example.com", "x", "example.com", 0, 0 },
	{ "no ? wildcard", "use?@example.com", "user", "example.com", 0, 0 },
	{ "no @.dom form", "@.example.com", "x", "mx.example.com", 0, 0 },
	{ "quirk: user@ + dot", "fred@", "fred.smith", "example.com", DOT,
	    1 },
	{ "quirk off", "fred@", "fred.smith", "example.com", 0, 0 },
	{ "quirk only for user@", "fred@example.com", "fred.smith",
	    "example.com", DOT, 0 },
	{ "user@, no domain", "user@", "user", NULL, 0, 1 },
	{ "user@, no domain, empty", "user@", "user", "", 0, 1 },
	{ "user@, no domain, longer", "user@", "username", NULL, 0, 0 },
	{ "@ alone", "@", "x", "example.com", 0, 0 },
	{ "@@", "@@", "x", "example.com", 0, 0 },
	{ "@ vs empty local", "@", "", "example.com", 0, 0 },
	{ "@dom, empty local", "@example.com", "", "example.com", 0, 1 },
	{ "@dom, no domain", "@example.com", "x", NULL, 0, 0 },
	{ "@dom, dotted local only", "@example.com", "x.example.com", NULL, 0,
	    0 },
	{ "null sender", "@example.com", "", "", 0, 0 },
	{ "null sender, NULLs", "user@", NULL, NULL, 0, 0 },
	{ "trailing space", "user@example.com ", "user", "example.com", 0,
	    0 },
	{ "leading space", " user@example.com", "user", "example.com", 0, 0 },
	{ "empty entry", "", "user", "example.com", 0, 0 },
};

static void
test_entries(void **state)
{
	struct match_result r;
	struct strlist e;
	char *ev[1];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		ev[0] = (char *)(uintptr_t)cases[i].entry;
		e = list(ev, 1);
		rc = match_addr(cases[i].local, cases[i].domain, &e, NULL,
		    cases[i].flags, &r);
		if (rc != cases[i].want || (rc == 1 &&
		    (r.src != MS_ENTRY || strcmp(r.entry, ev[0]) != 0))) {
			print_error("%s: [%s] vs %s@%s: got %d, want %d\n",
			    cases[i].label, cases[i].entry,
			    cases[i].local ? cases[i].local : "(null)",
			    cases[i].domain ? cases[i].domain : "(null)", rc,
			    cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static const struct {
	const char	*label;
	const char	*local;
	const char	*domain;
	unsigned	 flags;
	int		 want;
	unsigned	 line;
} file_cases[] = {
	{ "exact line", "user", "example.com", 0, 1, 2 },
	{ "@dom line", "x", "mx.example.org", 0, 1, 3 },
	{ "user@ line", "fred", "x.test", 0, 1, 4 },
	{ "no quirk in files", "fred.smith", "example.com", DOT, 0, 0 },
	{ "bare line", "example.net", NULL, 0, 1, 5 },
	{ "bare line, real address", "x", "example.net", 0, 0, 0 },
	{ "@ and @@ lines", "", "example.com", 0, 0, 0 },
	{ "trailing space line", "spaced", "example.com", 0, 0, 0 },
};

static void
test_files(void **state)
{
	struct match_result r;
	struct strlist f;
	char *fv[1];
	size_t i;
	int bad = 0, rc;

	(void)state;
	fv[0] = fixture("addr.txt");
	f = list(fv, 1);
	for (i = 0; i < nitems(file_cases); i++) {
		rc = match_addr(file_cases[i].local, file_cases[i].domain, NULL,
		    &f, file_cases[i].flags, &r);
		if (rc != file_cases[i].want || r.line != file_cases[i].line ||
		    (rc == 1 && r.src != MS_FILE)) {
			print_error("%s: got %d line %u, want %d line %u\n",
			    file_cases[i].label, rc, r.line,
			    file_cases[i].want, file_cases[i].line);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_order_and_errors(void **state)
{
	struct match_result r;
	struct strlist e, f;
	char *ev[] = { "fred@" }, *fv[2], want[2600], buf[64];

	(void)state;
	/* the quirk holds for the entries and not for the files after them */
	e = list(ev, 1);
	fv[0] = fixture("missing-addr.txt");
	fv[1] = fixture("addr.txt");
	f = list(fv, 2);
	logged[0] = '\0';
	assert_int_equal(match_addr("fred.smith", "example.com", &e, &f, DOT,
	    &r), 1);
	assert_int_equal(r.src, MS_ENTRY);
	assert_string_equal(match_filter_tail(&r, buf, sizeof(buf)),
	    "entry: fred@");
	assert_string_equal(logged, "");	/* files not opened */
	assert_int_equal(match_addr("fred", "example.com", NULL, &f, DOT, &r),
	    1);
	assert_int_equal(r.line, 4);
	snprintf(want, sizeof(want), "unable to open file for searching %s: "
	    "No such file or directory", fv[0]);
	assert_non_null(strstr(logged, want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_order_and_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
