/*
 * test_match_index.c - the sidecar indexes of large IP and rDNS list
 * files (src/filters/match_index.c, match_index_build.c, the interval
 * classifier of match_ip.c and match_rdns_kind(); issue 3 item 5).
 *
 * The oracle is the plain linear scan (match_index_min_size = SIZE_MAX):
 * on randomized lists of every line form, the index must give the same
 * answer, line number and entry text for many random clients.  Then the
 * life of an index: built once and used, rebuilt when the text changes
 * (even with the same size and mtime), corrupt indexes ignored and
 * rebuilt, a directory we cannot write to or another process building
 * (scan instead), a leftover temporary file, symlinks at the index and
 * at the temporary path never followed, small files never indexed, lists
 * far past line 65536.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "filters/match.h"
#include "filters/match_index.h"
#include "log/log.h"
#include "util/str.h"

static char	 logged[65536];
static char	 tmpdir[256];

static void
observe(const char *msg, void *ctx)
{
	(void)ctx;
	str_lcat(logged, msg, sizeof(logged));
	str_lcat(logged, "\n", sizeof(logged));
}

static int
setup(void **state)
{
	(void)state;
	log_open(LL_NONE, 0);	/* the observer still sees everything */
	log_set_observer(observe, NULL);
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_match_index.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[600];

	(void)state;
	log_set_observer(NULL, NULL);
	snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", tmpdir,
	    tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- helpers ---- */

/* tmpdir/name into one of 64 rotating buffers (enough for one test). */
static char *
tpath(const char *name)
{
	static char p[64][512];
	static int k;

	k = (k + 1) % 64;
	snprintf(p[k], sizeof(p[k]), "%s/%s", tmpdir, name);
	return p[k];
}

static void
write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static bool
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* A growing text. */
struct text {
	char	*s;
	size_t	 n, cap;
};

static void
addf(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (t->s == NULL) {
		t->cap = 256;
		t->s = malloc(t->cap);
		assert_non_null(t->s);
	}
	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
		va_end(ap);
		assert_true(k >= 0);
		if ((size_t)k < t->cap - t->n)
			break;
		t->cap = (t->cap + (size_t)k + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	t->n += (size_t)k;
}

static void
addbytes(struct text *t, const char *b, size_t n)
{
	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
	memcpy(t->s + t->n, b, n);
	t->n += n;
	t->s[t->n] = '\0';
}

static unsigned	 seed = 20240611;

static unsigned
rnd(unsigned n)
{
	return (unsigned)rand_r(&seed) % n;
}

static struct strlist
list1(char **v)
{
	struct strlist l = { v, 1, 1 };

	return l;
}

/* Look up through the scan (oracle) or through the index. */
static int
lookup_ip(const struct match_client *c, char *path, bool index,
    struct match_result *r)
{
	struct strlist f = list1(&path);

	match_index_min_size = index ? 0 : SIZE_MAX;
	return match_ip(c, NULL, &f, r);
}

static int
lookup_rdns(const char *name, char *path, bool index,
    struct match_result *r)
{
	struct strlist f = list1(&path);

	match_index_min_size = index ? 0 : SIZE_MAX;
	return match_rdns(name, NULL, &f, r);
}

static bool
same_result(int rc1, const struct match_result *a, int rc2,
    const struct match_result *b)
{
	return rc1 == rc2 && a->src == b->src && a->line == b->line &&
	    strcmp(a->entry, b->entry) == 0 && strcmp(a->file, b->file) == 0;
}

/* ---- random IP lists ---- */

static unsigned
octet(void)
{
	static const unsigned pool[] = { 0, 1, 2, 3, 10, 127, 198, 255 };

	return rnd(4) == 0 ? rnd(256) : pool[rnd(nitems(pool))];
}

static char	 picks[256][20];	/* addresses of exact lines */
static unsigned	 npicks;

/*
 * One random IP list line (files.md 3), without its end: of any form, or
 * (!mixed) leaving out the forms that cover an eighth of the clients at
 * least, so that answers come from many different lines.
 */
static void
ip_line(struct text *t, bool mixed)
{
	unsigned a = octet(), b = octet(), c = octet(), d = octet();
	unsigned lo = octet(), hi = octet(), k = rnd(45);

	if (!mixed && (k == 5 || k == 7 || k == 10 || k == 14 || k == 15 ||
	    k == 19 || k == 20 || k == 21 || k == 27))
		k = 44;
	switch (k) {
	case 0: case 1: case 2: case 3:
		addf(t, "%u.%u.%u.%u", a, b, c, d);
		break;
	case 4:
		addf(t, "%u.%u.%u", a, b, c);
		break;
	case 5:
		addf(t, "%u.%u%s", a, b, rnd(2) ? "." : "");
		break;
	case 6:
		/* maybe inverted */
		addf(t, "%u.%u.%u.%u-%u", a, b, c, lo, hi);
		break;
	case 7:
		addf(t, "%u.%u-%u", a, lo, hi);
		break;
	case 8:
		addf(t, "%u.%u.%u.%u/%u", a, b, c, d, 8 + rnd(26));
		break;
	case 9:
		addf(t, "%u.%u.%u.%u/255.255.%u.0", a, b, rnd(2) ? 255 : 0,
		    d);
		break;
	case 10:
		addf(t, "%u.%u.0.0/255.%u.255.0", a, b, rnd(2) ? 0 : 255);
		break;
	case 11:
		addf(t, "%u.%u.%u.%u # office %u", a, b, c, d, rnd(9));
		break;
	case 12:
		addf(t, " %u.%u.%u.%u", a, b, c, d);
		break;
	case 13:
		addf(t, "%u.%u.%u.%u:deny", a, b, c, d);
		break;
	case 14:
		addf(t, "%s@%u.%u", rnd(2) ? "joe" : "", a, b);
		break;
	case 15:
		k = rnd(40);
		if (k % 4 != 0)
			addf(t, "%u.%u.%u.%u", a, b, c, d);
		else
			addf(t, "=%s", k == 0 ? "" : k % 8 ? "example.net" :
			    "mx");
		break;
	case 16:
		k = rnd(4);
		addf(t, "2001:db8:%x::%s", k, rnd(2) ? "/48" : "5");
		break;
	case 17:
		k = 16 + rnd(113);
		addf(t, "[2001:db8::]/%u %s", k, rnd(2) ? "v6" : "");
		break;
	case 18:
		addf(t, "::ffff:%u.%u.%u.0/%u", a, b, c, 104 + rnd(25));
		break;
	case 19:
		/* below 96: IPv6 only; 100: 0.0.0.0/4, 101: 0.0.0.0/5 */
		k = rnd(8);
		addf(t, "::ffff:0:0/%u", k < 6 ? 90 + k : 94 + k);
		break;
	case 20:
		k = rnd(9);	/* a few intervals */
		addf(t, "%u-%u.%u-%u.%u", a % 4, a % 4 + k % 3, b, b + k / 3,
		    c);
		break;
	case 21:
		addf(t, "0-255.%u-%u.%u", lo, hi, c);	/* too many */
		break;
	case 22:
		addf(t, "%u.%u.%u.%u/255.255.0", a, b, c, d);	/* 7 items */
		break;
	case 23:
		addf(t, "#%u.%u.%u.%u", a, b, c, d);
		break;
	case 24:
		addbytes(t, "1.2.3.4\0x", 9);
		break;
	case 25:
		/* a long line: the entry text is clipped the same way */
		addf(t, "%u.%u.%u.%u ", a, b, c, d);
		for (k = 0; k < 600; k++)
			addbytes(t, "x", 1);
		break;
	case 26:
		addf(t, "%u.%u.%u.%u.9", a, b, c, d);
		break;
	case 27:
		if (rnd(4) == 0)
			addf(t, "%u", a);
		else
			addf(t, "%u.%u.%u", a, b, c);
		break;
	case 28:
		addf(t, "1.2.3.4 # ask joe@%u.%u", a, b);
		break;
	case 29:
		addf(t, "%u.%u.%u.%u/%u", a, b, c, 0, 8 * (1 + rnd(4)));
		break;
	default:
		addf(t, "%u.%u.%u.%u", a, b, c, d);
		/* remembered (reservoir): clients listed late in the file */
		k = npicks < nitems(picks) ? npicks : rnd(npicks + 1);
		if (k < nitems(picks))
			snprintf(picks[k], sizeof(picks[k]), "%u.%u.%u.%u", a,
			    b, c, d);
		npicks++;
		break;
	}
}

static void
random_client(struct match_client *c, char *ip, size_t iplen)
{
	static const char *rdns[] = { "", "mx.example.net", "mail.test" };
	static const char *info[] = { NULL, "joe", "" };
	unsigned a = octet(), b = octet(), c3 = octet(), d = octet();
	unsigned x = rnd(256), y = rnd(2);

	switch (rnd(12)) {
	case 0:
		snprintf(ip, iplen, "2001:db8:%x::%s", x % 5, y ? "5" : "1:2");
		break;
	case 1:
		snprintf(ip, iplen, "::ffff:%u.%u.%u.%u", a, b, c3, d);
		break;
	case 2: case 3: case 4:
		if (npicks > 0) {
			snprintf(ip, iplen, "%s", picks[x % (npicks <
			    nitems(picks) ? npicks : nitems(picks))]);
			break;
		}
		/* FALLTHROUGH */
	case 10:
		/* likely listed nowhere */
		snprintf(ip, iplen, "%s", "2a00::1");
		break;
	case 11:
		/* likely listed nowhere either */
		snprintf(ip, iplen, "%u.%u.%u.%u", 11 + a % 100, 11 + b % 100,
		    11 + c3 % 100, d);
		break;
	default:
		snprintf(ip, iplen, "%u.%u.%u.%u", a, b, c3, d);
		break;
	}
	c->ip = ip;
	c->rdns = rdns[rnd(nitems(rdns))];
	c->info = info[rnd(nitems(info))];
}

/* Compare scan and index for n random clients. */
static void
compare_ip(char *path, unsigned n, const char *label, bool mixed)
{
	struct match_result want, got;
	struct match_client c;
	char ip[64], *seen;
	unsigned i, bad = 0, hits = 0, lines = 0;
	int rc1, rc2;

	seen = calloc(1 << 16, 1);
	assert_non_null(seen);

	for (i = 0; i < n; i++) {
		random_client(&c, ip, sizeof(ip));
		rc1 = lookup_ip(&c, path, false, &want);
		rc2 = lookup_ip(&c, path, true, &got);
		hits += rc1 == 1;
		if (rc1 == 1 && want.line < (1 << 16) && !seen[want.line]) {
			seen[want.line] = 1;
			lines++;
		}
		if (!same_result(rc1, &want, rc2, &got) && bad++ < 10)
			print_error("%s: client %s info %s rdns %s: scan %d "
			    "line %u [%s], index %d line %u [%s]\n", label,
			    c.ip, c.info ? c.info : "(unset)", c.rdns, rc1,
			    want.line, want.entry, rc2, got.line, got.entry);
	}
	free(seen);
	assert_int_equal(bad, 0);
	/* the test means something: misses, and hits on many lines */
	if ((hits == n && strstr(label, "catch-all") == NULL) ||
	    (!mixed && lines < 100))
		fail_msg("%s: %u hits of %u on %u lines", label, hits, n,
		    lines);
}

static void
test_ip_random(void **state)
{
	struct text t = { NULL, 0, 0 };
	struct mx_stats before;
	char *path, label[64];
	unsigned round, i, lines;

	(void)state;
	logged[0] = '\0';
	for (round = 0; round < 8; round++) {
		npicks = 0;
		t.n = 0;
		addf(&t, "%s", "");
		lines = 500 + rnd(3000);
		for (i = 0; i < lines; i++) {
			if (rnd(40) == 0)
				addf(&t, "%s", "");	/* empty line */
			else
				ip_line(&t, round % 2 == 0);
			addf(&t, "%s", round % 3 == 1 ? "\r\n" :
			    round % 3 == 2 ? "\r" : "\n");
		}
		if (round == 5)
			addf(&t, ":allow\n");	/* the catch-all, late */
		path = tpath("ip_random.txt");
		write_file(path, t.s, t.n);
		before = match_index_stats;
		snprintf(label, sizeof(label), "round %u (%u lines%s%s)",
		    round, lines, round % 2 == 0 ? ", mixed" : "",
		    round == 5 ? ", catch-all" : "");
		compare_ip(path, 3000, label, round % 2 == 0);
		/* built once, then used for every lookup */
		assert_int_equal(match_index_stats.built, before.built + 1);
		assert_int_equal(match_index_stats.used, before.used + 3000);
		assert_int_equal(match_index_stats.scanned, before.scanned);
		assert_true(exists(tpath("ip_random.txt.sdx")));
		assert_false(exists(tpath("ip_random.txt.sdx.tmp")));
	}
	assert_null(strstr(logged, "ERROR"));
	free(t.s);
}

/* ---- the classifier alone ---- */

static void
test_spans(void **state)
{
	static const struct {
		const char	*line;
		int		 want;		/* spans, -1 residual */
		const char	*lo, *hi;	/* first span, dotted */
	} cases[] = {
		{ "198.51.100.7", 1, "198.51.100.7", "198.51.100.7" },
		{ "198.51", 1, "198.51.0.0", "198.51.255.255" },
		{ "198.51.90-110", 1, "198.51.90.0", "198.51.110.255" },
		{ "198.51.110-90", 1, "198.51.0.0", "198.51.255.255" },
		{ "198.51.100.0/24", 1, "198.51.100.0", "198.51.100.255" },
		{ "198.51.100.9/24", 1, "198.51.100.0", "198.51.100.255" },
		{ "0.0.0.0/0", 1, "0.0.0.0", "255.255.255.255" },
		{ "198.51.0.0/255.255.0.0", 1, "198.51.0.0", "198.51.255.255" },
		{ "198.0.100.7/255.0.255.255", -1, NULL, NULL },
		{ "198.51.100.0/255.255.0", 0, NULL, NULL },
		{ "198.51.100.7/33", 0, NULL, NULL },
		{ " 198.51.100.7", 0, NULL, NULL },
		{ ":allow", 1, "0.0.0.0", "255.255.255.255" },
		{ "198.51.100.7:deny", 1, "198.51.100.7", "198.51.100.7" },
		{ "joe@198.51.100.7", -1, NULL, NULL },
		{ "=example.net", -1, NULL, NULL },
		{ "1-2.5.6", 2, "1.5.6.0", "1.5.6.255" },
		{ "1-4.1-4.7", 16, "1.1.7.0", "1.1.7.255" },
		{ "1-5.1-4.7", -1, NULL, NULL },
		{ "0-255.7", 256 > MX_MAXSPANS ? -1 : 256, NULL, NULL },
		{ "::ffff:198.51.100.0/120", 1, "198.51.100.0",
		    "198.51.100.255" },
		{ "256.1", 0, NULL, NULL },
	};
	struct mx_span sp[MX_MAXSPANS];
	char lo[32], hi[32];
	size_t i;
	int n, bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		n = match_ip_spans(cases[i].line, strlen(cases[i].line), sp);
		lo[0] = hi[0] = '\0';
		if (n > 0) {
			snprintf(lo, sizeof(lo), "%u.%u.%u.%u", sp[0].lo[0],
			    sp[0].lo[1], sp[0].lo[2], sp[0].lo[3]);
			snprintf(hi, sizeof(hi), "%u.%u.%u.%u", sp[0].hi[0],
			    sp[0].hi[1], sp[0].hi[2], sp[0].hi[3]);
		}
		if (n != cases[i].want || (cases[i].lo != NULL &&
		    (strcmp(lo, cases[i].lo) != 0 ||
		    strcmp(hi, cases[i].hi) != 0))) {
			print_error("[%s]: got %d %s-%s, want %d %s-%s\n",
			    cases[i].line, n, lo, hi, cases[i].want,
			    cases[i].lo ? cases[i].lo : "",
			    cases[i].hi ? cases[i].hi : "");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* ---- random rDNS lists ---- */

static void
rand_name(struct text *t, bool entry)
{
	static const char *labels[] = { "a", "b", "mx", "example", "com",
	    "net", "Example", "COM", "x-1" };
	unsigned n = 1 + rnd(4), i;

	for (i = 0; i < n; i++) {
		const char *l = labels[rnd(nitems(labels))];

		if (!entry && (l[0] == 'E' || l[0] == 'C'))
			l = "example";	/* looked-up names: lowercase */
		addf(t, "%s%s", i > 0 ? "." : "", l);
	}
}

static void
rdns_line(struct text *t)
{
	switch (rnd(14)) {
	case 0: case 1: case 2: case 3:
		rand_name(t, true);
		break;
	case 4: case 5: case 6:
		addf(t, ".");
		rand_name(t, true);
		break;
	case 7:
		addf(t, ".");
		break;
	case 8:
		addf(t, "..");
		rand_name(t, true);
		break;
	case 9:
		rand_name(t, true);
		addf(t, " ");
		break;
	case 10:
		addf(t, "#");
		rand_name(t, true);
		break;
	case 11:
		addbytes(t, "mx\0.com", 7);
		break;
	case 12:
		rand_name(t, true);
		addf(t, ".");
		break;
	default:
		addf(t, "*.");
		rand_name(t, true);
		break;
	}
}

static void
test_rdns_random(void **state)
{
	struct text t = { NULL, 0, 0 }, name = { NULL, 0, 0 };
	struct match_result want, got;
	struct mx_stats before;
	char *path;
	unsigned round, i, lines, bad = 0, hits = 0;
	int rc1, rc2;

	(void)state;
	logged[0] = '\0';
	for (round = 0; round < 6; round++) {
		t.n = 0;
		addf(&t, "%s", "");
		lines = 100 + rnd(2000);
		for (i = 0; i < lines; i++) {
			rdns_line(&t);
			addf(&t, "%s", round % 2 ? "\r\n" : "\n");
		}
		path = tpath("rdns_random.txt");
		write_file(path, t.s, t.n);
		before = match_index_stats;
		for (i = 0; i < 1500; i++) {
			name.n = 0;
			addf(&name, "%s", "");
			if (rnd(20) == 0)
				addf(&name, ".");	/* odd names too */
			rand_name(&name, false);
			if (rnd(30) == 0)
				addf(&name, ".");
			rc1 = lookup_rdns(name.s, path, false, &want);
			rc2 = lookup_rdns(name.s, path, true, &got);
			hits += rc1 == 1;
			if (!same_result(rc1, &want, rc2, &got) && bad++ < 10)
				print_error("round %u: [%s]: scan %d line %u "
				    "[%s], index %d line %u [%s]\n", round,
				    name.s, rc1, want.line, want.entry, rc2,
				    got.line, got.entry);
		}
		assert_int_equal(match_index_stats.built, before.built + 1);
		assert_int_equal(match_index_stats.used, before.used + 1500);
	}
	assert_int_equal(bad, 0);
	assert_true(hits > 500);
	if (strstr(logged, "ERROR") != NULL)
		fail_msg("logged: %s", logged);
	free(t.s);
	free(name.s);
}

/* ---- life of an index ---- */

/* A list of n IPv4 hosts 10.x.y.z, then the given tail. */
static void
host_list(const char *path, unsigned n, const char *tail)
{
	struct text t = { NULL, 0, 0 };
	unsigned i;

	addf(&t, "%s", "");
	for (i = 0; i < n; i++)
		addf(&t, "10.%u.%u.%u\n", i >> 16, (i >> 8) & 255, i & 255);
	addf(&t, "%s", tail);
	write_file(path, t.s, t.n);
	free(t.s);
}

static void
expect_ip(char *path, const char *ip, int want, unsigned line,
    const char *entry)
{
	struct match_client c = { ip, "", NULL };
	struct match_result r;
	int rc;

	rc = lookup_ip(&c, path, true, &r);
	if (rc != want || (want == 1 && (r.line != line ||
	    strcmp(r.entry, entry) != 0)))
		fail_msg("%s in %s: got %d line %u [%s], want %d line %u "
		    "[%s]", ip, path, rc, r.line, r.entry, want, line, entry);
}

static void
test_stale_rebuilt(void **state)
{
	struct timespec ts[2];
	struct stat st;
	char *path = tpath("stale.txt"), *ix = tpath("stale.txt.sdx");
	unsigned long built;

	(void)state;
	host_list(path, 2000, "192.0.2.1\n");
	built = match_index_stats.built;
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	expect_ip(path, "192.0.2.2", 0, 0, "");
	assert_int_equal(match_index_stats.built, built + 1);
	assert_int_equal(stat(ix, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	/* never more open than the text */
	assert_int_equal(chmod(path, 0640), 0);
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_int_equal(stat(ix, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(chmod(path, 0666), 0);
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_int_equal(stat(ix, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	built = match_index_stats.built;

	/* appended: size and mtime change */
	host_list(path, 2000, "192.0.2.1\n192.0.2.2\n");
	expect_ip(path, "192.0.2.2", 1, 2002, "192.0.2.2");
	assert_int_equal(match_index_stats.built, built + 1);

	/* same size, mtime put back (cp -p, touch -r): ctime still moves */
	assert_int_equal(stat(path, &st), 0);
	host_list(path, 2000, "192.0.2.1\n192.0.2.3\n");
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	expect_ip(path, "192.0.2.2", 0, 0, "");
	expect_ip(path, "192.0.2.3", 1, 2002, "192.0.2.3");
	assert_int_equal(match_index_stats.built, built + 2);

	/* replaced by rename (a new inode), the index older than the text */
	host_list(tpath("stale.new"), 10, "192.0.2.9\n");
	assert_int_equal(rename(tpath("stale.new"), path), 0);
	expect_ip(path, "192.0.2.9", 1, 11, "192.0.2.9");
	expect_ip(path, "10.0.0.1", 1, 2, "10.0.0.1");
	expect_ip(path, "10.0.0.20", 0, 0, "");
	assert_int_equal(match_index_stats.built, built + 3);
}

/* Overwrite n bytes of a file at off. */
static void
poke(const char *path, off_t off, const void *b, size_t n)
{
	int fd = open(path, O_WRONLY);

	assert_true(fd != -1);
	assert_int_equal(pwrite(fd, b, n, off), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

static void
test_corrupt_ignored(void **state)
{
	static const unsigned char junk[64] = {
		0xff, 0xff, 0xff, 0xff, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00,
		0x00, 0x00, 0xff, 0xff, 0xff, 0x7f, 0x10, 0x20, 0x30, 0x40,
	};
	char *path = tpath("corrupt.txt"), *ix = tpath("corrupt.txt.sdx");
	struct stat st, ist;
	unsigned long built;
	off_t off;
	int round;

	(void)state;
	host_list(path, 3000, "192.0.2.1\n");
	expect_ip(path, "192.0.2.1", 1, 3001, "192.0.2.1");
	assert_int_equal(stat(path, &st), 0);

	/* truncated: invalid header, rebuilt */
	built = match_index_stats.built;
	assert_int_equal(truncate(ix, 100), 0);
	expect_ip(path, "192.0.2.1", 1, 3001, "192.0.2.1");
	assert_int_equal(match_index_stats.built, built + 1);

	/* a header byte changed: the checksum catches it */
	poke(ix, 40, "\x55", 1);
	expect_ip(path, "10.0.1.2", 1, 259, "10.0.1.2");
	assert_int_equal(match_index_stats.built, built + 2);

	/*
	 * Garbage in the body with a valid header: never a wrong answer, and
	 * a disagreement with the text is noticed and repaired.
	 */
	assert_int_equal(stat(ix, &ist), 0);
	for (round = 0; round < 40; round++) {
		off = 168 + (off_t)rnd((unsigned)(ist.st_size - 168 - 64));
		poke(ix, off, junk, sizeof(junk));
		expect_ip(path, "192.0.2.1", 1, 3001, "192.0.2.1");
		expect_ip(path, "10.0.2.3", 1, 516, "10.0.2.3");
		expect_ip(path, "10.0.0.9", 1, 10, "10.0.0.9");
	}
	/* the line table pointing elsewhere: noticed */
	logged[0] = '\0';
	expect_ip(path, "192.0.2.1", 1, 3001, "192.0.2.1");
	poke(ix, 168 + 4 * 3000, "\0\0\0\0", 4);	/* line 3001 -> 0 */
	expect_ip(path, "192.0.2.1", 1, 3001, "192.0.2.1");
	assert_non_null(strstr(logged, "does not agree"));
	/* and a zero-length index */
	assert_int_equal(truncate(ix, 0), 0);
	expect_ip(path, "192.0.2.1", 1, 3001, "192.0.2.1");
	assert_int_equal(stat(ix, &ist), 0);
	assert_true(ist.st_size > 168);
}

/* Run fn in a child as an unprivileged user when we are root. */
static void
as_user(void (*fn)(void))
{
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		fn();
		return;
	}
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		if (setgid(65534) == -1 || setuid(65534) == -1)
			_exit(3);
		fn();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
readonly_lookups(void)
{
	char *path = tpath("ro/list.txt");
	unsigned long scanned = match_index_stats.scanned;

	logged[0] = '\0';
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	expect_ip(path, "10.0.3.4", 1, 773, "10.0.3.4");
	expect_ip(path, "192.0.2.7", 0, 0, "");
	if (exists(tpath("ro/list.txt.sdx")) ||
	    match_index_stats.scanned != scanned + 3 ||
	    strstr(logged, "cannot build index") == NULL)
		fail_msg("read-only directory: sdx %d scanned %lu log [%s]",
		    exists(tpath("ro/list.txt.sdx")),
		    match_index_stats.scanned - scanned, logged);
}

static void
test_unwritable_dir(void **state)
{
	char *path = tpath("busy.txt");
	struct flock fl;
	pid_t pid;
	int p[2], fd, status;
	unsigned long scanned;
	char c;

	(void)state;
	/* a directory we may not write to */
	assert_int_equal(mkdir(tpath("ro"), 0755), 0);
	host_list(tpath("ro/list.txt"), 2000, "192.0.2.1\n");
	assert_int_equal(chmod(tpath("ro"), 0555), 0);
	assert_int_equal(chmod(tmpdir, 0755), 0);
	as_user(readonly_lookups);
	assert_int_equal(chmod(tpath("ro"), 0755), 0);

	/* the temporary path taken by something else: scan */
	host_list(path, 2000, "192.0.2.1\n");
	assert_int_equal(mkdir(tpath("busy.txt.sdx.tmp"), 0755), 0);
	scanned = match_index_stats.scanned;
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_int_equal(match_index_stats.scanned, scanned + 1);
	assert_false(exists(tpath("busy.txt.sdx")));
	assert_int_equal(rmdir(tpath("busy.txt.sdx.tmp")), 0);

	/* another process is building (holds the lock): scan, quietly */
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		fd = open(tpath("busy.txt.sdx.tmp"), O_WRONLY | O_CREAT, 0644);
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fd == -1 || fcntl(fd, F_SETLK, &fl) == -1)
			_exit(1);
		(void)!write(p[1], "x", 1);
		pause();
		_exit(0);
	}
	assert_int_equal(read(p[0], &c, 1), 1);
	logged[0] = '\0';
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_int_equal(match_index_stats.scanned, scanned + 2);
	assert_false(exists(tpath("busy.txt.sdx")));
	assert_null(strstr(logged, "cannot build"));
	kill(pid, SIGTERM);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(p[0]);
	close(p[1]);
	/* and once it is gone, we build (reusing its temporary file) */
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_true(exists(tpath("busy.txt.sdx")));
	assert_false(exists(tpath("busy.txt.sdx.tmp")));
}

static void
test_symlinks(void **state)
{
	char *path = tpath("sym.txt"), *ix = tpath("sym.txt.sdx");
	char *victim = tpath("victim"), buf[64];
	struct stat st;
	FILE *f;

	(void)state;
	host_list(path, 2000, "192.0.2.1\n");
	/* a symlink at the index path: not read, replaced, target intact */
	write_file(victim, "precious\n", 9);
	assert_int_equal(symlink(victim, ix), 0);
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_int_equal(lstat(ix, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	f = fopen(victim, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "precious\n");

	/* a valid index reached through a symlink is not used either */
	assert_int_equal(rename(ix, tpath("elsewhere.sdx")), 0);
	assert_int_equal(symlink(tpath("elsewhere.sdx"), ix), 0);
	expect_ip(path, "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_int_equal(lstat(ix, &st), 0);
	assert_true(S_ISREG(st.st_mode));

	/* a symlink at the temporary path: no build, target intact */
	host_list(tpath("sym2.txt"), 2000, "192.0.2.1\n");
	assert_int_equal(symlink(victim, tpath("sym2.txt.sdx.tmp")), 0);
	expect_ip(tpath("sym2.txt"), "192.0.2.1", 1, 2001, "192.0.2.1");
	assert_false(exists(tpath("sym2.txt.sdx")));
	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_size, 9);
}

/*
 * A leftover temporary file is reused; when the index turns out to be
 * fresh once the lock is ours (another process finished it), nothing is
 * rebuilt and the text is not read.
 */
static void
test_build_when_fresh(void **state)
{
	char *path = tpath("fresh.txt"), *ix = tpath("fresh.txt.sdx");
	struct listfile lf;
	struct stat st, before, after;
	unsigned long built;

	(void)state;
	host_list(path, 1000, "192.0.2.1\n");
	expect_ip(path, "192.0.2.1", 1, 1001, "192.0.2.1");
	assert_int_equal(stat(ix, &before), 0);
	write_file(tpath("fresh.txt.sdx.tmp"), "junk", 4);
	assert_int_equal(listfile_open(&lf, path), 0);
	assert_int_equal(fstat(lf.fd, &st), 0);
	built = match_index_stats.built;
	assert_int_equal(mx_build(ix, &lf, &st, MX_IP), 0);
	assert_int_equal(lf.lineno, 0);
	assert_int_equal(match_index_stats.built, built);
	assert_false(exists(tpath("fresh.txt.sdx.tmp")));
	assert_int_equal(stat(ix, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino);
	/* stale: built through the leftover file */
	host_list(path, 1000, "192.0.2.2\n");
	write_file(tpath("fresh.txt.sdx.tmp"), "junk", 4);
	listfile_close(&lf);
	assert_int_equal(listfile_open(&lf, path), 0);
	assert_int_equal(fstat(lf.fd, &st), 0);
	assert_int_equal(mx_build(ix, &lf, &st, MX_IP), 0);
	assert_int_equal(match_index_stats.built, built + 1);
	assert_true(mx_fresh(ix, &st, MX_IP));
	assert_false(mx_fresh(ix, &st, MX_RDNS));
	assert_false(exists(tpath("fresh.txt.sdx.tmp")));
	listfile_close(&lf);
	expect_ip(path, "192.0.2.2", 1, 1001, "192.0.2.2");
	assert_int_equal(match_index_stats.built, built + 1);
}

static void
test_small_files_scanned(void **state)
{
	char *path = tpath("small.txt");
	struct match_client c = { "192.0.2.1", "", NULL };
	struct match_result r;
	struct strlist f = list1(&path);

	(void)state;
	host_list(path, 10, "192.0.2.1\n");
	match_index_min_size = 4096;	/* the default */
	assert_int_equal(match_ip(&c, NULL, &f, &r), 1);
	assert_int_equal(r.line, 11);
	assert_false(exists(tpath("small.txt.sdx")));
}

/* Past line 65536, through the index, for both kinds. */
static void
test_big_lists(void **state)
{
	struct text t = { NULL, 0, 0 };
	struct match_result r;
	char *path = tpath("big_rdns.txt");
	unsigned i;

	(void)state;
	host_list(tpath("big_ip.txt"), 150000, "192.0.2.1\n");
	expect_ip(tpath("big_ip.txt"), "192.0.2.1", 1, 150001, "192.0.2.1");
	expect_ip(tpath("big_ip.txt"), "10.1.200.3", 1, 1 + 65536 + 200 *
	    256 + 3, "10.1.200.3");
	addf(&t, "%s", "");
	for (i = 0; i < 100000; i++)
		addf(&t, "host%u.example.net\r\n", i);
	addf(&t, ".Example.ORG\r\n");
	write_file(path, t.s, t.n);
	assert_int_equal(lookup_rdns("mx.example.org", path, true, &r), 1);
	assert_int_equal(r.line, 200001);
	assert_string_equal(r.entry, ".Example.ORG");
	assert_int_equal(lookup_rdns("host99999.example.net", path, true, &r),
	    1);
	assert_int_equal(r.line, 199999);
	assert_int_equal(lookup_rdns("host100000.example.net", path, true, &r),
	    0);
	free(t.s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_ip_random),
		cmocka_unit_test(test_rdns_random),
		cmocka_unit_test(test_stale_rebuilt),
		cmocka_unit_test(test_corrupt_ignored),
		cmocka_unit_test(test_unwritable_dir),
		cmocka_unit_test(test_symlinks),
		cmocka_unit_test(test_build_when_fresh),
		cmocka_unit_test(test_small_files_scanned),
		cmocka_unit_test(test_big_lists),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
