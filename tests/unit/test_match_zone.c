/*
 * test_match_zone.c - DNS list zones (src/filters/match_zone.c; files.md
 * 8, options.md 5): "ZONE" and "ZONE=CODES" parsing, which A answers
 * list a client (CODES, the 127.255.255.0/24 rule), loading entries then
 * files, blank stripping, and skipping the filter on unreadable files.
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

/* Render the codes as "lo-hi,..." in dotted form. */
static void
codes(const struct zone *z, char *out, size_t len)
{
	size_t i, k = 0;
	uint32_t a, b;

	out[0] = '\0';
	for (i = 0; i < z->ncodes && k < len; i++) {
		a = z->codes[i].lo;
		b = z->codes[i].hi;
		k += (size_t)snprintf(out + k, len - k,
		    "%s%u.%u.%u.%u-%u.%u.%u.%u", i ? "," : "", a >> 24,
		    (a >> 16) & 255, (a >> 8) & 255, a & 255, b >> 24,
		    (b >> 16) & 255, (b >> 8) & 255, b & 255);
	}
}

static const struct {
	const char	*label;
	const char	*in;
	const char	*want_name;	/* NULL: refused */
	const char	*want_codes;
} parse_cases[] = {
	{ "plain", "zen.example.org", "zen.example.org", "" },
	{ "blanks stripped", "  zen.example.org \t", "zen.example.org", "" },
	{ "trailing CR", "zen.example.org\r", "zen.example.org", "" },
	{ "one address", "zen.example.org=127.0.0.2", "zen.example.org",
	    "127.0.0.2-127.0.0.2" },
	{ "short forms", "bl.example.net=2,4-7", "bl.example.net",
	    "127.0.0.2-127.0.0.2,127.0.0.4-127.0.0.7" },
	{ "CIDR", "bl=127.0.0.0/30", "bl", "127.0.0.0-127.0.0.3" },
	{ "CIDR host bits", "bl=127.0.0.9/29", "bl", "127.0.0.8-127.0.0.15" },
	{ "address range", "bl=127.0.0.2-127.0.1.9", "bl",
	    "127.0.0.2-127.0.1.9" },
	{ "refused net named", "bl=127.255.255.1", "bl",
	    "127.255.255.1-127.255.255.1" },
	{ "eight codes", "bl=1,2,3,4,5,6,7,8", "bl",
	    "127.0.0.1-127.0.0.1,127.0.0.2-127.0.0.2,127.0.0.3-127.0.0.3,"
	    "127.0.0.4-127.0.0.4,127.0.0.5-127.0.0.5,127.0.0.6-127.0.0.6,"
	    "127.0.0.7-127.0.0.7,127.0.0.8-127.0.0.8" },
	{ "empty", "", NULL, NULL },
	{ "blanks only", "  \t", NULL, NULL },
	{ "no zone", "=127.0.0.2", NULL, NULL },
	{ "no codes", "zen=", NULL, NULL },
	{ "octet 300", "zen=300", NULL, NULL },
	{ "inverted", "zen=7-4", NULL, NULL },
	{ "inverted addresses", "zen=127.0.0.9-127.0.0.2", NULL, NULL },
	{ "three octets", "zen=1.2.3", NULL, NULL },
	{ "trailing comma", "zen=127.0.0.2,", NULL, NULL },
	{ "leading comma", "zen=,2", NULL, NULL },
	{ "/33", "zen=127.0.0.0/33", NULL, NULL },
	{ "IPv6 code", "zen=::1", NULL, NULL },
	{ "blank inside", "zen=2, 3", NULL, NULL },
	{ "second =", "zen=127.0.0.2=3", NULL, NULL },
	{ "nine codes", "bl=1,2,3,4,5,6,7,8,9", NULL, NULL },
	{ "four digits", "bl=1000", NULL, NULL },
};

static void
test_parse(void **state)
{
	struct zone z;
	char err[128], got[512];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(parse_cases); i++) {
		err[0] = '\0';
		rc = match_zone_parse(parse_cases[i].in,
		    strlen(parse_cases[i].in), &z, err, sizeof(err));
		codes(&z, got, sizeof(got));
		if (parse_cases[i].want_name == NULL ? rc != -1 ||
		    err[0] == '\0' : rc != 0 ||
		    strcmp(z.name, parse_cases[i].want_name) != 0 ||
		    strcmp(got, parse_cases[i].want_codes) != 0) {
			print_error("%s: got %d [%s] [%s] (%s)\n",
			    parse_cases[i].label, rc, z.name, got, err);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_long_name(void **state)
{
	char name[300], err[128];
	struct zone z;

	(void)state;
	memset(name, 'a', sizeof(name));
	assert_int_equal(match_zone_parse(name, 253, &z, err, sizeof(err)), 0);
	assert_int_equal(strlen(z.name), 253);
	assert_int_equal(match_zone_parse(name, 254, &z, err, sizeof(err)),
	    -1);
	name[5] = '\0';
	assert_int_equal(match_zone_parse(name, 10, &z, err, sizeof(err)),
	    -1);
}

static const struct {
	const char	*zone;
	unsigned char	 a[4];
	bool		 want;
} listed_cases[] = {
	{ "zen", { 127, 0, 0, 2 }, true },
	{ "zen", { 10, 0, 0, 1 }, true },		/* any answer */
	{ "zen", { 127, 255, 255, 254 }, false },	/* query refused */
	{ "zen", { 127, 255, 255, 0 }, false },
	{ "zen", { 127, 255, 254, 1 }, true },
	{ "zen", { 128, 255, 255, 1 }, true },
	{ "zen=2,4-7", { 127, 0, 0, 2 }, true },
	{ "zen=2,4-7", { 127, 0, 0, 3 }, false },
	{ "zen=2,4-7", { 127, 0, 0, 5 }, true },
	{ "zen=2,4-7", { 127, 0, 0, 8 }, false },
	{ "zen=2,4-7", { 127, 0, 1, 2 }, false },
	{ "zen=127.255.255.1", { 127, 255, 255, 1 }, true },
	{ "zen=127.255.255.1", { 127, 255, 255, 2 }, false },
	{ "zen=0.0.0.0/0", { 127, 255, 255, 2 }, true },
};

static void
test_listed(void **state)
{
	struct zone z;
	char err[128];
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(listed_cases); i++) {
		assert_int_equal(match_zone_parse(listed_cases[i].zone,
		    strlen(listed_cases[i].zone), &z, err, sizeof(err)), 0);
		if (match_zone_listed(&z, listed_cases[i].a) !=
		    listed_cases[i].want) {
			print_error("%s: %u.%u.%u.%u want %d\n",
			    listed_cases[i].zone, listed_cases[i].a[0],
			    listed_cases[i].a[1], listed_cases[i].a[2],
			    listed_cases[i].a[3], listed_cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_load(void **state)
{
	static const char *const want[] = { "zen.example.org",
	    "bl.example.net", "zen.example.org", "padded.example.org",
	    "bl.example.net" };
	struct zonelist zl = { NULL, 0, 0 };
	struct strlist e, f;
	char *ev[] = { "zen.example.org", "bl.example.net=2", "bad=xyz" };
	char *fv[2], msg[2600];
	size_t i;

	(void)state;
	e = list(ev, 3);
	fv[0] = fixture("zones.txt");
	f = list(fv, 1);
	logged[0] = '\0';
	assert_int_equal(match_zones_load(&e, &f, &zl), 0);
	assert_int_equal(zl.n, nitems(want));
	for (i = 0; i < zl.n; i++)
		assert_string_equal(zl.v[i].name, want[i]);
	assert_int_equal(zl.v[1].ncodes, 1);
	assert_int_equal(zl.v[4].ncodes, 2);
	assert_non_null(strstr(logged, "invalid DNS list zone bad=xyz: "));
	snprintf(msg, sizeof(msg), "invalid DNS list zone in file %s line 6: ",
	    fv[0]);
	assert_non_null(strstr(logged, msg));

	/* one unreadable file: the whole filter is skipped */
	fv[1] = fixture("missing-zones.txt");
	f = list(fv, 2);
	logged[0] = '\0';
	assert_int_equal(match_zones_load(&e, &f, &zl), -1);
	assert_int_equal(zl.n, nitems(want));	/* nothing appended */
	snprintf(msg, sizeof(msg), "unable to open file %s: No such file or "
	    "directory", fv[1]);
	assert_non_null(strstr(logged, msg));
	fv[1] = fixture("");
	assert_int_equal(match_zones_load(NULL, &f, &zl), -1);
	match_zones_free(&zl);
	assert_int_equal(zl.n, 0);
	assert_null(zl.v);

	assert_int_equal(match_zones_load(NULL, NULL, &zl), 0);
	assert_int_equal(zl.n, 0);
	match_zones_free(&zl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_listed),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
