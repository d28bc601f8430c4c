/*
 * test_match_ip.c - IP list lines, entries and files (src/filters/
 * match_ip.c; files.md 3): every example of 3.2, the field, range and
 * mask rules of 3.1, the IPv6 Improvement, files with their FILE:LINE
 * reasons, CRLF and CR files, unreadable files, and lines past 65536
 * (issue 3: every line counts), scanned and through the index.
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

/* A strlist over n C strings (not copied). */
static struct strlist
list(char **v, size_t n)
{
	struct strlist l = { v, n, n };

	return l;
}

/* ---- line rules ---- */

#define C_IP	"198.51.100.7"
#define C_RDNS	"mx.example.net"

static const struct {
	const char	*label;
	const char	*line;
	size_t		 len;		/* 0: strlen(line) */
	const char	*ip;		/* NULL: C_IP */
	const char	*rdns;		/* NULL: C_RDNS; "" none */
	const char	*info;		/* TCPREMOTEINFO, NULL unset */
	bool		 want;
} cases[] = {
	/* files.md 3.2, client 198.51.100.7, rDNS mx.example.net */
	{ "3.2 exact", "198.51.100.7", 0, NULL, NULL, NULL, true },
	{ "3.2 leading zeros", "198.051.100.007", 0, NULL, NULL, NULL, true },
	{ "3.2 prefix 3", "198.51.100", 0, NULL, NULL, NULL, true },
	{ "3.2 prefix 3 dot", "198.51.100.", 0, NULL, NULL, NULL, true },
	{ "3.2 prefix 2", "198.51", 0, NULL, NULL, NULL, true },
	{ "3.2 prefix 1", "198", 0, NULL, NULL, NULL, true },
	{ "3.2 whole octets", "19", 0, NULL, NULL, NULL, false },
	{ "3.2 range", "198.51.90-110", 0, NULL, NULL, NULL, true },
	{ "3.2 inverted range", "198.51.110-90", 0, NULL, NULL, NULL, true },
	{ "3.2 CIDR", "198.51.100.0/24", 0, NULL, NULL, NULL, true },
	{ "3.2 netmask", "198.51.0.0/255.255.0.0", 0, NULL, NULL, NULL,
	    true },
	{ "3.2 7 items", "198.51.100.0/255.255.0", 0, NULL, NULL, NULL,
	    false },
	{ "3.2 trailing comment", "198.51.100.7 # office", 0, NULL, NULL,
	    NULL, true },
	{ "3.2 leading space", " 198.51.100.7", 0, NULL, NULL, NULL, false },
	{ "3.2 instructions", "198.51.100.7:deny", 0, NULL, NULL, NULL,
	    true },
	{ "3.2 catch-all", ":allow", 0, NULL, NULL, NULL, true },
	{ "3.2 =.suffix", "=.example.net", 0, NULL, NULL, NULL, true },
	{ "3.2 =suffix", "=example.net", 0, NULL, NULL, NULL, true },
	{ "3.2 = alone", "=", 0, NULL, NULL, NULL, true },
	{ "3.2 =not at label", "=ample.net", 0, NULL, NULL, NULL, false },
	{ "3.2 user@ unset", "joe@198.51.100.7", 0, NULL, NULL, NULL, false },
	{ "3.2 user@ joe", "joe@198.51.100.7", 0, NULL, NULL, "joe", true },
	{ "3.2 user@ other", "joe@198.51.100.7", 0, NULL, NULL, "ann",
	    false },
	{ "3.2 @ in comment", "198.51.100.7 # ask joe@example.org", 0, NULL,
	    NULL, NULL, false },
	{ "3.2 @ in comment, joe", "198.51.100.7 # ask joe@example.org", 0,
	    NULL, NULL, "joe", false },
	{ "@ splits the line", "198.51.100.7 # ask joe@198.51", 0, NULL,
	    NULL, "198.51.100.7 # ASK joe", true },
	/* user@ details */
	{ "user@ case-insensitive", "Joe@198.51", 0, NULL, NULL, "jOE", true },
	{ "user@ name rule", "joe@=example.net", 0, NULL, NULL, "joe", true },
	{ "user@ empty user, unset", "@198.51.100.7", 0, NULL, NULL, NULL,
	    false },
	{ "user@ empty user, empty info", "@198.51.100.7", 0, NULL, NULL, "",
	    true },
	{ "user@ before colon only", "198.51.100.7:joe@x", 0, NULL, NULL,
	    NULL, true },
	/* name rules */
	{ "= start of name", "=mail.example", 0, NULL, "mail.example.net",
	    NULL, true },
	{ "= label start", "=mx", 0, NULL, NULL, NULL, true },
	{ "= mid-label", "=x.example.net", 0, NULL, NULL, NULL, false },
	{ "= case", "=MX.Example.NET", 0, NULL, NULL, NULL, true },
	{ "= first occurrence only", "=ex", 0, NULL, "mex.ex.test", NULL,
	    false },
	{ "= no rDNS", "=", 0, NULL, "", NULL, false },
	{ "= no rDNS, name", "=example.net", 0, NULL, "", NULL, false },
	{ "= not trimmed", "=example.net ", 0, NULL, NULL, NULL, false },
	{ "= after colon ignored", "=nomatch:=example.net", 0, NULL, NULL,
	    NULL, false },
	/* fields and ranges */
	{ "other host", "198.51.100.8", 0, NULL, NULL, NULL, false },
	{ "octet 256 fails", "198.51.100.256", 0, NULL, NULL, NULL, false },
	{ "first octet 256", "256", 0, NULL, NULL, NULL, false },
	{ "range M>255 open", "198.51.100.2-300", 0, NULL, NULL, NULL, true },
	{ "range N>255 fails", "198.51.100.300-301", 0, NULL, NULL, NULL,
	    false },
	{ "range outside", "198.51.100.8-9", 0, NULL, NULL, NULL, false },
	{ "range N-N", "198.51.100.7-7", 0, NULL, NULL, NULL, true },
	{ "range below", "198.51.100.0-6", 0, NULL, NULL, NULL, false },
	{ "N- reads N", "198.51.100.7-", 0, NULL, NULL, NULL, true },
	{ "N- reads N, miss", "198.51.100.6-", 0, NULL, NULL, NULL, false },
	{ "no digits fails", "198.51.-.7", 0, NULL, NULL, NULL, false },
	{ "leading dash fails", "-198.51.100.7", 0, NULL, NULL, NULL, false },
	{ "N is 3 digits", "198.51.100.0000007", 0, NULL, NULL, NULL, false },
	{ "7-byte field", "1980000.51", 0, NULL, NULL, NULL, true },
	{ "stops at space", "198 .51", 0, NULL, NULL, NULL, true },
	{ "empty field stops", "198..7", 0, NULL, NULL, NULL, true },
	{ "fifth field ignored", "198.51.100.7.9", 0, NULL, NULL, NULL, true },
	/* masks */
	{ "/32", "198.51.100.7/32", 0, NULL, NULL, NULL, true },
	{ "/31", "198.51.100.6/31", 0, NULL, NULL, NULL, true },
	{ "/30 other", "198.51.100.8/30", 0, NULL, NULL, NULL, false },
	{ "/0", "0.0.0.0/0", 0, NULL, NULL, NULL, true },
	{ "/33 fails", "198.51.100.7/33", 0, NULL, NULL, NULL, false },
	{ "/ alone is n=4", "198.51.100.7/", 0, NULL, NULL, NULL, true },
	{ "/ alone is exact", "198.51.100.6/", 0, NULL, NULL, NULL, false },
	{ "3 fields mask ignored", "198.51.100/24", 0, NULL, NULL, NULL,
	    true },
	{ "3 fields mask ignored, miss", "198.51.101/16", 0, NULL, NULL, NULL,
	    false },
	{ "6 items", "198.51.100.7/24.0", 0, NULL, NULL, NULL, false },
	{ "non-contiguous mask", "198.0.100.7/255.0.255.255", 0, NULL, NULL,
	    NULL, true },
	{ "mask hides octet 1", "199.51.100.7/0.255.255.255", 0, NULL, NULL,
	    NULL, true },
	{ "mask keeps octet 1", "199.51.100.7/255.0.0.0", 0, NULL, NULL,
	    NULL, false },
	{ "mask octet 256", "198.51.100.7/256.0.0.0", 0, NULL, NULL, NULL,
	    false },
	{ "ranges ignored in CIDR", "198.51.90-110.0/24", 0, NULL, NULL, NULL,
	    false },
	{ "ranges ignored in mask", "198.51.100-110.0/255.255.255.0", 0,
	    NULL, NULL, NULL, true },
	/* hostile */
	{ "empty", "", 0, NULL, NULL, NULL, false },
	{ "NUL ends the pattern", "198.51.100.7\0junk", 17, NULL, NULL, NULL,
	    true },
	{ "NUL first", "\0" "198.51.100.7", 13, NULL, NULL, NULL, false },
	{ "tab first", "\t198.51.100.7", 0, NULL, NULL, NULL, false },
	/* the client must be a dotted quad */
	{ "bad client, catch-all", ":allow", 0, "not-an-ip", NULL, NULL,
	    false },
	{ "bad client, name", "=", 0, "not-an-ip", NULL, NULL, false },
	{ "bad client, prefix", "1", 0, "1.2.3", NULL, NULL, false },
	{ "mapped client", "198.51.100.7", 0, "::ffff:198.51.100.7", NULL,
	    NULL, true },
	/* Improvement (IPv6) */
	{ "v6 prefix", "2001:db8::/32", 0, "2001:db8::5", NULL, NULL, true },
	{ "v6 brackets", "[2001:db8::]/32", 0, "2001:db8::5", NULL, NULL,
	    true },
	{ "v6 exact", "2001:DB8::5", 0, "2001:db8::5", NULL, NULL, true },
	{ "v6 other", "2001:db9::/32", 0, "2001:db8::5", NULL, NULL, false },
	{ "v6 all", "::/0", 0, "2001:db8::5", NULL, NULL, true },
	{ "v6 with comment", "2001:db8::/32 office", 0, "2001:db8::5", NULL,
	    NULL, true },
	{ "v6 /129 not v6", "2001:db8::/129", 0, "2001:db8::5", NULL, NULL,
	    false },
	{ "v4 line, v6 client", "198.51.100.7", 0, "2001:db8::5", NULL, NULL,
	    false },
	{ "catch-all, v6 client", ":allow", 0, "2001:db8::5", NULL, NULL,
	    false },
	{ "name rule, v6 client", "=", 0, "2001:db8::5", NULL, NULL, false },
	{ "v6 line, v4 client", "2001:db8::/32", 0, NULL, NULL, NULL, false },
	{ "::1 is no catch-all", "::1", 0, NULL, NULL, NULL, false },
	{ "::1x is a catch-all", "::1x", 0, NULL, NULL, NULL, true },
	{ "mapped entry", "::ffff:198.51.100.7", 0, NULL, NULL, NULL, true },
	{ "mapped /120", "::ffff:198.51.100.0/120", 0, NULL, NULL, NULL,
	    true },
	{ "mapped /120 other", "::ffff:198.51.99.0/120", 0, NULL, NULL, NULL,
	    false },
	{ "single colon is tcprules", "1.2.3.4:allow", 0, "1.2.3.4", NULL,
	    NULL, true },
};

static void
test_lines(void **state)
{
	struct match_client c;
	size_t i, len;
	int bad = 0;
	bool got;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		c.ip = cases[i].ip != NULL ? cases[i].ip : C_IP;
		c.rdns = cases[i].rdns != NULL ? cases[i].rdns : C_RDNS;
		c.info = cases[i].info;
		len = cases[i].len != 0 ? cases[i].len : strlen(cases[i].line);
		got = match_ip_line(&c, cases[i].line, len);
		if (got != cases[i].want) {
			print_error("%s: [%s] client %s: got %d, want %d\n",
			    cases[i].label, cases[i].line, c.ip, got,
			    cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* ---- entries and files ---- */

static const struct {
	const char	*label;
	const char	*ip;
	const char	*file;		/* fixture, NULL: none */
	int		 want;
	unsigned	 want_line;
	const char	*want_entry;
} file_cases[] = {
	{ "netmask line 7", "198.51.100.7", "ip.txt", 1, 7,
	    "198.51.100.0/255.255.255.0" },
	{ "comment after CIDR", "192.0.2.9", "ip.txt", 1, 6,
	    "192.0.2.0/24 # documentation net" },
	{ "first line", "10.9.9.9", "ip.txt", 1, 2, "10.0.0.0/8" },
	{ "v6 line", "2001:db8::5", "ip.txt", 1, 8,
	    "2001:db8::/32 office v6" },
	{ "not listed", "203.0.113.9", "ip.txt", 0, 0, "" },
	{ "CRLF 2N-1", "203.0.113.2", "ip_crlf.txt", 1, 5, "203.0.113.2" },
	{ "CRLF last", "203.0.113.3", "ip_crlf.txt", 1, 7, "203.0.113.3" },
	{ "CR only", "203.0.113.3", "ip_cr.txt", 1, 3, "203.0.113.3" },
};

static void
test_files(void **state)
{
	struct match_client c = { NULL, C_RDNS, NULL };
	struct match_result r;
	struct strlist files;
	char *fv[1], reason[5000];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(file_cases); i++) {
		c.ip = file_cases[i].ip;
		fv[0] = fixture(file_cases[i].file);
		files = list(fv, 1);
		rc = match_ip(&c, NULL, &files, &r);
		if (rc != file_cases[i].want ||
		    (rc == 1 && (r.src != MS_FILE ||
		    r.line != file_cases[i].want_line ||
		    strcmp(r.file, fv[0]) != 0)) ||
		    strcmp(r.entry, file_cases[i].want_entry) != 0) {
			print_error("%s: got %d line %u [%s], want %d line %u "
			    "[%s]\n", file_cases[i].label, rc, r.line, r.entry,
			    file_cases[i].want, file_cases[i].want_line,
			    file_cases[i].want_entry);
			bad++;
		}
	}
	assert_int_equal(bad, 0);

	/* the reason and FILTER forms (session.md 4.3, 4.5) */
	c.ip = "203.0.113.2";
	fv[0] = fixture("ip_crlf.txt");
	files = list(fv, 1);
	assert_int_equal(match_ip(&c, NULL, &files, &r), 1);
	snprintf(reason, sizeof(reason), "%s:5", fv[0]);
	assert_string_equal(match_reason(&r, reason + 2500, 2500), reason);
	snprintf(reason, sizeof(reason), "file: %s(5)", fv[0]);
	assert_string_equal(match_filter_tail(&r, reason + 2500, 2500),
	    reason);
}

static void
test_entries_first(void **state)
{
	struct match_client c = { "10.1.2.3", "", NULL };
	struct match_result r;
	struct strlist e, f;
	char *ev[] = { "192.0.2.1", "10.0.0.0/8" }, *fv[1], buf[64];

	(void)state;
	fv[0] = fixture("ip.txt");
	e = list(ev, 2);
	f = list(fv, 1);
	assert_int_equal(match_ip(&c, &e, &f, &r), 1);
	assert_int_equal(r.src, MS_ENTRY);
	assert_string_equal(r.entry, "10.0.0.0/8");
	assert_string_equal(match_reason(&r, buf, sizeof(buf)), "10.0.0.0/8");
	assert_string_equal(match_filter_tail(&r, buf, sizeof(buf)),
	    "entry: 10.0.0.0/8");
	c.ip = "192.0.2.77";
	assert_int_equal(match_ip(&c, &e, NULL, &r), 0);
	assert_int_equal(r.src, MS_NONE);
	assert_int_equal(match_ip(&c, NULL, NULL, &r), 0);
}

static void
test_unreadable(void **state)
{
	struct match_client c = { "10.1.2.3", "", NULL };
	struct match_result r;
	struct strlist f;
	char *fv[3], want[2500];

	(void)state;
	fv[0] = fixture("no-such-file.txt");
	fv[1] = fixture("");		/* the directory itself */
	fv[2] = fixture("ip.txt");
	f = list(fv, 3);
	logged[0] = '\0';
	assert_int_equal(match_ip(&c, NULL, &f, &r), 1);
	assert_int_equal(r.line, 2);
	snprintf(want, sizeof(want), "unable to open file for searching %s: "
	    "No such file or directory", fv[0]);
	assert_non_null(strstr(logged, want));
	snprintf(want, sizeof(want), "unable to open file for searching %s: "
	    "Is a directory", fv[1]);
	assert_non_null(strstr(logged, want));
	assert_non_null(strstr(logged, "ERROR("));
	/* only unreadable files: no match */
	f.n = 2;
	assert_int_equal(match_ip(&c, NULL, &f, &r), 0);
}

/*
 * Improvement (issue 3): lines past 65536 count, with their numbers
 * (5.0.1 ignored them with a notice), whether the file is scanned or
 * looked up through its index.
 */
static void
test_past_65536(void **state)
{
	static const struct {
		const char	*ip;
		int		 want;
		unsigned	 line;
	} lc[] = {
		{ "203.0.113.5", 1, 65536 },
		{ "203.0.113.6", 1, 65537 },
		{ "203.0.113.7", 1, 100002 },
		{ "10.1.134.160", 1, 100000 },
		{ "203.0.113.8", 0, 0 },
	};
	struct match_client c = { NULL, "", NULL };
	struct match_result r;
	struct strlist f;
	char path[512], *fv[1];
	size_t saved;
	FILE *fp;
	unsigned i, mode;
	size_t k;

	(void)state;
	saved = match_index_min_size;
	snprintf(path, sizeof(path), "%s/big.txt", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (i = 1; i < 65536; i++)
		fprintf(fp, "10.%u.%u.%u\n", i >> 16, (i >> 8) & 255, i & 255);
	fprintf(fp, "203.0.113.5\n203.0.113.6\n");
	for (i = 65538; i <= 100000; i++)
		fprintf(fp, "10.%u.%u.%u\n", i >> 16, (i >> 8) & 255, i & 255);
	fprintf(fp, "# comment\n203.0.113.7\n");
	assert_int_equal(fclose(fp), 0);
	fv[0] = path;
	f = list(fv, 1);
	for (mode = 0; mode < 2; mode++) {
		/* 0: the plain scan; 1: through the index (built once) */
		match_index_min_size = mode == 0 ? SIZE_MAX : 0;
		logged[0] = '\0';
		for (k = 0; k < nitems(lc); k++) {
			c.ip = lc[k].ip;
			if (match_ip(&c, NULL, &f, &r) != lc[k].want ||
			    r.line != lc[k].line ||
			    (lc[k].want == 1 && strcmp(r.entry, c.ip) != 0))
				fail_msg("%s (%s): got line %u [%s], want %u",
				    c.ip, mode ? "index" : "scan", r.line,
				    r.entry, lc[k].line);
		}
		assert_null(strstr(logged, "ignoring"));
		assert_null(strstr(logged, "ERROR"));
	}
	match_index_min_size = saved;
}

/* A 65535-byte line that continues as the next line (files.md 0). */
static void
test_long_line(void **state)
{
	struct match_client c = { "198.51.100.7", "", NULL };
	struct match_result r;
	struct strlist f;
	char path[512], *fv[1];
	FILE *fp;
	unsigned i;

	(void)state;
	snprintf(path, sizeof(path), "%s/long.txt", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (i = 0; i < 65535; i++)
		fputc('x', fp);
	fprintf(fp, "198.51.100.7\n");
	assert_int_equal(fclose(fp), 0);
	fv[0] = path;
	f = list(fv, 1);
	assert_int_equal(match_ip(&c, NULL, &f, &r), 1);
	assert_int_equal(r.line, 2);
	assert_string_equal(r.entry, "198.51.100.7");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_entries_first),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_past_65536),
		cmocka_unit_test(test_long_line),
	};

	return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
