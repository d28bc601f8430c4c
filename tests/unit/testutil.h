/*
 * testutil.h - what the list-matcher unit tests share: the source tree
 * (SPAMDYKE_SRCDIR, for fixture files) and a capture of every log line,
 * whatever the log level.  Header-only: each test is its own program.
 */
#ifndef SPAMDYKE_TESTS_TESTUTIL_H
#define SPAMDYKE_TESTS_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "log/log.h"
#include "util/str.h"

static char	 srcdir[1024] = ".";
static char	 logged[16384];

static void
observe(const char *msg, void *ctx)
{
	(void)ctx;
	str_lcat(logged, msg, sizeof(logged));
	str_lcat(logged, "\n", sizeof(logged));
}

/* cmocka group setup: find the source tree, capture the log. */
static int
setup(void **state)
{
	const char *env = getenv("SPAMDYKE_SRCDIR");

	(void)state;
	if (env != NULL && *env != '\0')
		str_lcpy(srcdir, env, sizeof(srcdir));
	log_open(LL_NONE, 0);	/* the observer still sees everything */
	log_set_observer(observe, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	log_set_observer(NULL, NULL);
	return 0;
}

/* A scratch directory per test program (setup_tmp / teardown_tmp). */
static char	 tmpdir[256];

/* As setup, plus a fresh /tmp/test.XXXXXX in tmpdir. */
static int __attribute__((unused))
setup_tmp(void **state)
{
	setup(state);
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/spamdyke-test.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

/* As teardown, plus removing tmpdir and what it holds. */
static int __attribute__((unused))
teardown_tmp(void **state)
{
	char cmd[sizeof(tmpdir) + 16];

	teardown(state);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Path of a file under tests/fixtures/lists (4 results live at once). */
static char *
fixture(const char *name)
{
	static char p[4][1200];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/tests/fixtures/lists/%s", srcdir,
	    name);
	return p[k];
}

#endif
