/*
 * test_match_header.c - the header blacklist (src/filters/match_header.c;
 * files.md 7): the example table, normalisation of field and entry,
 * glob details (*, ?, sets, escapes, '/' and leading '.'), entries
 * without ':', fields without ':', the 16383-byte cap, NUL bytes, files.
 */
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
#include "log/log.h"
#include "util/str.h"

#include "testutil.h"

static struct strlist
list(char **v, size_t n)
{
	struct strlist l = { v, n, n };

	return l;
}

#define S(x)	x, sizeof(x) - 1

static const struct {
	const char	*label;
	const char	*entry;
	size_t		 elen;
	const char	*field;
	size_t		 flen;
	int		 want;
} cases[] = {
	/* the table of files.md 7 */
	{ "7 *viagra*", S("Subject:*viagra*"), S("Subject: Buy  VIAGRA now"),
	    1 },
	{ "7 must reach the end", S("Subject: *viagra"),
	    S("Subject: Buy VIAGRA now"), 0 },
	{ "7 trailing >", S("From:*@example.com"),
	    S("From: Joe <joe@example.com>"), 0 },
	{ "7 with >", S("From:*@example.com>"),
	    S("From: Joe <joe@example.com>"), 1 },
	{ "7 folded", S("Subject: hello world"), S("Subject: hello  world"),
	    1 },
	{ "7 escaped brackets", S("X-Mailer: \\[bulk\\]"),
	    S("X-Mailer: [Bulk]"), 1 },
	/* the space after the colon */
	{ "no space needed", S("Subject:*viagra*"), S("Subject:viagra"), 1 },
	{ "space required", S("Subject: *viagra*"), S("Subject:viagra"), 0 },
	/* entries and fields without ':' */
	{ "entry without colon", S("*"), S("Subject: x"), 0 },
	{ "entry without colon 2", S("Subject*"), S("Subject: x"), 0 },
	{ "field without colon", S("subject[: ]x"), S("Subject x"), 0 },
	{ "same, with colon", S("subject[: ]x"), S("Subject:x"), 1 },
	/* normalisation */
	{ "leading blank entry", S(" Subject:*"), S("Subject: x"), 0 },
	{ "trailing blanks dropped", S("Subject:*viagra*  \t"),
	    S("Subject: viagra"), 1 },
	{ "tab in entry", S("Subject:\t*viagra*"), S("Subject: viagra"), 1 },
	{ "runs in entry", S("Subject:  a   b"), S("Subject: a b"), 1 },
	{ "CR LF tab in field", S("Subject: buy viagra"),
	    S("Subject:\tBuy\r\n\tviagra"), 1 },
	{ "field trailing blanks", S("Subject: hi"), S("Subject: hi \t "), 1 },
	{ "field leading blank kept", S("x:*"), S(" x: y"), 0 },
	{ "field leading blank, glob", S("*x:*"), S(" x: y"), 1 },
	/* glob details */
	{ "?", S("Subject: h?llo"), S("Subject: hello"), 1 },
	{ "? needs a char", S("Subject: hello?"), S("Subject: hello"), 0 },
	{ "set range", S("Subject: [a-c]at"), S("Subject: bat"), 1 },
	{ "set range, field case", S("Subject: [a-c]at"), S("Subject: Cat"),
	    1 },
	{ "set range, entry case", S("Subject: [A-C]at"), S("Subject: bat"),
	    1 },
	{ "negated set", S("Subject: [!a]at"), S("Subject: bat"), 1 },
	{ "negated set, miss", S("Subject: [!b]at"), S("Subject: bat"), 0 },
	{ "* crosses /", S("X-Url:*/*"), S("X-Url: http://a/b"), 1 },
	{ "leading . not special", S("Subject:.*"), S("Subject:.hidden"), 1 },
	{ "escaped *", S("Subject: \\*"), S("Subject: *"), 1 },
	{ "escaped *, miss", S("Subject: \\*"), S("Subject: x"), 0 },
	{ "unclosed [ is literal", S("Subject: [x"), S("Subject: [x"), 1 },
	{ "name is part of the glob", S("*: spam"), S("X-Anything: spam"), 1 },
	/* hostile */
	{ "NUL in field is a blank", S("Subject:*viagra*"),
	    S("Subject: hi\0viagra"), 1 },
	{ "NUL in field, words", S("Subject: hi viagra"),
	    S("Subject: hi\0viagra"), 1 },
	{ "empty field", S("*:*"), S(""), 0 },
	{ "empty entry", S(""), S("Subject: x"), 0 },
};

static void
test_entries(void **state)
{
	struct match_result r;
	struct strlist e;
	char *ev[1], ebuf[128];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		memcpy(ebuf, cases[i].entry, cases[i].elen + 1);
		ev[0] = ebuf;
		e = list(ev, 1);
		rc = match_header(cases[i].field, cases[i].flen, &e, NULL, &r);
		if (rc != cases[i].want) {
			print_error("%s: [%s] vs [%s]: got %d, want %d\n",
			    cases[i].label, cases[i].entry, cases[i].field, rc,
			    cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Entries with NUL bytes can only come from files. */
static void
test_nul_line(void **state)
{
	static const char data[] = "Subject:*\0viagra\nSubject:*x*\n";
	struct match_result r;
	struct strlist f;
	char path[] = "/tmp/test_match_header.XXXXXX", *fv[1];
	FILE *fp;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, sizeof(data) - 1, fp),
	    sizeof(data) - 1);
	assert_int_equal(fclose(fp), 0);
	fv[0] = path;
	f = list(fv, 1);
	assert_int_equal(match_header(S("Subject: viagra"), NULL, &f, &r), 0);
	assert_int_equal(match_header(S("Subject: xx"), NULL, &f, &r), 1);
	assert_int_equal(r.line, 2);
	unlink(path);
}

/* Fields are capped at 16383 bytes (files.md 7 item 4). */
static void
test_cap(void **state)
{
	struct match_result r;
	struct strlist e;
	char *ev[] = { "Subject:*viagra*" }, *field;
	size_t n = 20000;

	(void)state;
	field = malloc(n);
	assert_non_null(field);
	memset(field, 'x', n);
	memcpy(field, "Subject: ", 9);
	e = list(ev, 1);
	memcpy(field + 16383 - 6, "viagra", 6);	/* the last kept bytes */
	assert_int_equal(match_header(field, n, &e, NULL, &r), 1);
	memset(field + 16383 - 6, 'x', 6);
	memcpy(field + 16383 - 5, "viagra", 6);	/* one byte past the cap */
	assert_int_equal(match_header(field, n, &e, NULL, &r), 0);
	free(field);
}

static const struct {
	const char	*field;
	int		 want;
	unsigned	 line;
} file_cases[] = {
	{ "Subject: VIAGRA", 1, 3 },
	{ "From: Joe <joe@example.com>", 1, 4 },
	{ "X-Mailer: [Bulk]", 1, 5 },
	{ "To: x", 0, 0 },
	{ "no colon here", 0, 0 },
};

static void
test_files(void **state)
{
	struct match_result r;
	struct strlist e, f;
	char *fv[2], *ev[] = { "To:*" }, want[2600], buf[64];
	size_t i;
	int bad = 0, rc;

	(void)state;
	fv[0] = fixture("header.txt");
	f = list(fv, 1);
	for (i = 0; i < nitems(file_cases); i++) {
		rc = match_header(file_cases[i].field,
		    strlen(file_cases[i].field), NULL, &f, &r);
		if (rc != file_cases[i].want || r.line != file_cases[i].line) {
			print_error("%s: got %d line %u, want %d line %u\n",
			    file_cases[i].field, rc, r.line,
			    file_cases[i].want, file_cases[i].line);
			bad++;
		}
	}
	assert_int_equal(bad, 0);

	/* entries first, then files; unreadable files are logged */
	e = list(ev, 1);
	fv[0] = fixture("missing-header.txt");
	fv[1] = fixture("header.txt");
	f = list(fv, 2);
	logged[0] = '\0';
	assert_int_equal(match_header(S("To: x"), &e, &f, &r), 1);
	assert_string_equal(match_reason(&r, buf, sizeof(buf)), "To:*");
	assert_int_equal(match_header(S("Subject: viagra"), &e, &f, &r), 1);
	assert_int_equal(r.line, 3);
	assert_string_equal(r.entry, "Subject:*viagra*");
	snprintf(want, sizeof(want), "unable to open file for searching %s: "
	    "No such file or directory", fv[0]);
	assert_non_null(strstr(logged, want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries),
		cmocka_unit_test(test_nul_line),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
