/*
 * test_match_rdns.c - rDNS name entries and files, rDNS directories
 * (src/filters/match_rdns.c; files.md 4): the 4.1 table, trailing dots
 * and blanks, "." entries, CRLF files, the 4.2 path layout and probe
 * order, unsafe names, unreadable files, lines past 65536 (issue 3),
 * scanned and through the index.
 */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "filters/match.h"
#include "filters/match_index.h"
#include "log/log.h"
#include "util/str.h"

#include "testutil.h"

static struct strlist
list(char **v, size_t n)
{
	struct strlist l = { v, n, n };

	return l;
}

/* ---- names ---- */

static const struct {
	const char	*label;
	const char	*entry;
	const char	*rdns;
	int		 want;
} cases[] = {
	/* files.md 4.1 */
	{ "exact", "mail.example.com", "mail.example.com", 1 },
	{ "exact, entry case", "Mail.Example.COM", "mail.example.com", 1 },
	{ "exact is not suffix", "mail.example.com", "x.mail.example.com", 0 },
	{ "exact is not prefix", "mail.example.com", "mail.example.com.test",
	    0 },
	{ ".dom itself", ".example.com", "example.com", 1 },
	{ ".dom child", ".example.com", "mx.example.com", 1 },
	{ ".dom grandchild", ".example.com", "a.b.example.com", 1 },
	{ ".dom label boundary", ".example.com", "badexample.com", 0 },
	{ ".dom at the end only", ".example.com", "example.com.evil", 0 },
	{ ".mail.dom itself", ".mail.example.com", "mail.example.com", 1 },
	{ ".mail.dom child", ".mail.example.com", "x.mail.example.com", 1 },
	{ ".mail.dom parent", ".mail.example.com", "example.com", 0 },
	/* notes */
	{ "* is literal", "*.example.com", "mx.example.com", 0 },
	{ "* literal matches *", "*.example.com", "*.example.com", 1 },
	{ "trailing dot", "example.com.", "example.com", 0 },
	{ "trailing space", "example.com ", "example.com", 0 },
	{ "trailing tab, suffix", ".example.com\t", "mx.example.com", 0 },
	{ "leading space", " example.com", "example.com", 0 },
	{ "dot alone", ".", "example.com", 0 },
	{ "empty entry", "", "example.com", 0 },
	{ "no rDNS", ".example.com", "", 0 },
	{ "keywords are not rDNS entries", "dynamic", "dynamic.example.com",
	    0 },
	{ "upper-case name", ".example.com", "MX.EXAMPLE.COM", 1 },
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
		rc = match_rdns(cases[i].rdns, &e, NULL, &r);
		if (rc != cases[i].want || (rc == 1 && (r.src != MS_ENTRY ||
		    strcmp(r.entry, cases[i].entry) != 0))) {
			print_error("%s: [%s] vs %s: got %d, want %d\n",
			    cases[i].label, cases[i].entry, cases[i].rdns, rc,
			    cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(match_rdns(NULL, &e, NULL, &r), 0);
}

static const struct {
	const char	*label;
	const char	*file;
	const char	*rdns;
	int		 want;
	unsigned	 line;
} file_cases[] = {
	{ "line 2", "rdns.txt", "mail.example.com", 1, 2 },
	{ "trailing space never matches", "rdns.txt", "a.example.org", 0, 0 },
	{ "trailing space, itself", "rdns.txt", "example.org", 0, 0 },
	{ "first match wins", "rdns.txt", "mx.example.net", 1, 4 },
	{ "suffix line", "rdns.txt", "b.example.net", 1, 5 },
	{ "suffix itself", "rdns.txt", "example.net", 1, 5 },
	{ "CRLF first", "rdns_crlf.txt", "a.example.com", 1, 1 },
	{ "CRLF second is line 3", "rdns_crlf.txt", "b.example.com", 1, 3 },
	{ "CRLF comment", "rdns_crlf.txt", "c.example.com", 0, 0 },
	{ "CRLF fourth is line 7", "rdns_crlf.txt", "mx.example.net", 1, 7 },
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
	for (i = 0; i < nitems(file_cases); i++) {
		fv[0] = fixture(file_cases[i].file);
		f = list(fv, 1);
		rc = match_rdns(file_cases[i].rdns, NULL, &f, &r);
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
test_unreadable(void **state)
{
	struct match_result r;
	struct strlist f;
	char *fv[3], want[2600];

	(void)state;
	fv[0] = fixture("missing.txt");
	fv[1] = fixture("rdnsdir");
	fv[2] = fixture("rdns.txt");
	f = list(fv, 3);
	logged[0] = '\0';
	assert_int_equal(match_rdns("mail.example.com", NULL, &f, &r), 1);
	assert_string_equal(r.file, fv[2]);
	snprintf(want, sizeof(want), "unable to open file for searching %s: "
	    "No such file or directory", fv[0]);
	assert_non_null(strstr(logged, want));
	snprintf(want, sizeof(want), "unable to open file for searching %s: "
	    "Is a directory", fv[1]);
	assert_non_null(strstr(logged, want));
}

/*
 * Improvement (issue 3): lines past 65536 count, with their numbers, in a
 * CRLF file (line 2N-1), scanned and through the index.
 */
static void
test_past_65536(void **state)
{
	static const struct {
		const char	*name;
		int		 want;
		unsigned	 line;
		const char	*entry;
	} lc[] = {
		{ "host99999.example.net", 1, 199999, "host99999.example.net" },
		{ "host40000.example.net", 1, 80001, "host40000.example.net" },
		{ "mx.example.org", 1, 200001, ".Example.ORG" },
		{ "example.org", 1, 200001, ".Example.ORG" },
		{ "host100000.example.net", 0, 0, "" },
	};
	struct match_result r;
	struct strlist f;
	char path[512], *fv[1];
	unsigned i, mode;
	size_t k;
	size_t saved;
	FILE *fp;

	(void)state;
	saved = match_index_min_size;
	snprintf(path, sizeof(path), "%s/big.txt", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (i = 0; i < 100000; i++)
		fprintf(fp, "host%u.example.net\r\n", i);
	fprintf(fp, ".Example.ORG\r\n");
	assert_int_equal(fclose(fp), 0);
	fv[0] = path;
	f = list(fv, 1);
	for (mode = 0; mode < 2; mode++) {
		match_index_min_size = mode == 0 ? SIZE_MAX : 0;
		logged[0] = '\0';
		for (k = 0; k < nitems(lc); k++)
			if (match_rdns(lc[k].name, NULL, &f, &r) !=
			    lc[k].want || r.line != lc[k].line ||
			    strcmp(r.entry, lc[k].entry) != 0)
				fail_msg("%s (%s): got line %u [%s], want %u",
				    lc[k].name, mode ? "index" : "scan",
				    r.line, r.entry, lc[k].line);
		assert_null(strstr(logged, "ERROR"));
	}
	match_index_min_size = saved;
}

/* ---- directories ---- */

static const struct {
	const char	*name;
	const char	*want;		/* NULL: refused */
} path_cases[] = {
	/* files.md 4.2 example, in probe order */
	{ "a.b.mx.example.com", "com/e/example/mx/a.b.mx.example.com" },
	{ "b.mx.example.com", "com/e/example/mx/b.mx.example.com" },
	{ "mx.example.com", "com/e/example/mx.example.com" },
	{ "example.com", "com/e/example/example.com" },
	{ "com", "com/c/com" },
	{ "x.1example.org", "org/1/1example/x.1example.org" },
	{ "a.-b.test", "test/-/-b/a.-b.test" },
	{ "", NULL },
	{ "a..example.com", NULL },
	{ ".example.com", NULL },
	{ "example.com.", NULL },
	{ "a/b.example.com", NULL },
	{ "x.a/b.com", NULL },
};

static void
test_paths(void **state)
{
	char got[256];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(path_cases); i++) {
		rc = match_rdns_path(path_cases[i].name, got, sizeof(got));
		if (path_cases[i].want == NULL ? rc != -1 :
		    rc != 0 || strcmp(got, path_cases[i].want) != 0) {
			print_error("%s: got %d [%s], want [%s]\n",
			    path_cases[i].name, rc, rc == 0 ? got : "",
			    path_cases[i].want != NULL ? path_cases[i].want :
			    "refused");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(match_rdns_path("example.com", got, 10), -1);
}

static const struct {
	const char	*rdns;
	const char	*want;		/* path under rdnsdir, NULL none */
} dir_cases[] = {
	{ "a.b.mx.example.com", "com/e/example/example.com" },
	{ "example.com", "com/e/example/example.com" },
	{ "notexample.com", NULL },
	{ "www.org", "org/o/org" },
	{ "org", "org/o/org" },
	{ "a.b.mx.example.net", "net/e/example/mx/a.b.mx.example.net" },
	{ "x.a.b.mx.example.net", "net/e/example/mx/a.b.mx.example.net" },
	{ "b.mx.example.net", NULL },
	{ "b.c.test", "test/c/c/b.c.test" },
	{ "a.b.c.test", "test/c/c/b.c.test" },
	{ "c.test", NULL },
	{ "", NULL },
	{ "a..example.com", NULL },
	{ "example.com.", NULL },
	{ "EXAMPLE.COM", NULL },	/* lookups are case-sensitive */
};

static void
test_dirs(void **state)
{
	struct match_result r;
	struct strlist d;
	char *dv[2], want[2400];
	size_t i;
	int bad = 0, rc;

	(void)state;
	dv[0] = fixture("no-such-dir");
	dv[1] = fixture("rdnsdir");
	d = list(dv, 2);
	for (i = 0; i < nitems(dir_cases); i++) {
		logged[0] = '\0';
		rc = match_rdns_dir(dir_cases[i].rdns, &d, &r);
		if (dir_cases[i].want != NULL)
			snprintf(want, sizeof(want), "%s/%s", dv[1],
			    dir_cases[i].want);
		else
			want[0] = '\0';
		if (rc != (dir_cases[i].want != NULL) ||
		    strcmp(r.path, want) != 0 || logged[0] != '\0' ||
		    (rc == 1 && r.src != MS_DIR)) {
			print_error("%s: got %d [%s], want [%s]\n",
			    dir_cases[i].rdns, rc, r.path, want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(match_rdns_dir(NULL, &d, &r), 0);
	assert_int_equal(match_rdns_dir("example.com", NULL, &r), 0);
}

static void
test_dir_forms(void **state)
{
	struct match_result r;
	struct strlist d;
	char *dv[1], dir[1300], want[2600], got[2600];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/", fixture("rdnsdir"));
	dv[0] = dir;
	d = list(dv, 1);
	assert_int_equal(match_rdns_dir("mx.example.com", &d, &r), 1);
	snprintf(want, sizeof(want), "%scom/e/example/example.com", dir);
	assert_string_equal(r.path, want);
	assert_string_equal(match_reason(&r, got, sizeof(got)), want);
	snprintf(want, sizeof(want), "path: %scom/e/example/example.com",
	    dir);
	assert_string_equal(match_filter_tail(&r, got, sizeof(got)), want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_past_65536),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_dirs),
		cmocka_unit_test(test_dir_forms),
	};

	return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
