/*
 * test_log_transcript.c - the full traffic log (session.md 4.7, files.md
 * 10): file name and mode, block headers, bare LF shown as CRLF, hex in
 * passthrough, log messages of every level, and the refusal to follow a
 * symlink or reuse a name.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log/log.h"
#include "log/transcript.h"

static char dir[] = "/tmp/sdtrXXXXXX";

static char *
only_file(char *path, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int count = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, n, "%s/%s", dir, e->d_name);
		count++;
	}
	closedir(d);
	assert_int_equal(count, 1);
	return path;
}

static char *
slurp(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
must_match(const char *text, const char *re)
{
	regex_t r;

	assert_int_equal(regcomp(&r, re, REG_EXTENDED | REG_NEWLINE), 0);
	if (regexec(&r, text, 0, NULL, 0) != 0) {
		print_error("no match for /%s/ in:\n%s\n", re, text);
		fail();
	}
	regfree(&r);
}

static void
test_file(void **state)
{
	char *envp[] = { "TCPREMOTEIP=192.0.2.7", "TCPLOCALPORT=25", NULL };
	struct transcript *t;
	char path[4096], *text, name[64];
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	log_open(LL_ERROR, 0);
	t = transcript_open(dir, "6.0.0");
	assert_non_null(t);
	transcript_env(t, envp);
	transcript_config(t, "reject-empty-rdns=1\n", 20);
	transcript_event(t, "Remote IP = %s", "192.0.2.7");
	transcript_data(t, TR_CHILD_TO_REMOTE, "220 x ESMTP\r\n", 13, false);
	transcript_data(t, TR_REMOTE_TO_CHILD, "EHLO a\nMAIL\n", 12, false);
	/* Every level reaches the full log, whatever log-level says. */
	log_debug("a debug line %d", 42);
	log_filter("FILTER_RDNS_MISSING ip: 192.0.2.7");
	transcript_set_state(t, "TLS_PASSTHROUGH", "joe");
	transcript_data(t, TR_REMOTE_TO_CHILD, "\x16\x03\xff", 3, true);
	transcript_close(t);

	only_file(path, sizeof(path));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(name, sizeof(name), "_%ld_", (long)getpid());
	assert_non_null(strstr(path, name));
	must_match(path, "/[0-9]{8}_[0-9]{6}_[0-9]+_[0-9]+$");
	text = slurp(path);
	must_match(text, "^[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9:]{8} STARTED: "
	    "VERSION = 6\\.0\\.0, PID = [0-9]+$");
	must_match(text, "^$\n^[0-9/]{10} [0-9:]{8} CURRENT ENVIRONMENT\n"
	    "TCPREMOTEIP=192\\.0\\.2\\.7\nTCPLOCALPORT=25$");
	must_match(text, "CURRENT CONFIG\nreject-empty-rdns=1$");
	must_match(text, "^[0-9/]{10} [0-9:]{8} - Remote IP = 192\\.0\\.2\\.7$");
	must_match(text, "FROM CHILD TO REMOTE: 13 bytes\n220 x ESMTP\r$");
	/* Bare LF is written as CRLF (files.md 10). */
	must_match(text, "FROM REMOTE TO CHILD: 12 bytes\nEHLO a\r\nMAIL\r$");
	must_match(text, "LOG OUTPUT\nDEBUG\\(test_file\\(\\)@"
	    "test_log_transcript\\.c:[0-9]+\\): a debug line 42\n"
	    "FILTER_RDNS_MISSING ip: 192\\.0\\.2\\.7$");
	/* Improvement: exactly two hex digits per byte. */
	must_match(text, "FROM REMOTE TO CHILD: 3 bytes TLS_PASSTHROUGH "
	    "AUTH:joe\n16 03 ff $");
	must_match(text, "^$\n^[0-9/]{10} [0-9:]{8} CLOSED\n");
	unlink(path);
}

static void
test_refuses_symlink_dir_entry(void **state)
{
	struct transcript *t;

	(void)state;
	/* A directory that does not exist: an error, no crash, no file. */
	t = transcript_open("/nonexistent/sdtr", "6.0.0");
	assert_null(t);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_refuses_symlink_dir_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
