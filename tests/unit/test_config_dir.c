/*
 * test_config_dir.c - configuration directories (src/config/dir.c,
 * files.md 2): the layout of every criterion, partial paths, nesting, the
 * search order, "first" against the all-* modes, the IPv6 layout, files
 * named _at_, hostile remote text, and errors inside a directory file.
 *
 * Each case builds its tree in a fresh temporary directory.  Every file
 * holds "rdns-blacklist-entry=<marker>", so the list afterwards tells
 * which files were read and in which order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/dir.h"
#include "config/options.h"
#include "log/log.h"
#include "util/str.h"

static char tmpdir[256];
static char logged[1 << 16];
static int ncase;

static void
observe(const char *msg, void *ctx)
{
	(void)ctx;
	str_lcat(logged, msg, sizeof(logged));
	str_lcat(logged, "\n", sizeof(logged));
}

static int
group_setup(void **state)
{
	(void)state;
	str_lcpy(tmpdir, "/tmp/test_config_dir.XXXXXX", sizeof(tmpdir));
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	log_open(LL_NONE, 0);
	log_set_observer(observe, NULL);
	return 0;
}

static int
group_teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* mkdir -p for every directory above path. */
static void
mkparents(const char *path)
{
	char p[1024];
	size_t i;

	str_lcpy(p, path, sizeof(p));
	for (i = 1; p[i] != '\0'; i++)
		if (p[i] == '/') {
			p[i] = '\0';
			mkdir(p, 0755);
			p[i] = '/';
		}
}

/* Write base/rel; content "-" makes rel a directory. */
static void
put(const char *base, const char *rel, const char *content)
{
	char path[1024];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", base, rel);
	mkparents(path);
	if (strcmp(content, "-") == 0) {
		mkdir(path, 0755);
		return;
	}
	fp = fopen(path, "w");
	if (fp == NULL)
		fail_msg("cannot create %s", path);
	fputs(content, fp);
	fclose(fp);
}

/* A new case directory under tmpdir. */
static const char *
newcase(void)
{
	static char dir[512];

	snprintf(dir, sizeof(dir), "%s/case%d", tmpdir, ncase++);
	mkdir(dir, 0755);
	return dir;
}

/* The markers read, comma-separated. */
static const char *
markers(const struct options *opt)
{
	static char out[1024];
	size_t i;

	out[0] = '\0';
	for (i = 0; i < opt->rdns_blacklist_entry.n; i++) {
		if (i > 0)
			str_lcat(out, ",", sizeof(out));
		str_lcat(out, opt->rdns_blacklist_entry.v[i], sizeof(out));
	}
	return out;
}

struct file {
	const char	*path;		/* relative to the case directory */
	const char	*marker;	/* NULL: end; "-": a directory */
};

static const struct tcase {
	const char	*label;
	struct file	 files[8];
	const char	*roots;		/* space-separated, relative */
	const char	*search;	/* config-dir-search values, or NULL */
	struct config_dir_query q;
	const char	*want;		/* markers in order */
} cases[] = {
	{ "ip, four octets",
	    { { "r/_ip_/192/0/2/45", "ip4" } }, "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "example.com" }, "ip4" },
	{ "ip, partial path of three octets",
	    { { "r/_ip_/192/0/2", "ip3" } }, "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "example.com" }, "ip3" },
	{ "ip, partial path of one octet",
	    { { "r/_ip_/192", "ip1" } }, "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "example.com" }, "ip1" },
	{ "ip, other address",
	    { { "r/_ip_/10", "ip1" } }, "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "example.com" }, "" },
	{ "ip, unknown address is 0.0.0.0",
	    { { "r/_ip_/0/0/0/0", "zero" } }, "r", NULL,
	    { NULL, NULL, NULL, NULL, "kid", "example.com" }, "zero" },
	{ "ip, octets as they appear in the text",
	    { { "r/_ip_/192/0/2/045", "text" } }, "r", NULL,
	    { "192.0.2.045", NULL, NULL, NULL, "kid", "example.com" },
	    "text" },
	{ "ipv6, eight groups of four hex digits",
	    { { "r/_ip_/2001/0db8/0000/0000/0000/0000/0000/0001", "v6" } },
	    "r", NULL,
	    { "2001:DB8::1", NULL, NULL, NULL, "kid", "example.com" }, "v6" },
	{ "ipv6, partial path",
	    { { "r/_ip_/2001/0db8", "v6p" } }, "r", NULL,
	    { "2001:db8::2", NULL, NULL, NULL, "kid", "example.com" },
	    "v6p" },
	{ "ipv6, mapped address uses the IPv4 layout",
	    { { "r/_ip_/192/0/2/45", "v4" },
	    { "r/_ip_/0000/0000/0000/0000/0000/ffff/c000/022d", "v6" } },
	    "r", NULL,
	    { "::ffff:192.0.2.45", NULL, NULL, NULL, "kid", "example.com" },
	    "v4" },
	{ "rdns, full name",
	    { { "r/_rdns_/net/example/mail/mx1", "rd" } }, "r", NULL,
	    { "192.0.2.45", "mx1.mail.example.net", NULL, NULL, "kid",
	    "example.com" }, "rd" },
	{ "rdns, partial down to the TLD",
	    { { "r/_rdns_/net", "tld" } }, "r", NULL,
	    { "192.0.2.45", "mx1.mail.example.net", NULL, NULL, "kid",
	    "example.com" }, "tld" },
	{ "rdns, no name: criterion skipped",
	    { { "r/_rdns_/net", "tld" } }, "r", NULL,
	    { "192.0.2.45", "", NULL, NULL, "kid", "example.com" }, "" },
	{ "sender, full address",
	    { { "r/_sender_/org/example/lists/_at_/bob.smith", "s" } }, "r",
	    NULL, { "192.0.2.45", NULL, "bob.smith", "lists.example.org",
	    "kid", "example.com" }, "s" },
	{ "sender, local part canonicalised",
	    { { "r/_sender_/org/example/_at_/joe_news", "s" } }, "r", NULL,
	    { "192.0.2.45", NULL, "Joe+News", "example.org", "kid",
	    "example.com" }, "s" },
	{ "sender, partial domain path",
	    { { "r/_sender_/org/example", "dom" } }, "r", NULL,
	    { "192.0.2.45", NULL, "bob", "lists.example.org", "kid",
	    "example.com" }, "dom" },
	{ "sender, full address wins over the domain in first mode",
	    { { "r/_sender_/org/example/_at_/bob", "full" },
	    { "r/_sender_/org/example/lists", "sub" } }, "r", NULL,
	    { "192.0.2.45", NULL, "bob", "example.org", "kid",
	    "example.com" }, "full" },
	{ "sender, null sender: criterion skipped",
	    { { "r/_sender_/org", "s" } }, "r", NULL,
	    { "192.0.2.45", NULL, "", "", "kid", "example.com" }, "" },
	{ "recipient, full address and order of criteria",
	    { { "r/_recipient_/com/example/_at_/kid", "r" },
	    { "r/_sender_/org/example/_at_/bob", "s" },
	    { "r/_rdns_/net/example/mx", "d" },
	    { "r/_ip_/192/0/2/45", "i" } }, "r", NULL,
	    { "192.0.2.45", "mx.example.net", "bob", "example.org", "kid",
	    "example.com" }, "i,d,s,r" },
	{ "recipient, domain path",
	    { { "r/_recipient_/com/example", "dom" } }, "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "school.example.com" },
	    "dom" },
	{ "files.md 2.3 example: ip file then recipient file",
	    { { "r/_ip_/192/0/2", "ip" },
	    { "r/_recipient_/com/example", "rcpt" } }, "r", NULL,
	    { "192.0.2.45", NULL, "bob", "lists.example.org", "kid",
	    "example.com" }, "ip,rcpt" },
	{ "nested subtree: IP and sender both match",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example/_at_/mom", "n" } },
	    "r", NULL,
	    { "11.22.33.44", NULL, "mom", "example.com", "kid",
	    "example.com" }, "n" },
	{ "nested subtree: other sender",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example/_at_/mom", "n" } },
	    "r", NULL,
	    { "11.22.33.44", NULL, "dad", "example.org", "kid",
	    "example.com" }, "" },
	{ "nested subtree: other IP",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example/_at_/mom", "n" } },
	    "r", NULL,
	    { "11.22.33.45", NULL, "mom", "example.com", "kid",
	    "example.com" }, "" },
	{ "nested: the criterion just used is not searched again",
	    { { "r/_ip_/11/22/33/44/_ip_/11", "again" } }, "r", "all-ip",
	    { "11.22.33.44", NULL, NULL, NULL, "kid", "example.com" }, "" },
	{ "nested file marks the last criterion done (first)",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example/_at_/mom", "n" },
	    { "r/_sender_/com/example/_at_/mom", "plain" } }, "r", NULL,
	    { "11.22.33.44", NULL, "mom", "example.com", "kid",
	    "example.com" }, "n" },
	{ "nested file, all-sender reads the plain one too",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example/_at_/mom", "n" },
	    { "r/_sender_/com/example/_at_/mom", "plain" } }, "r",
	    "all-sender",
	    { "11.22.33.44", NULL, "mom", "example.com", "kid",
	    "example.com" }, "n,plain" },
	{ "first: the IP step stops at the first existing level",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example", "s4" },
	    { "r/_ip_/11/22/33/_recipient_/com/example", "r3" } }, "r", NULL,
	    { "11.22.33.44", NULL, "mom", "example.com", "kid",
	    "example.com" }, "s4" },
	{ "all-ip: every IP level is visited",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example", "s4" },
	    { "r/_ip_/11/22/33/_recipient_/com/example", "r3" } }, "r",
	    "all-ip",
	    { "11.22.33.44", NULL, "mom", "example.com", "kid",
	    "example.com" }, "s4,r3" },
	{ "all-ip then first: back to one level",
	    { { "r/_ip_/11/22/33/44/_sender_/com/example", "s4" },
	    { "r/_ip_/11/22/33/_recipient_/com/example", "r3" } }, "r",
	    "all-ip first",
	    { "11.22.33.44", NULL, "mom", "example.com", "kid",
	    "example.com" }, "s4" },
	{ "first: the recipient's full address, then one domain level",
	    { { "r/_recipient_/com/example/_at_/kid/_ip_/1", "full" },
	    { "r/_recipient_/com/example/_rdns_/net", "dom" },
	    { "r/_recipient_/com/_sender_/org", "tld" } }, "r", NULL,
	    { "1.2.3.4", "mx.example.net", "bob", "example.org", "kid",
	    "example.com" }, "full,dom" },
	{ "all-recipient: every domain level",
	    { { "r/_recipient_/com/example/_at_/kid/_ip_/1", "full" },
	    { "r/_recipient_/com/example/_rdns_/net", "dom" },
	    { "r/_recipient_/com/_sender_/org", "tld" } }, "r",
	    "all-recipient",
	    { "1.2.3.4", "mx.example.net", "bob", "example.org", "kid",
	    "example.com" }, "full,dom,tld" },
	{ "nested files count for their own criterion",
	    { { "r/_recipient_/com/example/_at_/kid/_ip_/1", "full" },
	    { "r/_recipient_/com/example/_ip_/1", "dom" } }, "r",
	    "all-recipient",
	    { "1.2.3.4", NULL, NULL, NULL, "kid", "example.com" }, "full" },
	{ "all-recipient with all-ip",
	    { { "r/_recipient_/com/example/_at_/kid/_ip_/1", "full" },
	    { "r/_recipient_/com/example/_ip_/1", "dom" } }, "r",
	    "all-recipient all-ip",
	    { "1.2.3.4", NULL, NULL, NULL, "kid", "example.com" },
	    "full,dom" },
	{ "two roots share the done flags (first)",
	    { { "a/_ip_/192/0/2/45", "a-ip" }, { "b/_ip_/192/0/2/45", "b-ip" },
	    { "b/_recipient_/com/example", "b-rcpt" } }, "a b", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "example.com" },
	    "a-ip,b-rcpt" },
	{ "two roots, all-ip",
	    { { "a/_ip_/192/0/2/45", "a-ip" }, { "b/_ip_/192/0/2/45", "b-ip" },
	    { "b/_recipient_/com/example", "b-rcpt" } }, "a b", "all-ip",
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "example.com" },
	    "a-ip,b-ip,b-rcpt" },
	{ "missing root is no match",
	    { { "a/_ip_/192/0/2/45", "a-ip" } }, "nowhere a", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "kid", "example.com" },
	    "a-ip" },
	{ "a file named _at_ (local part) is never read",
	    { { "r/_sender_/com/example/_at_/_at_", "at" } }, "r", NULL,
	    { "192.0.2.45", NULL, "_at_", "example.com", "kid",
	    "example.com" }, "" },
	{ "a file named _at_ (domain label) is never read",
	    { { "r/_recipient_/com/example/_at_", "at" } }, "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "x", "_at_.example.com" }, "" },
	{ "a file named _at_ (rDNS label) is never read",
	    { { "r/_rdns_/com/example/_at_", "at" } }, "r", NULL,
	    { "192.0.2.45", "_at_.example.com", NULL, NULL, "x",
	    "example.com" }, "" },
	{ "a file named like a subtree is never read",
	    { { "r/_rdns_/com/_ip_", "sub" } }, "r", NULL,
	    { "192.0.2.45", "_ip_.com", NULL, NULL, "x", "example.com" },
	    "" },
	{ "hostile local part ../../../../../p stays inside",
	    { { "p", "escaped" }, { "r/_recipient_/com/example/_at_/x", "x" } },
	    "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "../../../../../p",
	    "example.com" }, "" },
	{ "hostile local part a/b becomes a_b",
	    { { "r/_recipient_/com/example/_at_/a_b", "ab" },
	    { "r/_recipient_/com/example/_at_/a/b", "nested" } }, "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "a/b", "example.com" }, "ab" },
	{ "hostile local part .. turns the recipient criterion off",
	    { { "r/_ip_/192/0/2/45", "ip" },
	    { "r/_recipient_/com/example/_rdns_/net", "nested" } }, "r",
	    NULL, { "192.0.2.45", "mx.example.net", NULL, NULL, "..",
	    "example.com" }, "ip" },
	{ "same tree, ordinary local part",
	    { { "r/_ip_/192/0/2/45", "ip" },
	    { "r/_recipient_/com/example/_rdns_/net", "nested" } }, "r",
	    NULL, { "192.0.2.45", "mx.example.net", NULL, NULL, "bob",
	    "example.com" }, "ip,nested" },
	{ "hostile domain .. does not re-enter the root",
	    { { "r/_ip_/192/0/2/45", "ip" }, { "r/_recipient_/x", "x" } },
	    "r", NULL,
	    { "192.0.2.45", NULL, NULL, NULL, "a", ".." }, "ip" },
	{ "hostile domain with / and an empty label",
	    { { "r/_recipient_/com/example", "dom" },
	    { "r/_recipient_/x", "x" } }, "r", NULL,
	    { "192.0.2.45", NULL, "../x", "x/..", "a", "example..com" }, "" },
	{ "hostile rDNS name",
	    { { "r/_rdns_/x", "x" }, { "r/_ip_/192/0/2/45", "ip" } }, "r",
	    NULL, { "192.0.2.45", "../../x", NULL, NULL, "a", "y.test" },
	    "ip" },
};

static void
apply_case(const struct tcase *c, struct options *opt, int *rc)
{
	char err[512], path[1024], roots[256], content[256], *tok, *save;
	const char *dir = newcase();
	size_t i;

	for (i = 0; i < nitems(c->files) && c->files[i].path != NULL; i++) {
		snprintf(content, sizeof(content), "rdns-blacklist-entry=%s\n",
		    c->files[i].marker);
		put(dir, c->files[i].path, c->files[i].marker[0] == '-' ? "-" :
		    content);
	}
	str_lcpy(roots, c->roots, sizeof(roots));
	for (tok = strtok_r(roots, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		snprintf(path, sizeof(path), "%s/%s", dir, tok);
		assert_int_equal(opt_set(opt, "config-dir", path,
		    OPT_WHERE_C, err, sizeof(err)), 0);
	}
	if (c->search != NULL) {
		str_lcpy(roots, c->search, sizeof(roots));
		for (tok = strtok_r(roots, " ", &save); tok != NULL;
		    tok = strtok_r(NULL, " ", &save))
			assert_int_equal(opt_set(opt, "config-dir-search",
			    tok, OPT_WHERE_C, err, sizeof(err)), 0);
	}
	*rc = config_dir_apply(opt, &c->q);
}

static void
test_search(void **state)
{
	struct options *opt;
	size_t i, failed = 0, n, k;
	const char *got, *p;
	int rc;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		opt = opt_new();
		assert_non_null(opt);
		logged[0] = '\0';
		apply_case(&cases[i], opt, &rc);
		got = markers(opt);
		/* The count of files read equals the markers seen. */
		for (n = 0, p = cases[i].want; *p != '\0'; n++) {
			k = strcspn(p, ",");
			p += k + (p[k] == ',');
		}
		if (strcmp(got, cases[i].want) != 0 || rc != (int)n) {
			print_error("case \"%s\": got \"%s\" (%d files), want "
			    "\"%s\" (%zu files)\n", cases[i].label, got, rc,
			    cases[i].want, n);
			failed++;
		}
		if (strstr(logged, "ERROR(") != NULL &&
		    strstr(logged, "cannot be used as a path") == NULL) {
			print_error("case \"%s\" logged an error:\n%s",
			    cases[i].label, logged);
			failed++;
		}
		opt_free(opt);
	}
	assert_int_equal(failed, 0);
}

/* Improvement (files.md 2.4): remote text that cannot be a path is noted. */
static void
test_hostile_noted(void **state)
{
	static const struct config_dir_query q = { "192.0.2.45", NULL,
	    NULL, NULL, "..", "example.com" };
	struct options *opt = opt_new();
	char err[256];
	const char *dir = newcase();

	(void)state;
	put(dir, "_recipient_/com/example", "rdns-blacklist-entry=dom\n");
	assert_int_equal(opt_set(opt, "config-dir", dir, OPT_WHERE_C, err,
	    sizeof(err)), 0);
	logged[0] = '\0';
	assert_int_equal(config_dir_apply(opt, &q), 0);
	assert_non_null(strstr(logged, "recipient \"..\" cannot be used as "
	    "a path"));
	opt_free(opt);
}

/* Misses log nothing above debug level. */
static void
test_miss_quiet(void **state)
{
	static const struct config_dir_query q = { "192.0.2.45",
	    "mx.example.net", "bob", "example.org", "kid", "example.com" };
	struct options *opt = opt_new();
	char err[256], *line, *save;
	const char *dir = newcase();

	(void)state;
	put(dir, "_ip_/10", "rdns-blacklist-entry=x\n");
	put(dir, "_rdns_/org", "rdns-blacklist-entry=x\n");
	assert_int_equal(opt_set(opt, "config-dir", dir, OPT_WHERE_C, err,
	    sizeof(err)), 0);
	logged[0] = '\0';
	assert_int_equal(config_dir_apply(opt, &q), 0);
	for (line = strtok_r(logged, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strncmp(line, "DEBUG(", 6) != 0)
			fail_msg("a miss logged: %s", line);
	opt_free(opt);
}

/*
 * An error in a directory file is logged and its line skipped; the other
 * lines apply, and the file still counts as read.
 */
static void
test_file_errors(void **state)
{
	static const struct config_dir_query q = { "192.0.2.45", NULL, NULL,
	    NULL, "kid", "example.com" };
	struct options *opt = opt_new();
	char err[256];
	const char *dir = newcase();

	(void)state;
	put(dir, "_ip_/192/0/2/45",
	    "max-recipients=5\n"
	    "no-such-option=1\n"
	    "rdns-blacklist-entry=good\n"
	    "reject-empty-rdns=maybe\n"
	    "policy-url=http://example.com/\n"
	    "config-dir=/elsewhere\n"
	    "bad syntax here\n");
	assert_int_equal(opt_set(opt, "config-dir", dir, OPT_WHERE_C, err,
	    sizeof(err)), 0);
	logged[0] = '\0';
	assert_int_equal(config_dir_apply(opt, &q), 1);
	assert_string_equal(markers(opt), "good");
	assert_string_equal(opt->policy_url, "http://example.com/");
	assert_int_equal(opt->max_recipients, 0);
	assert_false(opt->reject_empty_rdns);
	assert_int_equal(opt->config_dir.n, 1);
	assert_non_null(strstr(logged, "Option not allowed in configuration "
	    "file, found in file"));
	assert_non_null(strstr(logged, "on line 1: max-recipients"));
	assert_non_null(strstr(logged, "Unknown configuration file option "
	    "in file"));
	assert_non_null(strstr(logged, "on line 2: no-such-option"));
	assert_non_null(strstr(logged, "reject-empty-rdns"));
	assert_non_null(strstr(logged, "on line 6: config-dir"));
	assert_non_null(strstr(logged, "Bad syntax in configuration file"));
	opt_free(opt);
}

/* Single values: the last file read wins; lists extend the global list. */
static void
test_last_wins(void **state)
{
	static const struct config_dir_query q = { "192.0.2.45", NULL, "bob",
	    "lists.example.org", "kid", "example.com" };
	struct options *opt = opt_new();
	char err[256];
	const char *dir = newcase();

	(void)state;
	put(dir, "_ip_/192/0/2", "graylist-level=none\n"
	    "rdns-blacklist-entry=ip\n");
	put(dir, "_recipient_/com/example", "graylist-level=always\n"
	    "rdns-blacklist-entry=rcpt\nrdns-blacklist-entry=!global\n");
	assert_int_equal(opt_set(opt, "config-dir", dir, OPT_WHERE_C, err,
	    sizeof(err)), 0);
	assert_int_equal(opt_set(opt, "rdns-blacklist-entry", "global",
	    OPT_WHERE_C, err, sizeof(err)), 0);
	assert_int_equal(opt_set(opt, "rdns-blacklist-entry", "kept",
	    OPT_WHERE_C, err, sizeof(err)), 0);
	assert_int_equal(config_dir_apply(opt, &q), 2);
	assert_int_equal(opt->graylist_level, GL_ALWAYS);
	assert_string_equal(markers(opt), "kept,ip,rcpt");
	opt_free(opt);
}

/*
 * An unreadable file is not counted and does not end the search.  Root
 * reads mode 000 files, so then the check runs in a child as nobody.
 * Returns a failure message or NULL.
 */
static const char *
unreadable_body(const char *dir)
{
	static const struct config_dir_query q = { "192.0.2.45", NULL, NULL,
	    NULL, "kid", "example.com" };
	struct options *opt = opt_new();
	char err[256];
	const char *why = NULL;
	int rc;

	if (opt == NULL || opt_set(opt, "config-dir", dir, OPT_WHERE_C, err,
	    sizeof(err)) == -1)
		return "setup";
	logged[0] = '\0';
	if ((rc = config_dir_apply(opt, &q)) != 1)
		why = "not exactly one file was read";
	else if (strcmp(markers(opt), "rcpt") != 0)
		why = "the readable file was not applied";
	else if (strstr(logged, "unable to open config file") == NULL)
		why = "the unreadable file was not logged";
	opt_free(opt);
	return why;
}

static void
test_unreadable_file(void **state)
{
	char path[1024];
	const char *dir = newcase(), *why;
	int status;
	pid_t pid;

	(void)state;
	put(dir, "_ip_/192/0/2/45", "rdns-blacklist-entry=ip\n");
	put(dir, "_recipient_/com/example", "rdns-blacklist-entry=rcpt\n");
	snprintf(path, sizeof(path), "%s/_ip_/192/0/2/45", dir);
	assert_int_equal(chmod(path, 0), 0);
	if (geteuid() != 0) {
		if ((why = unreadable_body(dir)) != NULL)
			fail_msg("%s", why);
		return;
	}
	assert_int_equal(chmod(tmpdir, 0755), 0);
	if ((pid = fork()) == 0) {
		if (setgid(65534) == -1 || setuid(65534) == -1)
			_exit(2);
		why = unreadable_body(dir);
		if (why != NULL)
			fprintf(stderr, "%s\n", why);
		_exit(why != NULL);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_canon_local(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} t[] = {
		{ "Joe+News", "joe_news" },
		{ "a.b-c_d@e", "a.b-c_d@e" },
		{ "../../etc/passwd", ".._.._etc_passwd" },
		{ "a/b", "a_b" },
		{ "x y\tz", "x_y_z" },
		{ "\xc3\xa9t\xc3\xa9", "__t__" },
		{ "", "" },
	};
	char out[64];
	size_t i;

	(void)state;
	for (i = 0; i < nitems(t); i++)
		assert_string_equal(config_dir_canon_local(t[i].in, out,
		    sizeof(out)), t[i].want);
	assert_string_equal(config_dir_canon_local("ABCDEF", out, 4), "abc");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_hostile_noted),
		cmocka_unit_test(test_miss_quiet),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_last_wins),
		cmocka_unit_test(test_unreadable_file),
		cmocka_unit_test(test_canon_local),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
