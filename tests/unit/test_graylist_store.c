/*
 * test_graylist_store.c - the graylist tree and its decision
 * (src/filters/graylist_store.c; files.md 9, session.md 9).
 *
 * Every test runs in a fresh temporary directory BASE holding two roots,
 * BASE/r1 and BASE/r2, and a canary directory BASE/outside that nothing
 * may ever touch.  Ages are set with utimensat(), never by sleeping: the
 * module takes "now" as a parameter.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/options.h"
#include "filters/graylist_store.h"
#include "log/log.h"
#include "util/buf.h"
#include "util/str.h"

#define NOW	((time_t)1700000000)
#define KEEP	LONG_MIN	/* step: leave the entry's age alone */
#define ABSENT	NULL		/* want_content: the file must not exist */

static char	 base[512];
static char	 r1[600], r2[600], outside[600];
static struct buf logged;	/* every log message, LF-separated */

static void
observe(const char *msg, void *ctx)
{
	(void)ctx;
	(void)buf_puts(&logged, msg);
	(void)buf_putc(&logged, '\n');
}

static bool
log_has(const char *s)
{
	return strstr(buf_cstr(&logged), s) != NULL;
}

static const char *
rname(enum gl_result r)
{
	static const char *names[] = {
		[GLR_PASS] = "PASS",
		[GLR_REFUSE_NEW] = "REFUSE_NEW",
		[GLR_REFUSE_TOO_SOON] = "REFUSE_TOO_SOON",
		[GLR_REFUSE_EXPIRED] = "REFUSE_EXPIRED",
		[GLR_REFUSE_NOT_FILE] = "REFUSE_NOT_FILE",
		[GLR_NOT_APPLICABLE] = "NOT_APPLICABLE",
		[GLR_ERROR] = "ERROR",
	};

	return (size_t)r < nitems(names) ? names[r] : "?";
}

/* BASE-relative path in one of 8 rotating buffers: copy it to keep it. */
static const char *
at(const char *fmt, ...)
{
	static char bufs[8][PATH_MAX * 2];
	static int k;
	char rel[PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	k = (k + 1) % 8;
	snprintf(bufs[k], sizeof(bufs[k]), "%s/%s", base, rel);
	return bufs[k];
}

static void
mkdirs(const char *rel)
{
	char p[PATH_MAX], *s;

	snprintf(p, sizeof(p), "%s/%s", base, rel);
	for (s = p + strlen(base) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST)
			fail_msg("mkdir %s: %s", p, strerror(errno));
		*s = '/';
	}
	if (mkdir(p, 0700) == -1 && errno != EEXIST)
		fail_msg("mkdir %s: %s", p, strerror(errno));
}

static void
put_file(const char *path, const char *content)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		fail_msg("create %s: %s", path, strerror(errno));
	fputs(content, f);
	fclose(f);
}

/* File contents, or NULL when path is not a regular file (lstat). */
static const char *
get_file(const char *path)
{
	static char data[8192];
	struct stat st;
	size_t n;
	FILE *f;

	if (lstat(path, &st) == -1 || !S_ISREG(st.st_mode))
		return NULL;
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	n = fread(data, 1, sizeof(data) - 1, f);
	data[n] = '\0';
	fclose(f);
	return data;
}

static void
set_age(const char *path, long age)
{
	struct timespec ts[2];

	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = NOW - age;
	ts[1].tv_nsec = 0;
	if (utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW) == -1)
		fail_msg("utimensat %s: %s", path, strerror(errno));
}

static time_t
mtime_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == -1)
		return (time_t)-1;
	return st.st_mtim.tv_sec;
}

static int
mode_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == -1)
		return -1;
	return (int)(st.st_mode & 07777);
}

/* Number of entries in a directory, "." and ".." excluded. */
static int
count_entries(const char *path)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Nothing outside the roots: BASE holds r1, r2, outside; outside is empty. */
static void
assert_contained(const char *label)
{
	if (count_entries(base) != 3)
		fail_msg("%s: %d entries in BASE, want 3", label,
		    count_entries(base));
	if (count_entries(outside) != 0)
		fail_msg("%s: %d entries in BASE/outside, want 0", label,
		    count_entries(outside));
}

/* rm -rf path, never following a link; 0 or -1. */
static int
rm_tree(const char *path)
{
	char sub[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (rm_tree(sub) == -1)
			rc = -1;
	}
	closedir(d);
	return rmdir(path) == -1 ? -1 : rc;
}

static int
setup(void **state)
{
	(void)state;
	snprintf(base, sizeof(base), "%s/gltest.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(base) == NULL)
		return -1;
	snprintf(r1, sizeof(r1), "%s/r1", base);
	snprintf(r2, sizeof(r2), "%s/r2", base);
	snprintf(outside, sizeof(outside), "%s/outside", base);
	if (mkdir(r1, 0700) == -1 || mkdir(r2, 0700) == -1 ||
	    mkdir(outside, 0700) == -1)
		return -1;
	buf_free(&logged);
	buf_init(&logged, 1 << 20);
	log_set_observer(observe, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	log_set_observer(NULL, NULL);
	buf_free(&logged);
	return rm_tree(base);
}

static char	*one_root[] = { r1 };
static char	*two_roots[] = { r1, r2 };
static struct strlist	 dirs1 = { one_root, 1, 1 };
static struct strlist	 dirs2 = { two_roots, 2, 2 };

/* The usual request: ann@remote.example.org -> bob@example.com, always. */
static struct gl_request
req(void)
{
	struct gl_request r;

	memset(&r, 0, sizeof(r));
	r.dirs = &dirs1;
	r.level = GL_ALWAYS;
	r.min_secs = 300;
	r.max_secs = 3600;
	r.rcpt_local = "bob";
	r.rcpt_domain = "example.com";
	r.sender_local = "ann";
	r.sender_domain = "remote.example.org";
	r.ip = "192.0.2.1";
	r.rdns = "mx.remote.example.org";
	r.now = NOW;
	return r;
}

#define ENTRY	"r1/example.com/bob/remote.example.org/ann"

static void
check(const char *label, const struct gl_request *r, enum gl_result want,
    long want_retry)
{
	char path[PATH_MAX * 2];
	enum gl_result got;
	long retry = 12345;

	got = graylist_check(r, path, sizeof(path), &retry);
	if (got != want)
		fail_msg("%s: got %s, want %s; log:\n%s", label, rname(got),
		    rname(want), buf_cstr(&logged));
	if (retry != want_retry)
		fail_msg("%s: retry after %ld, want %ld", label, retry,
		    want_retry);
	if (graylist_refused(got) != (want >= GLR_REFUSE_NEW &&
	    want <= GLR_REFUSE_NOT_FILE))
		fail_msg("%s: graylist_refused(%s) wrong", label, rname(got));
}

/*
 * One entry through its life (min 300, max 3600): each step optionally
 * ages the entry, runs the check and compares result, hint, content and
 * the mtime afterwards (age 0 = stamped with now).
 */
static const struct {
	const char	*label;
	long		 set_age;	/* KEEP: leave alone */
	const char	*ip, *rdns;
	enum gl_result	 want;
	long		 want_retry;
	const char	*want_content;
	long		 want_age;	/* KEEP: not checked */
} life[] = {
	{ "first sight creates and refuses", KEEP, "192.0.2.1",
	    "mx.remote.example.org", GLR_REFUSE_NEW, 300, "", 0 },
	{ "again at once: too soon", KEEP, "192.0.2.1",
	    "mx.remote.example.org", GLR_REFUSE_TOO_SOON, 300, "", 0 },
	{ "after 100 s: too soon, 200 s left", 100, "192.0.2.1",
	    "mx.remote.example.org", GLR_REFUSE_TOO_SOON, 200, "", 100 },
	{ "after 299 s: too soon", 299, "192.0.2.1", "mx.remote.example.org",
	    GLR_REFUSE_TOO_SOON, 1, "", 299 },
	{ "after min secs: passes, line added, mtime refreshed", 300,
	    "192.0.2.1", "mx.remote.example.org", GLR_PASS, -1,
	    "192.0.2.1 mx.remote.example.org\n", 0 },
	{ "same server again: no duplicate line", 10, "192.0.2.1",
	    "MX.Remote.Example.ORG", GLR_PASS, -1,
	    "192.0.2.1 mx.remote.example.org\n", 0 },
	{ "non-empty: min no longer applies, new server without rDNS", 0,
	    "192.0.2.2", "", GLR_PASS, -1,
	    "192.0.2.1 mx.remote.example.org\n192.0.2.2\n", 0 },
	{ "exactly max secs old: still passes", 3600, "192.0.2.2", "",
	    GLR_PASS, -1, "192.0.2.1 mx.remote.example.org\n192.0.2.2\n", 0 },
	{ "past max secs: emptied and refused", 3601, "192.0.2.2", "",
	    GLR_REFUSE_EXPIRED, 300, "", 0 },
	{ "after expiry: waits min secs again", 60, "192.0.2.2", "",
	    GLR_REFUSE_TOO_SOON, 240, "", 60 },
	{ "empty and past max: expired again", 5000, "192.0.2.2", "",
	    GLR_REFUSE_EXPIRED, 300, "", 0 },
	{ "then passes at min", 300, "192.0.2.2", "", GLR_PASS, -1,
	    "192.0.2.2\n", 0 },
};

static void
test_life(void **state)
{
	struct gl_request r = req();
	const char *got;
	char entry[600];
	size_t i;

	(void)state;
	snprintf(entry, sizeof(entry), "%s/%s", base, ENTRY);
	mkdirs("r1/example.com");
	for (i = 0; i < nitems(life); i++) {
		if (life[i].set_age != KEEP)
			set_age(entry, life[i].set_age);
		r.ip = life[i].ip;
		r.rdns = life[i].rdns;
		check(life[i].label, &r, life[i].want, life[i].want_retry);
		got = get_file(entry);
		if (got == NULL || strcmp(got, life[i].want_content) != 0)
			fail_msg("%s: content \"%s\", want \"%s\"",
			    life[i].label, got != NULL ? got : "(none)",
			    life[i].want_content);
		if (life[i].want_age != KEEP &&
		    mtime_of(entry) != NOW - life[i].want_age)
			fail_msg("%s: mtime now-%ld, want now-%ld",
			    life[i].label, (long)(NOW - mtime_of(entry)),
			    life[i].want_age);
		if (mode_of(entry) != 0600)
			fail_msg("%s: mode %o", life[i].label,
			    mode_of(entry));
	}
	/* Only the entry is left in its directory: no temporary files. */
	assert_int_equal(count_entries(at("r1/example.com/bob/"
	    "remote.example.org")), 1);
	assert_contained("life");
}

/*
 * The line a passing delivery appends (files.md 9.2): "IP RDNS" or "IP",
 * never a second line or a blank forged from remote text.
 */
static const struct {
	const char	*label;
	const char	*ip, *rdns;
	const char	*want;		/* appended text */
} lines[] = {
	{ "ip and rdns", "192.0.2.1", "mx.example.org",
	    "192.0.2.1 mx.example.org\n" },
	{ "no rdns", "192.0.2.2", "", "192.0.2.2\n" },
	{ "NULL rdns", "192.0.2.3", NULL, "192.0.2.3\n" },
	{ "ipv6", "2001:db8::1", "v6.example.org",
	    "2001:db8::1 v6.example.org\n" },
	{ "forged line in rdns", "192.0.2.4", "a.example\n6.6.6.6 evil",
	    "192.0.2.4 a.example?6.6.6.6?evil\n" },
	{ "8-bit and CR in rdns", "192.0.2.5", "\xe9\r", "192.0.2.5 ??\n" },
	{ "no ip: nothing written", "", "x.example", "" },
	{ "NULL ip: nothing written", NULL, "x.example", "" },
};

static void
test_lines(void **state)
{
	struct gl_request r = req();
	char entry[600], want[256];
	const char *got;
	size_t i;

	(void)state;
	snprintf(entry, sizeof(entry), "%s/%s", base, ENTRY);
	mkdirs("r1/example.com/bob/remote.example.org");
	for (i = 0; i < nitems(lines); i++) {
		put_file(entry, "#old\n");
		r.ip = lines[i].ip;
		r.rdns = lines[i].rdns;
		check(lines[i].label, &r, GLR_PASS, -1);
		snprintf(want, sizeof(want), "#old\n%s", lines[i].want);
		got = get_file(entry);
		if (got == NULL || strcmp(got, want) != 0)
			fail_msg("%s: content \"%s\", want \"%s\"",
			    lines[i].label, got != NULL ? got : "(none)", want);
		if (mtime_of(entry) != NOW)
			fail_msg("%s: mtime not refreshed", lines[i].label);
	}
}

/* The retry hint for every refusal, and -1 when none can pass. */
static const struct {
	const char	*label;
	long		 min, max;
	long		 age;		/* KEEP: entry absent */
	const char	*content;
	enum gl_result	 want;
	long		 want_retry;
} retries[] = {
	{ "new, min 300", 300, 0, KEEP, NULL, GLR_REFUSE_NEW, 300 },
	{ "new, min 0: the very next try passes", 0, 0, KEEP, NULL,
	    GLR_REFUSE_NEW, 0 },
	{ "new, min 0 then next try", 0, 0, 0, "", GLR_PASS, -1 },
	{ "too soon", 300, 0, 120, "", GLR_REFUSE_TOO_SOON, 180 },
	{ "mtime in the future", 300, 0, -100, "", GLR_REFUSE_TOO_SOON, 400 },
	{ "expired", 300, 3600, 4000, "x\n", GLR_REFUSE_EXPIRED, 300 },
	{ "expired, min 0", 0, 3600, 4000, "x\n", GLR_REFUSE_EXPIRED, 0 },
	{ "min above max: new can never pass", 600, 300, KEEP, NULL,
	    GLR_REFUSE_NEW, -1 },
	{ "min above max: too soon can never pass", 600, 300, 100, "",
	    GLR_REFUSE_TOO_SOON, -1 },
	{ "max 0 never expires", 300, 0, 100000000, "", GLR_PASS, -1 },
	{ "negative limits are off", -5, -5, KEEP, NULL, GLR_REFUSE_NEW, 0 },
};

static void
test_retry(void **state)
{
	struct gl_request r = req();
	char entry[600];
	size_t i;

	(void)state;
	snprintf(entry, sizeof(entry), "%s/%s", base, ENTRY);
	mkdirs("r1/example.com/bob/remote.example.org");
	for (i = 0; i < nitems(retries); i++) {
		unlink(entry);
		if (retries[i].content != NULL)
			put_file(entry, retries[i].content);
		if (retries[i].age != KEEP)
			set_age(entry, retries[i].age);
		r.min_secs = retries[i].min;
		r.max_secs = retries[i].max;
		check(retries[i].label, &r, retries[i].want,
		    retries[i].want_retry);
	}
	/* A NULL hint pointer and a NULL path buffer are allowed. */
	assert_int_equal(graylist_check(&r, NULL, 0, NULL), GLR_PASS);
}

/* Levels and exceptions (files.md 9.3). */
static const struct {
	const char	*label;
	int		 level;
	bool		 exception, local, domain_dir;
	enum gl_result	 want;
	bool		 want_domain_dir;
} levels[] = {
	{ "none", GL_NONE, false, true, true, GLR_NOT_APPLICABLE, true },
	{ "none, exception", GL_NONE, true, true, true, GLR_NOT_APPLICABLE,
	    true },
	{ "always", GL_ALWAYS, false, false, true, GLR_REFUSE_NEW, true },
	{ "always, exception", GL_ALWAYS, true, false, true,
	    GLR_NOT_APPLICABLE, true },
	{ "always, no domain dir", GL_ALWAYS, false, true, false,
	    GLR_NOT_APPLICABLE, false },
	{ "always-create-dir, local", GL_ALWAYS_CREATE_DIR, false, true,
	    false, GLR_REFUSE_NEW, true },
	{ "always-create-dir, not local", GL_ALWAYS_CREATE_DIR, false, false,
	    false, GLR_NOT_APPLICABLE, false },
	{ "always-create-dir, exception", GL_ALWAYS_CREATE_DIR, true, true,
	    false, GLR_NOT_APPLICABLE, false },
	{ "always-create-dir, dir exists, not local", GL_ALWAYS_CREATE_DIR,
	    false, false, true, GLR_REFUSE_NEW, true },
	{ "only, exception", GL_ONLY, true, false, true, GLR_REFUSE_NEW,
	    true },
	{ "only, no exception", GL_ONLY, false, true, true,
	    GLR_NOT_APPLICABLE, true },
	{ "only, exception, no domain dir", GL_ONLY, true, true, false,
	    GLR_NOT_APPLICABLE, false },
	{ "only-create-dir, exception, local", GL_ONLY_CREATE_DIR, true,
	    true, false, GLR_REFUSE_NEW, true },
	{ "only-create-dir, exception, not local", GL_ONLY_CREATE_DIR, true,
	    false, false, GLR_NOT_APPLICABLE, false },
	{ "only-create-dir, no exception", GL_ONLY_CREATE_DIR, false, true,
	    false, GLR_NOT_APPLICABLE, false },
	{ "unknown level", 42, false, true, true, GLR_NOT_APPLICABLE, true },
};

static void
test_levels(void **state)
{
	struct gl_request r = req();
	struct stat st;
	char dom[600];
	bool have;
	size_t i;

	(void)state;
	snprintf(dom, sizeof(dom), "%s/r1/example.com", base);
	for (i = 0; i < nitems(levels); i++) {
		rm_tree(dom);
		if (levels[i].domain_dir)
			mkdirs("r1/example.com");
		r.level = levels[i].level;
		r.exception = levels[i].exception;
		r.domain_is_local = levels[i].local;
		check(levels[i].label, &r, levels[i].want,
		    levels[i].want == GLR_REFUSE_NEW ? 300 : -1);
		have = lstat(dom, &st) == 0 && S_ISDIR(st.st_mode);
		if (have != levels[i].want_domain_dir)
			fail_msg("%s: domain dir %s", levels[i].label,
			    have ? "exists" : "missing");
		if (levels[i].want == GLR_REFUSE_NEW &&
		    get_file(at(ENTRY)) == NULL)
			fail_msg("%s: no entry", levels[i].label);
		if (levels[i].want != GLR_REFUSE_NEW &&
		    count_entries(r1) == 1 && count_entries(dom) != 0)
			fail_msg("%s: something created", levels[i].label);
	}
	assert_contained("levels");
}

/* Graylisting needs a graylist-dir and a recipient (files.md 9.3). */
static void
test_preconditions(void **state)
{
	struct gl_request r = req();
	struct strlist none = { NULL, 0, 0 };
	char path[64] = "junk";

	(void)state;
	mkdirs("r1/example.com");
	r.dirs = NULL;
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_NOT_APPLICABLE);
	assert_string_equal(path, "");
	r.dirs = &none;
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_NOT_APPLICABLE);
	r.dirs = &dirs1;
	r.rcpt_local = "";
	r.rcpt_domain = "";
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_NOT_APPLICABLE);
	r.rcpt_local = NULL;
	r.rcpt_domain = NULL;
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_NOT_APPLICABLE);
	assert_int_equal(count_entries(at("r1/example.com")), 0);
	/* A short path buffer is truncated, never overrun. */
	r = req();
	assert_int_equal(graylist_check(&r, path, 5, NULL), GLR_REFUSE_NEW);
	assert_int_equal(strlen(path), 4);
}

/* Several roots (files.md 9.4 step 2). */
static void
test_roots(void **state)
{
	struct gl_request r = req();
	char path[PATH_MAX * 2];
	char missing[600];
	char *missing_first[] = { missing, r1, r2 };
	struct strlist dirs3 = { missing_first, 3, 3 };

	(void)state;
	r.dirs = &dirs2;

	/* The domain only in the second root: used there. */
	mkdirs("r2/example.com");
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_REFUSE_NEW);
	assert_string_equal(path, at("r2/example.com/bob/remote.example.org/"
	    "ann"));
	assert_int_equal(count_entries(r1), 0);

	/* In both: the first root wins. */
	mkdirs("r1/example.com");
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_REFUSE_NEW);
	assert_string_equal(path, at(ENTRY));

	/* Creation: the first root where mkdir works, not the last. */
	r.level = GL_ALWAYS_CREATE_DIR;
	r.domain_is_local = true;
	r.rcpt_domain = "new.example.com";
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_REFUSE_NEW);
	assert_string_equal(path, at("r1/new.example.com/bob/"
	    "remote.example.org/ann"));
	assert_int_equal(mode_of(at("r1/new.example.com")), 0700);
	assert_int_equal(count_entries(r2), 1);

	/* A root that does not exist: logged, the next one is used. */
	snprintf(missing, sizeof(missing), "%s/nonexistent", base);
	r.dirs = &dirs3;
	r.rcpt_domain = "third.example.com";
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_REFUSE_NEW);
	assert_string_equal(path, at("r1/third.example.com/bob/"
	    "remote.example.org/ann"));
	assert_true(log_has("ERROR("));
	assert_true(log_has(at("nonexistent/third.example.com: No such "
	    "file or directory")));
	assert_true(log_has("unable to create directory "));

	/* A non-directory in the way in r1: skipped, created in r2. */
	r.dirs = &dirs2;
	r.rcpt_domain = "fourth.example.com";
	put_file(at("r1/fourth.example.com"), "");
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_REFUSE_NEW);
	assert_string_equal(path, at("r2/fourth.example.com/bob/"
	    "remote.example.org/ann"));

	/* No root works: logged, fail open. */
	put_file(at("r2/fifth.example.com"), "");
	put_file(at("r1/fifth.example.com"), "");
	r.rcpt_domain = "fifth.example.com";
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_ERROR);
	assert_true(log_has(at("r2/fifth.example.com: Not a directory")));

	/* Without *-create-dir a missing domain is simply not graylisted. */
	r.level = GL_ALWAYS;
	r.rcpt_domain = "sixth.example.com";
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_NOT_APPLICABLE);
	assert_string_equal(path, "");
	assert_contained("roots");
}

/*
 * Path components (files.md 9.1, session.md 9): canonical names, "_none"
 * for empty sender parts, and hostile parts that must stay one component.
 * Domains are created (always-create-dir, local) so that every case
 * reaches the file system.
 */
#define LONG300 \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
	"aaaa"

static const struct {
	const char	*label;
	const char	*rl, *rd, *sl, *sd;
	enum gl_result	 want;
	const char	*want_rel;	/* below r1; NULL: no entry */
} names[] = {
	{ "spec example", "bob", "local.example.com", "Ann+x",
	    "Remote.example.org", GLR_REFUSE_NEW,
	    "local.example.com/bob/remote.example.org/ann_x" },
	{ "null sender", "bob", "example.com", "", "", GLR_REFUSE_NEW,
	    "example.com/bob/_none/_none" },
	{ "NULL sender pointers", "carol", "example.com", NULL, NULL,
	    GLR_REFUSE_NEW, "example.com/carol/_none/_none" },
	{ "unqualified sender", "bob", "example.com", "ann", "",
	    GLR_REFUSE_NEW, "example.com/bob/_none/ann" },
	{ "kept bytes", "b.o-b_1@x", "example.com", "A@B", "x-Y_z.9",
	    GLR_REFUSE_NEW, "example.com/b.o-b_1@x/x-y_z.9/a@b" },
	{ "dot-dot-slash domain", "bob", "../../etc", "ann", "example.org",
	    GLR_REFUSE_NEW, ".._.._etc/bob/example.org/ann" },
	{ "slash in local part", "a/b", "example.com", "../x", "/",
	    GLR_REFUSE_NEW, "example.com/a_b/_/.._x" },
	{ "dot-dot parts", "..", "..", "..", "..", GLR_REFUSE_NEW,
	    "_/_/_/_" },
	{ "dot parts", ".", "dots.example", ".", ".", GLR_REFUSE_NEW,
	    "dots.example/_/_/_" },
	{ "three dots are a name", "...", "example.com", "ann", "...",
	    GLR_REFUSE_NEW, "example.com/.../.../ann" },
	{ "empty recipient local part", "", "example.com", "ann", "x.org",
	    GLR_REFUSE_NEW, "example.com/_/x.org/ann" },
	{ "unqualified recipient", "bob", "", "ann", "x.org",
	    GLR_REFUSE_NEW, "_/bob/x.org/ann" },
	{ "8-bit bytes", "\xc3\xa9t\xc3\xa9", "ex\xffmple.com", "\x80",
	    "x.org", GLR_REFUSE_NEW, "ex_mple.com/__t__/x.org/_" },
	{ "controls and spaces", "a b\tc", "example.com", "x\r\ny",
	    "a%b", GLR_REFUSE_NEW, "example.com/a_b_c/a_b/x__y" },
	{ "very long local part", LONG300, "example.com", "ann", "x.org",
	    GLR_ERROR, NULL },
	{ "very long sender", "bob", "example.com", LONG300, "x.org",
	    GLR_ERROR, NULL },
	{ "very long domain", "bob", LONG300, "ann", "x.org", GLR_ERROR,
	    NULL },
};

static void
test_names(void **state)
{
	struct gl_request r = req();
	char path[PATH_MAX * 2];
	enum gl_result got;
	size_t i;

	(void)state;
	r.level = GL_ALWAYS_CREATE_DIR;
	r.domain_is_local = true;
	for (i = 0; i < nitems(names); i++) {
		r.rcpt_local = names[i].rl;
		r.rcpt_domain = names[i].rd;
		r.sender_local = names[i].sl;
		r.sender_domain = names[i].sd;
		got = graylist_check(&r, path, sizeof(path), NULL);
		if (got != names[i].want)
			fail_msg("%s: got %s, want %s; log:\n%s",
			    names[i].label, rname(got), rname(names[i].want),
			    buf_cstr(&logged));
		if (names[i].want_rel != NULL) {
			if (strcmp(path, at("r1/%s", names[i].want_rel)) != 0)
				fail_msg("%s: path %s, want r1/%s",
				    names[i].label, path, names[i].want_rel);
			if (get_file(path) == NULL)
				fail_msg("%s: no entry at %s", names[i].label,
				    path);
		}
		assert_contained(names[i].label);
	}
	/* A hostile part never became a path above the tree. */
	assert_int_equal(access(at("../etc/bob"), F_OK), -1);
	assert_true(log_has("File name too long"));
}

/*
 * Symbolic links inside the tree are never followed (files.md 9.4
 * Improvement): the link itself is refused or reported, and what it
 * points to is untouched.
 */
static void
test_symlinks(void **state)
{
	struct gl_request r = req();
	char path[PATH_MAX * 2];
	char target[600];
	time_t before;

	(void)state;
	snprintf(target, sizeof(target), "%s/outside/victim", base);
	put_file(target, "precious\n");
	set_age(target, 100000);
	before = mtime_of(target);

	/* The entry is a link to a file: never passes, never written. */
	mkdirs("r1/example.com/bob/remote.example.org");
	assert_int_equal(symlink(target, at(ENTRY)), 0);
	check("entry link", &r, GLR_REFUSE_NOT_FILE, -1);
	r.min_secs = 0;
	r.max_secs = 0;
	check("entry link, no limits", &r, GLR_REFUSE_NOT_FILE, -1);
	r.max_secs = 10;
	set_age(at(ENTRY), 100);	/* the link's own mtime */
	check("entry link, expired", &r, GLR_REFUSE_NOT_FILE, -1);
	assert_string_equal(get_file(target), "precious\n");
	assert_true(mtime_of(target) == before);
	assert_null(get_file(at(ENTRY)));	/* still a link */
	unlink(at(ENTRY));

	/* A dangling link where the entry would be created. */
	assert_int_equal(symlink(at("outside/new"), at(ENTRY)), 0);
	r = req();
	check("dangling entry link", &r, GLR_REFUSE_NOT_FILE, -1);
	assert_int_equal(count_entries(outside), 1);
	unlink(at(ENTRY));

	/* The sender-domain directory is a link: error, fail open. */
	rm_tree(at("r1/example.com/bob/remote.example.org"));
	mkdirs("outside/dir");
	assert_int_equal(symlink(at("outside/dir"),
	    at("r1/example.com/bob/remote.example.org")), 0);
	check("sender-domain link", &r, GLR_ERROR, -1);
	assert_true(log_has("unable to stat() path "));
	assert_int_equal(count_entries(at("outside/dir")), 0);
	unlink(at("r1/example.com/bob/remote.example.org"));

	/* The recipient directory is a link. */
	rm_tree(at("r1/example.com/bob"));
	assert_int_equal(symlink(at("outside/dir"), at("r1/example.com/bob")),
	    0);
	check("recipient link", &r, GLR_ERROR, -1);
	assert_int_equal(count_entries(at("outside/dir")), 0);

	/* The domain directory is a link: not a domain directory here. */
	rm_tree(at("r1/example.com"));
	assert_int_equal(symlink(at("outside/dir"), at("r1/example.com")), 0);
	check("domain link", &r, GLR_ERROR, -1);
	r.level = GL_ALWAYS_CREATE_DIR;
	r.domain_is_local = true;
	check("domain link, create-dir", &r, GLR_ERROR, -1);
	r.dirs = &dirs2;
	assert_int_equal(graylist_check(&r, path, sizeof(path), NULL),
	    GLR_REFUSE_NEW);
	assert_string_equal(path, at("r2/example.com/bob/"
	    "remote.example.org/ann"));
	assert_int_equal(count_entries(at("outside/dir")), 0);

	/* A link planted at the expiry's temporary name is not used. */
	r = req();
	r.dirs = &dirs2;
	put_file(at("r2/example.com/bob/remote.example.org/ann"), "x\n");
	set_age(at("r2/example.com/bob/remote.example.org/ann"), 4000);
	assert_int_equal(symlink(target, at("r2/example.com/bob/"
	    "remote.example.org/+expired.%ld.0", (long)getpid())), 0);
	check("link at temporary name", &r, GLR_REFUSE_EXPIRED, 300);
	assert_string_equal(get_file(at("r2/example.com/bob/"
	    "remote.example.org/ann")), "");
	assert_string_equal(get_file(target), "precious\n");
	assert_true(mtime_of(target) == before);
	assert_int_equal(count_entries(outside), 2);	/* victim, dir */
}

/* Other non-regular entries, and errors below the domain directory. */
static void
test_oddities(void **state)
{
	struct gl_request r = req();

	(void)state;
	mkdirs("r1/example.com/bob/remote.example.org/ann");
	check("entry is a directory", &r, GLR_REFUSE_NOT_FILE, -1);
	set_age(at(ENTRY), 5000);
	check("entry is an old directory", &r, GLR_REFUSE_NOT_FILE, -1);
	rmdir(at(ENTRY));
	assert_int_equal(mkfifo(at(ENTRY), 0600), 0);
	check("entry is a FIFO", &r, GLR_REFUSE_NOT_FILE, -1);
	unlink(at(ENTRY));

	/* The recipient directory is a file: logged, fail open. */
	mkdirs("r1/example.com");
	rm_tree(at("r1/example.com/bob"));
	put_file(at("r1/example.com/bob"), "");
	check("recipient is a file", &r, GLR_ERROR, -1);
	assert_true(log_has(at("r1/example.com/bob: Not a directory")));
	assert_contained("oddities");
}

/* Modes are set explicitly, whatever the umask (files.md 9.1). */
static void
test_modes(void **state)
{
	struct gl_request r = req();
	mode_t old;

	(void)state;
	r.level = GL_ALWAYS_CREATE_DIR;
	r.domain_is_local = true;
	old = umask(0777);
	check("umask 0777", &r, GLR_REFUSE_NEW, 300);
	umask(old);
	assert_int_equal(mode_of(at("r1/example.com")), 0700);
	assert_int_equal(mode_of(at("r1/example.com/bob")), 0700);
	assert_int_equal(mode_of(at("r1/example.com/bob/remote.example.org")),
	    0700);
	assert_int_equal(mode_of(at(ENTRY)), 0600);
	/* An existing entry is chmod'ed back to 0600 after every open. */
	chmod(at(ENTRY), 0666);
	check("reopened", &r, GLR_REFUSE_TOO_SOON, 300);
	assert_int_equal(mode_of(at(ENTRY)), 0600);
	/* An existing directory keeps the administrator's mode. */
	chmod(at("r1/example.com"), 0750);
	check("existing dirs", &r, GLR_REFUSE_TOO_SOON, 300);
	assert_int_equal(mode_of(at("r1/example.com")), 0750);
}

/* Migration of the pre-4.0 layout (files.md 9.4 step 4). */
static void
test_migration(void **state)
{
	struct gl_request r = req();
	struct stat st;

	(void)state;
	/* The null sender's old file <ruser>/_none moves to _none/_none. */
	mkdirs("r1/example.com/bob");
	put_file(at("r1/example.com/bob/_none"), "192.0.2.9\n");
	r.sender_local = "";
	r.sender_domain = "";
	check("null sender migrated", &r, GLR_PASS, -1);
	assert_true(lstat(at("r1/example.com/bob/_none"), &st) == 0 &&
	    S_ISDIR(st.st_mode));
	assert_string_equal(get_file(at("r1/example.com/bob/_none/_none")),
	    "192.0.2.9\n192.0.2.1 mx.remote.example.org\n");
	assert_int_equal(access(at("r1/example.com/bob/___none"), F_OK), -1);

	/* <ruser>/<local@domain> moves to <sdomain>/<suser>. */
	put_file(at("r1/example.com/bob/ann@remote.example.org"), "");
	set_age(at("r1/example.com/bob/ann@remote.example.org"), 1000);
	r = req();
	check("address file migrated", &r, GLR_PASS, -1);
	assert_int_equal(access(at("r1/example.com/bob/"
	    "ann@remote.example.org"), F_OK), -1);
	assert_string_equal(get_file(at(ENTRY)),
	    "192.0.2.1 mx.remote.example.org\n");

	/* Old names are canonical too: Ann+X@Remote... -> ann_x@remote... */
	put_file(at("r1/example.com/bob/ann_x@remote.example.org"),
	    "192.0.2.7\n");
	r.sender_local = "Ann+X";
	r.sender_domain = "Remote.Example.Org";
	check("canonical old name", &r, GLR_PASS, -1);
	assert_string_equal(get_file(at("r1/example.com/bob/"
	    "remote.example.org/ann_x")),
	    "192.0.2.7\n192.0.2.1 mx.remote.example.org\n");

	/* An old name that is a link is left alone. */
	assert_int_equal(symlink(at("outside/x"),
	    at("r1/example.com/bob/eve@remote.example.org")), 0);
	r.sender_local = "eve";
	r.sender_domain = "remote.example.org";
	check("old link ignored", &r, GLR_REFUSE_NEW, 300);
	assert_true(lstat(at("r1/example.com/bob/eve@remote.example.org"),
	    &st) == 0 && S_ISLNK(st.st_mode));
	assert_contained("migration");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_life, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_preconditions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_roots, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlinks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_oddities, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
