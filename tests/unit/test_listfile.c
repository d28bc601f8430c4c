/*
 * test_listfile.c - the common list-file line reader (src/util/listfile.c;
 * files.md 0): CR, LF and CRLF line ends and their numbering, comments,
 * blank lines, 65535-byte lines, no line limit (issue 3: every line
 * counts, 5.0.1 stopped at 65536), NUL bytes, block boundaries (checked
 * against a byte-by-byte reference reader on random files, offsets
 * included), rewinding, and files that cannot be opened.
 */
#include <sys/stat.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/listfile.h"
#include "util/str.h"

static char	 tmpdir[256];

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_listfile.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Write n bytes to a file in tmpdir; returns its path (static). */
static const char *
write_tmp(const char *name, const char *data, size_t n)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* Render what the reader returns as "N:text|" items (NUL shown as \0). */
static void
render(struct listfile *lf, char *out, size_t outlen)
{
	const char *line;
	size_t len, i, k = 0;
	int rc;

	out[0] = '\0';
	while ((rc = listfile_next(lf, &line, &len)) == 1) {
		k += (size_t)snprintf(out + k, outlen - k, "%u:", lf->lineno);
		for (i = 0; i < len && k + 3 < outlen; i++) {
			if (line[i] == '\0') {
				out[k++] = '\\';
				out[k++] = '0';
			} else
				out[k++] = line[i];
		}
		out[k++] = '|';
		out[k] = '\0';
	}
	assert_int_equal(rc, 0);
}

#define S(x)	x, sizeof(x) - 1

static const struct {
	const char	*label;
	const char	*in;
	size_t		 n;
	const char	*want;
} cases[] = {
	{ "LF", S("a\nb\n"), "1:a|2:b|" },
	{ "CRLF counts 2N-1", S("a\r\nb\r\nc\r\n"), "1:a|3:b|5:c|" },
	{ "CR alone", S("a\rb\rc"), "1:a|2:b|3:c|" },
	{ "LFCR is two ends too", S("a\n\rb"), "1:a|3:b|" },
	{ "no final line end", S("x"), "1:x|" },
	{ "empty file", S(""), "" },
	{ "only line ends", S("\r\n\r\n\n\r"), "" },
	{ "comments and blanks skipped", S("\n\n#c\nx\n# y\n"), "4:x|" },
	{ "spaces are an entry", S(" \n\t\n"), "1: |2:\t|" },
	{ "indented # is no comment", S("  #x\n"), "1:  #x|" },
	{ "# only at the first byte", S("a#b\n#\n"), "1:a#b|" },
	{ "not trimmed", S(" a \t\n"), "1: a \t|" },
	{ "NUL bytes kept", S("a\0b\n\0\n"), "1:a\\0b|2:\\0|" },
	{ "comment with CRLF", S("#x\r\ny\r\n"), "3:y|" },
};

static void
test_mem_cases(void **state)
{
	struct listfile lf;
	char got[256];
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		listfile_mem(&lf, cases[i].in, cases[i].n);
		render(&lf, got, sizeof(got));
		listfile_close(&lf);
		if (strcmp(got, cases[i].want) != 0) {
			print_error("%s: got [%s], want [%s]\n", cases[i].label,
			    got, cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Over-long lines continue as the next line (files.md 0). */
static void
test_long_lines(void **state)
{
	static const struct {
		const char	*label;
		size_t		 alen;	/* 'a' bytes first */
		const char	*tail;
		unsigned	 want_lines[4];	/* numbers */
		size_t		 want_len[4];
	} lc[] = {
		{ "exactly 65535", 65535, "\nb\n", { 1, 3 }, { 65535, 1 } },
		{ "65536 splits", 65536, "\nb\n", { 1, 2, 3 },
		    { 65535, 1, 1 } },
		{ "70000 splits", 70000, "", { 1, 2 }, { 65535, 4465 } },
		{ "twice the limit", 131070, "\r", { 1, 2 },
		    { 65535, 65535 } },
	};
	struct listfile lf;
	const char *line, *path;
	char *data;
	size_t i, k, len, n;

	(void)state;
	for (i = 0; i < nitems(lc); i++) {
		n = lc[i].alen + strlen(lc[i].tail);
		data = malloc(n);
		assert_non_null(data);
		memset(data, 'a', lc[i].alen);
		memcpy(data + lc[i].alen, lc[i].tail, strlen(lc[i].tail));
		for (int src = 0; src < 2; src++) {
			if (src == 0)
				listfile_mem(&lf, data, n);
			else {
				path = write_tmp("long", data, n);
				assert_int_equal(listfile_open(&lf, path), 0);
			}
			for (k = 0; listfile_next(&lf, &line, &len) == 1; k++) {
				if (k >= 4 ||
				    lf.lineno != lc[i].want_lines[k] ||
				    len != lc[i].want_len[k])
					fail_msg("%s (%s): item %zu line %u "
					    "len %zu", lc[i].label,
					    src ? "file" : "mem", k, lf.lineno,
					    len);
			}
			assert_true(k == 4 || lc[i].want_lines[k] == 0);
			listfile_close(&lf);
		}
		free(data);
	}
}

/* Build count lines of text "x<i>" ended by eol, plus extra. */
static char *
many_lines(size_t count, const char *eol, const char *extra, size_t *n)
{
	size_t cap = count * (8 + strlen(eol)) + strlen(extra) + 1, k = 0, i;
	char *d = malloc(cap);

	assert_non_null(d);
	for (i = 0; i < count; i++)
		k += (size_t)snprintf(d + k, cap - k, "x%zu%s", i, eol);
	k += (size_t)snprintf(d + k, cap - k, "%s", extra);
	*n = k;
	return d;
}

/*
 * Improvement (issue 3): no line limit.  5.0.1 stopped after line 65536;
 * every line counts now, with its number.
 */
static void
test_no_line_limit(void **state)
{
	static const struct {
		const char	*label;
		size_t		 count;
		const char	*eol;
		const char	*extra;
		unsigned	 want_last;	/* line number of last entry */
		size_t		 want_entries;
	} lc[] = {
		{ "65536 lines", 65536, "\n", "", 65536, 65536 },
		{ "65537 lines", 65536, "\n", "late\n", 65537, 65537 },
		{ "text after, no LF", 65536, "\n", "z", 65537, 65537 },
		{ "blank after", 65536, "\n", "\n", 65536, 65536 },
		{ "CRLF over", 32768, "\r\n", "y\r\n", 65537, 32769 },
		{ "CR only", 65535, "\r", "last", 65536, 65536 },
		{ "300000 lines", 300000, "\n", "#c\nend", 300002, 300001 },
	};
	struct listfile lf;
	const char *line, *path;
	char *data;
	size_t i, n, entries;
	unsigned last;

	(void)state;
	for (i = 0; i < nitems(lc); i++) {
		data = many_lines(lc[i].count, lc[i].eol, lc[i].extra, &n);
		path = write_tmp("limit", data, n);
		free(data);
		assert_int_equal(listfile_open(&lf, path), 0);
		for (entries = 0, last = 0;
		    listfile_next(&lf, &line, &n) == 1; entries++)
			last = lf.lineno;
		if (last != lc[i].want_last || entries != lc[i].want_entries)
			fail_msg("%s: last %u entries %zu", lc[i].label, last,
			    entries);
		/* Finished readers stay finished. */
		assert_int_equal(listfile_next(&lf, &line, &n), 0);
		listfile_close(&lf);
	}
}

/*
 * Reference reader: the rules of files.md 0, one byte at a time; each
 * entry as "number:offset:length:first byte|".
 */
static void
reference(const char *d, size_t n, char *out, size_t outlen)
{
	size_t i = 0, start, k = 0, len;
	unsigned lineno = 0;

	out[0] = '\0';
	while (i < n) {
		start = i;
		while (i < n && d[i] != '\r' && d[i] != '\n' &&
		    i - start < LISTFILE_MAX_LINE)
			i++;
		len = i - start;
		/* A line end right after 65535 bytes ends the next line. */
		if (i < n && len < LISTFILE_MAX_LINE)
			i++;
		lineno++;
		if (len == 0 || d[start] == '#')
			continue;
		k += (size_t)snprintf(out + k, outlen - k, "%u:%zu:%zu:%02x|",
		    lineno, start, len, (unsigned char)d[start]);
	}
}

static void
reader_summary(struct listfile *lf, char *out, size_t outlen)
{
	const char *line;
	size_t len, k = 0;

	out[0] = '\0';
	while (listfile_next(lf, &line, &len) == 1)
		k += (size_t)snprintf(out + k, outlen - k, "%u:%zu:%zu:%02x|",
		    lf->lineno, (size_t)lf->lineoff, len,
		    (unsigned char)line[0]);
}

/* Random files: lines straddle every block and window boundary. */
static void
test_random_against_reference(void **state)
{
	static const char alphabet[] = "\r\n#a\0 ";
	struct listfile lf;
	const char *path, *ln;
	char *data, *want, *got;
	size_t round, n, i, run, lnlen;
	unsigned seed = 12345;

	(void)state;
	want = malloc(1 << 22);
	got = malloc(1 << 22);
	data = malloc(600000);
	assert_true(want != NULL && got != NULL && data != NULL);
	for (round = 0; round < 40; round++) {
		n = (size_t)rand_r(&seed) % 600000;
		for (i = 0; i < n; i += run) {
			/* long runs of text, sometimes past 65535 */
			run = (size_t)rand_r(&seed) % (round % 4 == 0 ?
			    140000 : 300) + 1;
			if (run > n - i)
				run = n - i;
			memset(data + i, 'a', run);
			data[i] = alphabet[rand_r(&seed) % 6];
		}
		reference(data, n, want, 1 << 22);
		path = write_tmp("random", data, n);
		assert_int_equal(listfile_open(&lf, path), 0);
		reader_summary(&lf, got, 1 << 22);
		listfile_close(&lf);
		if (strcmp(want, got) != 0)
			fail_msg("round %zu (%zu bytes): reader and reference "
			    "differ", round, n);
		listfile_mem(&lf, data, n);
		reader_summary(&lf, got, 1 << 22);
		if (strcmp(want, got) != 0)
			fail_msg("round %zu (%zu bytes): memory reader differs",
			    round, n);
		assert_int_equal(listfile_rewind(&lf), 0);
		reader_summary(&lf, got, 1 << 22);
		listfile_close(&lf);
		if (strcmp(want, got) != 0)
			fail_msg("round %zu (%zu bytes): rewound memory reader "
			    "differs", round, n);
		/* Rewound after a partial read, the same again. */
		assert_int_equal(listfile_open(&lf, path), 0);
		for (i = 0; i < round * 100 &&
		    listfile_next(&lf, &ln, &lnlen) == 1; i++)
			continue;
		assert_int_equal(listfile_rewind(&lf), 0);
		reader_summary(&lf, got, 1 << 22);
		listfile_close(&lf);
		if (strcmp(want, got) != 0)
			fail_msg("round %zu (%zu bytes): rewound reader "
			    "differs", round, n);
	}
	free(data);
	free(want);
	free(got);
}

static void
test_open_errors(void **state)
{
	struct listfile lf;
	char path[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/missing", tmpdir);
	errno = 0;
	assert_int_equal(listfile_open(&lf, path), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(listfile_open(&lf, tmpdir), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(listfile_open(&lf, "/dev/null"), -1);
	assert_int_equal(errno, EINVAL);
	listfile_close(&lf);	/* harmless after a failed open */
	listfile_close(&lf);
}

/* Two readers open at once: the second gets its own buffer. */
static void
test_two_readers(void **state)
{
	struct listfile a, b;
	const char *la, *lb, *p;
	char pa[512];
	size_t na, nb;

	(void)state;
	p = write_tmp("a", S("a1\na2\n"));
	str_lcpy(pa, p, sizeof(pa));
	p = write_tmp("b", S("b1\nb2\n"));
	assert_int_equal(listfile_open(&a, pa), 0);
	assert_int_equal(listfile_open(&b, p), 0);
	assert_int_equal(listfile_next(&a, &la, &na), 1);
	assert_int_equal(listfile_next(&b, &lb, &nb), 1);
	assert_memory_equal(la, "a1", 2);
	assert_memory_equal(lb, "b1", 2);
	assert_int_equal(listfile_next(&a, &la, &na), 1);
	assert_int_equal(listfile_next(&b, &lb, &nb), 1);
	assert_memory_equal(la, "a2", 2);
	assert_memory_equal(lb, "b2", 2);
	listfile_close(&b);
	listfile_close(&a);
	/* and the shared buffer is free again */
	assert_int_equal(listfile_open(&a, pa), 0);
	assert_false(a.ownbuf);
	listfile_close(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mem_cases),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_no_line_limit),
		cmocka_unit_test(test_random_against_reference),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_two_readers),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
