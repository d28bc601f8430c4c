/*
 * test_match_keyword.c - IP-in-rDNS detection (src/filters/
 * match_keyword.c; files.md 5): the example of every one of the 26
 * patterns of 5.1, a name for each pattern that no other pattern detects
 * (so dropping one fails a case), the S search quirks, the country-code
 * rule of 5.2, the keyword table of 5.3 and keyword entries and files.
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

/* ---- 5.1: is the IP in the name? ---- */

#define IP	"198.51.100.7"

static const struct {
	const char	*label;
	const char	*ip;
	const char	*name;
	bool		 want;
} in_name[] = {
	/* the example column of 5.1, for 198.51.100.7 */
	{ "#1 example", IP, "198.51.100.7", true },
	{ "#2 example", IP, "198.051.100.007", true },
	{ "#4 example", IP, "198.51.100.007", true },
	{ "#6 example", IP, "7.100.51.198", true },
	{ "#7 example", IP, "007.100.051.198", true },
	{ "#8 example", IP, "7.100.051.198", true },
	{ "#11 example", IP, "7.198.51.100", true },
	{ "#12 example", IP, "100.51.198.7", true },
	{ "#13 example", IP, "7.100.19851", true },
	{ "#14 example", IP, "1007.198.51", true },
	{ "#15 example", IP, "198.51.25607", true },
	{ "#16 example", IP, "198511007", true },
	{ "#17 example", IP, "198.51.1007", true },
	{ "#18 example", IP, "198.511007", true },
	{ "#19 example", IP, "198051100007", true },
	{ "#21 example", IP, "19851100007", true },
	{ "#23 example", IP, "710051198", true },
	{ "#24 example", IP, "007100051198", true },
	{ "#25 example", IP, "124007366", true },
	{ "#26 example", IP, "c6336407", true },
	/*
	 * For each pattern a name only that pattern detects (17, 18 and 19
	 * are always covered by 1 and 2).
	 */
	{ "#1 only", IP, "host-198-51-100-7.pool.example.net", true },
	{ "#2 only", "10.20.30.40", "1010-020-030-040.pool.example.net",
	    true },
	{ "#3 only", "10.20.30.40", "host-10-020-030-040.pool.example.net",
	    true },
	{ "#4 only", "192.0.2.9", "host-192-0-002-009.pool.example.net",
	    true },
	{ "#5 only", "192.0.2.9", "host-192-0-2-009.pool.example.net", true },
	{ "#6 only", "10.20.30.40", "host-40-30-20-10.pool.example.net",
	    true },
	{ "#7 only", "192.0.2.9", "9009-002-000-192.pool.example.net", true },
	{ "#8 only", "192.0.2.9", "host-9-002-000-192.pool.example.net",
	    true },
	{ "#9 only", "192.0.2.9", "host-9-2-000-192.pool.example.net", true },
	{ "#10 only", "10.20.30.40", "host-40-30-20-010.pool.example.net",
	    true },
	{ "#11 only", IP, "host-7-198-51-100.pool.example.net", true },
	{ "#12 only", IP, "host-100-51-198-7.pool.example.net", true },
	{ "#13 only", IP, "host-7-100-19851.pool.example.net", true },
	{ "#14 only", IP, "host-1007-198-51.pool.example.net", true },
	{ "#15 only", IP, "host-198-51-25607.pool.example.net", true },
	{ "#16 only", IP, "1198511007.pool.example.net", true },
	{ "#20 only", "10.20.30.40", "110020030040.pool.example.net", true },
	{ "#21 only", "192.0.2.9", "11920002009.pool.example.net", true },
	{ "#22 only", "192.0.2.9", "119202009.pool.example.net", true },
	{ "#23 only", "198.51.100.17", "11710051198.pool.example.net", true },
	{ "#24 only", "12.7.255.0", "0000255007012.pool.example.net", true },
	{ "#25 only", IP, "host-124007366.pool.example.net", true },
	{ "#26 only", IP, "host-c6336407.pool.example.net", true },
	/* S-mode consequences */
	{ "dashes", IP, "7-100-51-198", true },
	{ "letters", IP, "x7x100x51x198", true },
	{ "no separators", IP, "710051198", true },
	{ "no boundary check", IP, "9198.51.100.7", true },
	{ "no re-test after reset", IP, "1198.51.100.7", false },
	{ "no re-test, in a name", IP, "1198-51-100-7.example.com", false },
	/* misses */
	{ "other host", IP, "198-51-100-8.example.com", false },
	{ "other octet", IP, "198-51-10-7.example.com", false },
	{ "plain name", IP, "mail.example.com", false },
	{ "empty name", IP, "", false },
	{ "hex, any case", IP, "host-C6336407.example.net", true },
	/* the address */
	{ "as written", "198.051.100.007", "198-051-100-007.example.com",
	    true },
	{ "as written, miss", "198.051.100.007", "198-51-100-7.example.com",
	    false },
	{ "mapped", "::ffff:198.51.100.7", "198-51-100-7.example.com", true },
	{ "IPv6 never", "2001:db8::1", "2001-db8--1.example.com", false },
	{ "not an address", "1.2.3", "1-2-3.example.com", false },
	{ "octet 256", "1.2.3.256", "1-2-3-256.example.com", false },
	{ "trailing text", "1.2.3.4x", "1-2-3-4.example.com", false },
};

static void
test_in_name(void **state)
{
	size_t i;
	int bad = 0;
	bool got;

	(void)state;
	for (i = 0; i < nitems(in_name); i++) {
		got = match_ip_in_name(in_name[i].ip, in_name[i].name);
		if (got != in_name[i].want) {
			print_error("%s: %s in %s: got %d, want %d\n",
			    in_name[i].label, in_name[i].ip, in_name[i].name,
			    got, in_name[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_false(match_ip_in_name(NULL, "1.2.3.4"));
	assert_false(match_ip_in_name(IP, NULL));
}

/* ---- 5.2 ---- */

static const struct {
	const char	*name;
	bool		 want;
} cc[] = {
	{ "198-51-100-7.adsl.example.de", true },
	{ "198-51-100-7.adsl.example.com", false },
	{ "198-51-100-7.example.c1", true },	/* any two characters */
	{ "198-51-100-7.example.d", false },
	{ "198-51-100-7.example.de.", false },
	{ "198-51-100-7de", false },		/* no dot */
	{ "mail.example.de", false },		/* IP absent */
};

static void
test_cc(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(cc); i++)
		if (match_ip_in_cc_rdns(IP, cc[i].name) != cc[i].want) {
			print_error("%s: want %d\n", cc[i].name, cc[i].want);
			bad++;
		}
	assert_int_equal(bad, 0);
	assert_false(match_ip_in_cc_rdns("2001:db8::1", "2001-db8--1.de"));
	assert_false(match_ip_in_cc_rdns(IP, NULL));
}

/* ---- 5.3 ---- */

#define DC	"198-51-100-7.dynamic.cable.example.net"

static const struct {
	const char	*label;
	const char	*name;
	const char	*pat;
	bool		 want;
} kw[] = {
	/* the table of 5.3 */
	{ "5.3 dynamic", DC, "dynamic", true },
	{ "5.3 dyn", DC, "dyn", false },
	{ "5.3 both", DC, "cable dynamic", true },
	{ "5.3 one missing", DC, "dynamic static", false },
	{ "5.3 last two labels", DC, "example", false },
	{ "5.3 domain keyword", DC, ".example.net", true },
	{ "5.3 boundary", "198-51-100-7.notdynamic.example.net", "dynamic",
	    false },
	{ "5.3 fewer than two dots", "dynamic-198-51-100-7.net", "dynamic",
	    false },
	/* more of 5.3 */
	{ ".dom then more", "198-51-100-7.example.net.other.org",
	    ".example.net", true },
	{ "short name, .kw", "198-51-100-7.dyn.example.net", ".example.net",
	    true },
	{ "net in last labels", DC, "net", false },
	{ ".net", DC, ".net", true },
	{ "label before T", DC, "cable", true },
	{ "order not checked", DC, "dynamic cable", true },
	{ "runs of spaces", DC, "cable   dynamic", true },
	{ "outer spaces", DC, "  dynamic  ", true },
	{ "tab is no separator", DC, "dynamic\tcable", false },
	{ "only spaces", DC, "   ", false },
	{ "empty", DC, "", false },
	{ "name start", "dynamic.198-51-100-7.example.net", "dynamic", true },
	{ "non-alnum edges", "198-51-100-7.example.net", "-100-", true },
	{ "digits need bounds", "198-51-100-7.example.net", "00", false },
	{ "moves on by its length", "198-51-100-7.dyndyn.dyn.example.net",
	    "dyn", true },
	{ "skips overlapping hits", "198-51-100-7.ba-a-a.example.net", "a-a",
	    false },
	{ "upper-case keyword", DC, "DYNAMIC", true },
	{ "upper-case .keyword", DC, ".Example.NET", true },
	{ "trailing space, kw", DC, "dynamic ", true },
	{ "NUL in keyword", DC, "dyn\0amic", false },
};

static void
test_keyword_lines(void **state)
{
	size_t i, len;
	int bad = 0;
	bool got;

	(void)state;
	for (i = 0; i < nitems(kw); i++) {
		len = strlen(kw[i].pat);
		if (strcmp(kw[i].label, "NUL in keyword") == 0)
			len = 8;
		got = match_keyword_line(kw[i].name, kw[i].pat, len);
		if (got != kw[i].want) {
			print_error("%s: [%s] in %s: got %d, want %d\n",
			    kw[i].label, kw[i].pat, kw[i].name, got,
			    kw[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_keyword_lists(void **state)
{
	struct match_result r;
	struct strlist e, f;
	char *ev[] = { "static", "cable dynamic" }, *fv[2], want[2600];

	(void)state;
	/* entries: the IP must be in the name (5.3 condition 1) */
	e = list(ev, 2);
	assert_int_equal(match_keyword(IP, DC, &e, NULL, &r), 1);
	assert_int_equal(r.src, MS_ENTRY);
	assert_string_equal(r.entry, "cable dynamic");
	assert_int_equal(match_keyword("198.51.100.8", DC, &e, NULL, &r), 0);
	assert_int_equal(match_keyword(IP, "mail.dynamic.cable.example.net",
	    &e, NULL, &r), 0);
	assert_int_equal(match_keyword("2001:db8::1", DC, &e, NULL, &r), 0);
	assert_int_equal(match_keyword(IP, NULL, &e, NULL, &r), 0);

	/* the file: a blank-only line and a tab line match nothing */
	fv[0] = fixture("keywords.txt");
	f = list(fv, 1);
	assert_int_equal(match_keyword(IP, DC, NULL, &f, &r), 1);
	assert_int_equal(r.src, MS_FILE);
	assert_int_equal(r.line, 5);
	assert_string_equal(r.entry, "cable dynamic");
	assert_int_equal(match_keyword(IP, "198-51-100-7.static.example.net",
	    NULL, &f, &r), 1);
	assert_int_equal(r.line, 2);
	assert_int_equal(match_keyword(IP, "198-51-100-7.dsl.example.net",
	    NULL, &f, &r), 0);

	/* unreadable keyword files */
	fv[0] = fixture("missing-keywords.txt");
	fv[1] = fixture("keywords.txt");
	f = list(fv, 2);
	logged[0] = '\0';
	assert_int_equal(match_keyword(IP, DC, NULL, &f, &r), 1);
	assert_string_equal(r.file, fv[1]);
	snprintf(want, sizeof(want), "unable to open keywords file %s: "
	    "No such file or directory", fv[0]);
	assert_non_null(strstr(logged, want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_name),
		cmocka_unit_test(test_cc),
		cmocka_unit_test(test_keyword_lines),
		cmocka_unit_test(test_keyword_lists),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
