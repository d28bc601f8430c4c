/*
 * test_config_file.c - configuration files (src/config/file.c): line
 * syntax, error messages with file and line, the include order of 5.0.1,
 * loop protection, D rules, and tests/fixtures/config/all-options.conf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/options.h"
#include "log/log.h"
#include "util/str.h"

static char tmpdir[256];
static char logged[1 << 16];

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
	str_lcpy(tmpdir, "/tmp/test_config_file.XXXXXX", sizeof(tmpdir));
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

static int
setup(void **state)
{
	(void)state;
	logged[0] = '\0';
	return 0;
}

/* Write n bytes of content to tmpdir/name; returns the path (static). */
static const char *
put_n(const char *name, const char *content, size_t n)
{
	static char paths[8][512];
	static int next;
	char *p = paths[next++ % 8];
	FILE *fp;

	snprintf(p, 512, "%s/%s", tmpdir, name);
	fp = fopen(p, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(content, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	return p;
}

static const char *
put(const char *name, const char *content)
{
	return put_n(name, content, strlen(content));
}

/* Replace every "%F" in pat by path and "%D" by tmpdir. */
static const char *
expand(const char *pat, const char *path)
{
	static char out[2048];
	size_t n = 0;

	for (; *pat != '\0' && n + 600 < sizeof(out); pat++) {
		if (pat[0] == '%' && (pat[1] == 'F' || pat[1] == 'D')) {
			n += str_lcpy(out + n, pat[1] == 'F' ? path : tmpdir,
			    sizeof(out) - n);
			pat++;
		} else
			out[n++] = *pat;
	}
	out[n] = '\0';
	return out;
}

/* Read a fresh option set from the given config files (F rules). */
static int
read_files(struct options **optp, const char *const *files, char *err,
    size_t errlen)
{
	struct options *opt = opt_new();

	assert_non_null(opt);
	*optp = opt;
	for (; *files != NULL; files++)
		assert_int_equal(opt_set(opt, "config-file", *files,
		    OPT_WHERE_C, err, errlen), 0);
	err[0] = '\0';
	return opt_read_config_files(opt, err, errlen);
}

/* The option field as text, via the public table. */
static const char *
show(const struct options *opt, const char *name)
{
	static char out[512];
	const struct opt_row *r = opt_row_by_name(name);
	const char *f = (const char *)opt + r->off;
	const struct strlist *l;
	size_t i;

	out[0] = '\0';
	if (r->arg == OA_FLAG)
		snprintf(out, sizeof(out), "%d", *(const bool *)f);
	else if (r->arg == OA_N)
		snprintf(out, sizeof(out), "%ld", *(const long *)f);
	else if (r->arg == OA_KEYWORD)
		snprintf(out, sizeof(out), "%d", *(const int *)f);
	else if (r->arg == OA_KEYSET)
		snprintf(out, sizeof(out), "%u", *(const unsigned *)f);
	else if (r->rep == OR_LIST) {
		l = (const struct strlist *)f;
		for (i = 0; i < l->n; i++) {
			if (i > 0)
				str_lcat(out, "|", sizeof(out));
			str_lcat(out, l->v[i], sizeof(out));
		}
	} else
		snprintf(out, sizeof(out), "%s",
		    *(char *const *)f ? *(char *const *)f : "(null)");
	return out;
}

static const struct fcase {
	const char	*label;
	const char	*content;
	size_t		 len;		/* 0: strlen(content) */
	int		 want_rc;
	const char	*name;		/* checked when want_rc == 0 */
	const char	*want;	/* value, or error pattern (%F) */
} fcases[] = {
	{ "basic", "max-recipients=5\n", 0, 0, "max-recipients", "5" },
	{ "blanks", "  max-recipients \t=\t 5  \n", 0, 0, "max-recipients",
	    "5" },
	{ "upper-case name", "MAX-Recipients=5\n", 0, 0, "max-recipients",
	    "5" },
	{ "comment", "#max-recipients=5\n", 0, 0, "max-recipients", "0" },
	{ "indented comment", "   # x\n\t#y\nmax-recipients=4\n", 0, 0,
	    "max-recipients", "4" },
	{ "blank lines", "\n   \n\t\nmax-recipients=3\n\n", 0, 0,
	    "max-recipients", "3" },
	{ "no final newline", "max-recipients=3", 0, 0, "max-recipients",
	    "3" },
	{ "crlf", "max-recipients=2\r\nidle-timeout-secs=9\r\n", 0, 0,
	    "idle-timeout-secs", "9" },
	{ "inner blanks and quotes",
	    "rejection-text-ip-blacklist =  Go away,  \"spammer\"  \n", 0, 0,
	    "rejection-text-ip-blacklist", "Go away,  \"spammer\"" },
	{ "no trailing comments", "policy-url=http://x/ # y\n", 0, 0,
	    "policy-url", "http://x/ # y" },
	{ "alias", "greylist-level=always\n", 0, 0, "graylist-level", "1" },
	{ "alias text", "rejection-text-greylist=later\n", 0, 0,
	    "rejection-text-graylist", "later" },
	{ "bare flag", "reject-empty-rdns\n", 0, 0, "reject-empty-rdns",
	    "1" },
	{ "bare flag blanks", "reject-empty-rdns  \t\n", 0, 0,
	    "reject-empty-rdns", "1" },
	{ "flag no", "reject-empty-rdns=1\nreject-empty-rdns = no\n", 0, 0,
	    "reject-empty-rdns", "0" },
	{ "last wins", "filter-level=reject-all\nfilter-level=normal\n", 0, 0,
	    "filter-level", "1" },
	{ "list", "ip-blacklist-entry=a\nip-blacklist-entry=b\n"
	    "ip-blacklist-entry=a\n", 0, 0, "ip-blacklist-entry", "a|b" },
	{ "files.md 1.2 example", "sender-blacklist-file=/etc/mail/a.txt\n"
	    "sender-blacklist-file=/etc/mail/b.txt\n"
	    "sender-blacklist-file=!!!\n"
	    "sender-blacklist-file=/etc/mail/last.txt\n", 0, 0,
	    "sender-blacklist-file", "/etc/mail/last.txt" },
	{ "set", "reject-sender=no-mx\nreject-sender=not-local\n", 0, 0,
	    "reject-sender", "3" },
	{ "cmd", "smtp-auth-command=/bin/checkpassword,/bin/true\n", 0, 0,
	    "smtp-auth-command", "/bin/checkpassword /bin/true" },
	{ "dir", "graylist-dir=/var/gl//\n", 0, 0, "graylist-dir",
	    "/var/gl" },
	{ "name value", "max-recipients=5\nreject-empty-rdns yes\n", 0, -1,
	    NULL, "Bad syntax in configuration file %F on line 2: "
	    "reject-empty-rdns yes" },
	{ "name=", "reject-empty-rdns=\n", 0, -1, NULL,
	    "Bad syntax in configuration file %F on line 1: "
	    "reject-empty-rdns=" },
	{ "name= blanks", "policy-url =  \n", 0, -1, NULL,
	    "Bad syntax in configuration file %F on line 1: policy-url =" },
	{ "starts with =", "=5\n", 0, -1, NULL,
	    "Bad syntax in configuration file %F on line 1: =5" },
	{ "NUL byte", "max-recipients=5\0x\n", 19, -1, NULL,
	    "Bad syntax in configuration file %F on line 1" },
	{ "unknown", "\n\nbogus-option=1\n", 0, -1, NULL,
	    "Unknown configuration file option in file %F on line 3: "
	    "bogus-option" },
	{ "unknown lower-cased", "Bogus=1\n", 0, -1, NULL,
	    "Unknown configuration file option in file %F on line 1: bogus" },
	{ "no prefixes in files", "max-rec=5\n", 0, -1, NULL,
	    "Unknown configuration file option in file %F on line 1: "
	    "max-rec" },
	{ "old name", "reject-missing-sender-mx=1\n", 0, -1, NULL,
	    "Unknown configuration file option in file %F on line 1: "
	    "reject-missing-sender-mx" },
	{ "help", "help\n", 0, -1, NULL, "Option not allowed in "
	    "configuration file, found in file %F on line 1: help" },
	{ "run-as-user", "run-as-user=nobody\n", 0, -1, NULL, "Option not "
	    "allowed in configuration file, found in file %F on line 1: "
	    "run-as-user" },
	{ "config-test", "config-test\n", 0, -1, NULL, "Option not allowed "
	    "in configuration file, found in file %F on line 1: config-test" },
	{ "bad number", "max-recipients=x\n", 0, -1, NULL,
	    "Bad or unparsable value for option max-recipients: x in file %F "
	    "on line 1" },
	{ "range", "#\ndns-max-retries-total=0\n", 0, -1, NULL,
	    "Illegal value for option dns-max-retries-total: 0 (must be "
	    "between 1 and 2147483647) in file %F on line 2" },
	{ "keyword", "filter-level=maybe\n", 0, -1, NULL,
	    "Illegal value for option filter-level: maybe (must be one of "
	    "allow-all, normal, require-auth, reject-all) in file %F on "
	    "line 1" },
	{ "bad flag", "reject-empty-rdns=on\n", 0, -1, NULL,
	    "Bad or unparsable value for option reject-empty-rdns: on in "
	    "file %F on line 1" },
	{ "bare text", "policy-url\n", 0, -1, NULL,
	    "Missing value for option policy-url in file %F on line 1" },
	{ "bare list", "ip-blacklist-entry\n", 0, -1, NULL,
	    "Missing value for option ip-blacklist-entry in file %F on "
	    "line 1" },
	{ "bare log-level", "log-level\n", 0, -1, NULL,
	    "Missing value for option log-level in file %F on line 1" },
	{ "bare number", "max-recipients\n", 0, -1, NULL,
	    "Missing value for option max-recipients in file %F on line 1" },
	{ "crlf numbering", "max-recipients=1\r\nbogus=1\r\n", 0, -1, NULL,
	    "Unknown configuration file option in file %F on line 3: bogus" },
	{ "cr numbering", "max-recipients=1\rbogus=1\r", 0, -1, NULL,
	    "Unknown configuration file option in file %F on line 2: bogus" },
};

static void
test_file_lines(void **state)
{
	const char *files[2] = { NULL, NULL };
	struct options *opt;
	char err[1024];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < nitems(fcases); i++) {
		const struct fcase *c = &fcases[i];
		const char *want;

		files[0] = put_n("lines.conf", c->content,
		    c->len ? c->len : strlen(c->content));
		rc = read_files(&opt, files, err, sizeof(err));
		want = expand(c->want, files[0]);
		if (rc != c->want_rc)
			fail_msg("%s: rc %d (%s), want %d", c->label, rc, err,
			    c->want_rc);
		if (rc == 0 && strcmp(show(opt, c->name), want) != 0)
			fail_msg("%s: %s is \"%s\", want \"%s\"", c->label,
			    c->name, show(opt, c->name), want);
		if (rc != 0 && strstr(err, want) == NULL)
			fail_msg("%s: error \"%s\", want \"%s\"", c->label,
			    err, want);
		opt_free(opt);
	}
}

static void
test_file_unreadable(void **state)
{
	const char *files[] = { "/nonexistent/spamdyke.conf", NULL };
	struct options *opt;
	char err[1024];

	(void)state;
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), -1);
	assert_string_equal(err, "unable to open config file "
	    "/nonexistent/spamdyke.conf: No such file or directory");
	opt_free(opt);

	files[0] = put("incl-bad.conf", "max-recipients=1\n"
	    "config-file=/nonexistent/inc.conf\n");
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), -1);
	assert_string_equal(err, "unable to open config file "
	    "/nonexistent/inc.conf: No such file or directory");
	opt_free(opt);
}

/* "A,B,..." from the debug lines that name every file read. */
static const char *
trace(void)
{
	static char out[512];
	const char *p = logged, *key = "reading configuration file ";

	out[0] = '\0';
	while ((p = strstr(p, key)) != NULL) {
		const char *name, *end;

		p += strlen(key);
		end = strchr(p, '\n');
		for (name = end; name > p && name[-1] != '/'; name--)
			;
		if (out[0] != '\0')
			str_lcat(out, ",", sizeof(out));
		strncat(out, name, (size_t)(end - name));
	}
	return out;
}

static void
test_include_order(void **state)
{
	const char *files[3];
	char a[512], c[512], err[1024];
	struct options *opt;

	(void)state;
	/* files.md 1.3: -f A -f C, A includes B: A, B, C, B. */
	put("B", "policy-url=B\nmax-recipients=2\n");
	snprintf(a, sizeof(a), "%s", put("A", expand("config-file=%D/B\n"
	    "max-recipients=1\npolicy-url=A\n", "")));
	snprintf(c, sizeof(c), "%s", put("C", "policy-url=C\n"));
	files[0] = a;
	files[1] = c;
	files[2] = NULL;
	logged[0] = '\0';
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	assert_string_equal(trace(), "A,B,C,B");
	/* B overrides the lines after A's config-file line, and C. */
	assert_string_equal(opt->policy_url, "B");
	assert_int_equal(opt->max_recipients, 2);
	assert_string_equal(show(opt, "config-file"),
	    expand("%D/A|%D/C|%D/B", ""));
	opt_free(opt);
}

static void
test_include_loops(void **state)
{
	const char *files[2] = { NULL, NULL };
	char a[512], err[1024];
	struct options *opt;

	(void)state;
	/* A file including itself is read once. */
	files[0] = put("self", expand("config-file=%D/self\n", ""));
	logged[0] = '\0';
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	assert_string_equal(trace(), "self");
	opt_free(opt);

	/* Mutual includes: the list never holds a name twice. */
	put("m2", expand("config-file=%D/m1\n", ""));
	files[0] = put("m1", expand("config-file=%D/m2\n", ""));
	logged[0] = '\0';
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	assert_string_equal(trace(), "m1,m2,m2");
	opt_free(opt);

	/*
	 * L2 drops L1 from the list, so L3 may add it again: the chain of
	 * open files (L1, L2, L3) still stops L3 from reading L1.
	 */
	snprintf(a, sizeof(a), "%s", put("L1", expand("config-file=%D/L2\n",
	    "")));
	put("L2", expand("config-file=!%D/L1\nconfig-file=%D/L3\n", ""));
	put("L3", expand("config-file=%D/L1\n", ""));
	files[0] = a;
	logged[0] = '\0';
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	assert_string_equal(trace(), "L1,L2,L3,L3,L1");
	opt_free(opt);
}

static void
test_post_parse_per_file(void **state)
{
	const char *files[3] = { NULL, NULL, NULL };
	char a[512], err[1024];
	struct options *opt;

	(void)state;
	files[0] = put("auth1", "smtp-auth-command=/bin/cp,/bin/true\n");
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	assert_int_equal(opt->smtp_auth_level, AL_ONDEMAND);
	opt_free(opt);

	files[0] = put("auth2", "smtp-auth-command=/bin/cp\n"
	    "smtp-auth-level=none\n");
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	assert_int_equal(opt->smtp_auth_level, AL_NONE);
	opt_free(opt);

	snprintf(a, sizeof(a), "%s", put("auth3",
	    "smtp-auth-command=/bin/cp\n"));
	files[0] = a;
	files[1] = put("auth4", "smtp-auth-command=!!!\n");
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	assert_int_equal(opt->smtp_auth_level, AL_OBSERVE);
	opt_free(opt);
}

static void
test_long_lines(void **state)
{
	const char *files[2] = { NULL, NULL };
	struct options *opt;
	char err[1024], *big;
	size_t n;

	(void)state;
	/* A line of 65535 bytes ends there; the rest is the next line. */
	n = 11 + 65600;
	big = malloc(n + 2);
	assert_non_null(big);
	memcpy(big, "policy-url=", 11);
	memset(big + 11, 'a', 65600);
	big[n] = '\n';
	files[0] = put_n("long", big, n + 1);
	logged[0] = '\0';
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), -1);
	assert_non_null(strstr(err, expand("Unknown configuration file option "
	    "in file %F on line 2: aaaa", files[0])));
	assert_int_equal(strlen(err) - strlen(expand("Unknown configuration "
	    "file option in file %F on line 2: ", files[0])), n - 65535);
	assert_non_null(strstr(logged, "policy-url is longer than 100 "
	    "characters, truncated"));
	opt_free(opt);

	/* Only 65536 lines are read; the rest is ignored silently. */
	memset(big, '\n', 65536);
	memcpy(big + 65536, "bogus=1\n", 8);
	files[0] = put_n("many", big, 65536 + 8);
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), 0);
	opt_free(opt);
	files[0] = put_n("many2", big + 1, 65535 + 8);
	assert_int_equal(read_files(&opt, files, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "on line 65536: bogus"));
	opt_free(opt);
	free(big);
}


/* D rules: every error is logged with file and line, the line skipped. */
static void
test_dir_file(void **state)
{
	static const char *const want[] = {
		"Unknown configuration file option in file %F on line 2: "
		    "bogus",
		"Option not allowed in configuration file, found in file %F "
		    "on line 3: max-recipients",
		"Bad or unparsable value for option graylist-min-secs: abc in "
		    "file %F on line 4",
		"Bad syntax in configuration file %F on line 5: policy-url "
		    "http://x",
		"Option not allowed in configuration file, found in file %F "
		    "on line 6: help",
		"Option not allowed in configuration file, found in file %F "
		    "on line 9: tls-level",
		"Option not allowed in configuration file, found in file %F "
		    "on line 10: rejection-text-timeout",
	};
	struct options *opt = opt_new();
	const char *path;
	size_t i;

	(void)state;
	path = put("dirfile", "reject-empty-rdns=1\n"
	    "bogus=1\n"
	    "max-recipients=5\n"
	    "graylist-min-secs=abc\n"
	    "policy-url http://x\n"
	    "help\n"
	    "greylist-level=always\n"
	    "sender-blacklist-entry=@x\n"
	    "tls-level=none\n"
	    "rejection-text-timeout=late\n"
	    "rejection-text-graylist=wait\n");
	logged[0] = '\0';
	assert_int_equal(opt_read_dir_file(opt, path), 4);
	for (i = 0; i < nitems(want); i++)
		if (strstr(logged, expand(want[i], path)) == NULL)
			fail_msg("log lacks \"%s\": %s", expand(want[i], path),
			    logged);
	assert_true(opt->reject_empty_rdns);
	assert_int_equal(opt->max_recipients, 0);
	assert_int_equal(opt->graylist_level, GL_ALWAYS);
	assert_int_equal(opt->tls_level, TLS_LEVEL_SMTP);
	assert_null(opt->rejection_text_timeout);
	assert_string_equal(opt->rejection_text_graylist, "wait");
	assert_int_equal(opt_mentioned(opt, "reject-empty-rdns"),
	    OPT_WHERE_D);

	logged[0] = '\0';
	assert_int_equal(opt_read_dir_file(opt, "/nonexistent/d"), -1);
	assert_non_null(strstr(logged, "unable to open config file "
	    "/nonexistent/d: No such file or directory"));
	opt_free(opt);
}

static void
test_dir_include(void **state)
{
	struct options *opt = opt_new();
	const char *path;

	(void)state;
	put("dinc", "policy-url=inc\nmax-recipients=3\n");
	path = put("dtop", expand("config-file=%D/dinc\npolicy-url=top\n"
	    "config-file=/nonexistent/x\n", ""));
	logged[0] = '\0';
	/* 3 lines of dtop and 1 of dinc; dinc is read after dtop. */
	assert_int_equal(opt_read_dir_file(opt, path), 4);
	assert_string_equal(opt->policy_url, "inc");
	assert_string_equal(trace(), "dtop,dinc,x");
	assert_non_null(strstr(logged, "unable to open config file "
	    "/nonexistent/x"));
	assert_non_null(strstr(logged, expand("found in file %D/dinc on line "
	    "2: max-recipients", "")));
	assert_int_equal(opt->max_recipients, 0);
	opt_free(opt);
}

/* Every name, in a global file and in a directory file. */
static void
test_every_option_in_files(void **state)
{
	const struct opt_row *r, *c;
	struct options *opt;
	char line[1200], err[1024], empty[512];
	const char *files[2] = { NULL, NULL };
	size_t i;
	int rc;

	(void)state;
	snprintf(empty, sizeof(empty), "%s", put("empty", ""));
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		const char *v;

		c = opt_row_by_name(r->name);
		switch (c->arg) {
		case OA_NONE:
			v = NULL;
			break;
		case OA_FLAG:
			v = "yes";
			break;
		case OA_N:
			v = "1";
			break;
		case OA_KEYWORD:
		case OA_KEYSET:
			v = c->kw[c->nkw - 1].name;
			break;
		default:
			v = strcmp(c->name, "config-file") == 0 ? empty :
			    "/tmp/x";
			break;
		}
		if (v == NULL)
			snprintf(line, sizeof(line), "%s\n", r->name);
		else
			snprintf(line, sizeof(line), "%s=%s\n", r->name, v);
		files[0] = put("every", line);
		rc = read_files(&opt, files, err, sizeof(err));
		if ((c->where & OPT_WHERE_F) && rc != 0)
			fail_msg("%s in F: %s", r->name, err);
		if (!(c->where & OPT_WHERE_F) && (rc != -1 || strstr(err,
		    expand("Option not allowed in configuration file, found "
		    "in file %F on line 1: ", files[0])) == NULL))
			fail_msg("%s in F: accepted (%s)", r->name, err);
		if (rc == 0 && !(opt_mentioned(opt, r->name) & OPT_WHERE_F))
			fail_msg("%s in F: not mentioned", r->name);
		opt_free(opt);

		opt = opt_new();
		logged[0] = '\0';
		rc = opt_read_dir_file(opt, files[0]);
		if ((c->where & OPT_WHERE_D) && rc != 1)
			fail_msg("%s in D: %d %s", r->name, rc, logged);
		if (!(c->where & OPT_WHERE_D) && (rc != 0 || strstr(logged,
		    "Option not allowed in configuration file") == NULL))
			fail_msg("%s in D: %d %s", r->name, rc, logged);
		opt_free(opt);
	}
}

/*
 * The fixture directory: $TOP_SRCDIR, else next to this source file as
 * compiled (__FILE__ is relative to the build directory, where the tests
 * run), else the current directory or one of its parents.
 */
static bool
find_fixtures(char *dir, size_t len)
{
	static const char *const tops[] = { ".", "..", "../..", "../../.." };
	const char *top = getenv("TOP_SRCDIR"), *slash = strrchr(__FILE__, '/');
	size_t i;

	if (top != NULL) {
		snprintf(dir, len, "%s/tests/fixtures/config", top);
		return true;
	}
	if (slash != NULL) {
		snprintf(dir, len, "%.*s/../fixtures/config",
		    (int)(slash - __FILE__), __FILE__);
		if (access(dir, R_OK) == 0)
			return true;
	}
	for (i = 0; i < nitems(tops); i++) {
		snprintf(dir, len, "%s/tests/fixtures/config", tops[i]);
		if (access(dir, R_OK) == 0)
			return true;
	}
	return false;
}

/* tests/fixtures/config/all-options.conf sets every F option. */
static void
test_all_options_fixture(void **state)
{
	const struct opt_row *r;
	struct options *opt;
	char dir[1024], err[1024];
	const char *files[] = { "all-options.conf", NULL };
	size_t i;
	int cwd, rc;

	(void)state;
	if (!find_fixtures(dir, sizeof(dir)))
		fail_msg("tests/fixtures/config not found; set TOP_SRCDIR");
	/* The fixture names its include relative to its own directory. */
	cwd = open(".", O_RDONLY);
	assert_true(cwd >= 0);
	assert_int_equal(chdir(dir), 0);
	logged[0] = '\0';
	rc = read_files(&opt, files, err, sizeof(err));
	assert_int_equal(fchdir(cwd), 0);
	close(cwd);
	if (rc != 0)
		fail_msg("all-options.conf: %s", err);
	if (strstr(logged, "ERROR") != NULL)
		fail_msg("all-options.conf logged: %s", logged);
	for (i = 0; (r = opt_row_at(i)) != NULL; i++)
		if (r->alias_of == NULL && (r->where & OPT_WHERE_F) &&
		    !(opt_mentioned(opt, r->name) & OPT_WHERE_F))
			fail_msg("all-options.conf does not set %s", r->name);
	assert_string_equal(trace(), "all-options.conf,"
	    "all-options-include.conf,all-options-include.conf");
	opt_free(opt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_file_lines, setup),
		cmocka_unit_test_setup(test_file_unreadable, setup),
		cmocka_unit_test_setup(test_include_order, setup),
		cmocka_unit_test_setup(test_include_loops, setup),
		cmocka_unit_test_setup(test_post_parse_per_file, setup),
		cmocka_unit_test_setup(test_long_lines, setup),
		cmocka_unit_test_setup(test_dir_file, setup),
		cmocka_unit_test_setup(test_dir_include, setup),
		cmocka_unit_test_setup(test_every_option_in_files, setup),
		cmocka_unit_test_setup(test_all_options_fixture, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
