/*
 * test_config_dump.c - the CURRENT CONFIG dump (src/config/dump.c,
 * files.md 10), deep copies (opt_dup) and the final defaults (opt_finish).
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

#include "config/options.h"
#include "log/log.h"
#include "util/buf.h"
#include "util/str.h"

static void
set(struct options *opt, const char *name, const char *value, unsigned w)
{
	char err[256];

	if (opt_set(opt, name, value, w, err, sizeof(err)) != 0)
		fail_msg("%s=%s: %s", name, value ? value : "(none)", err);
}

static const struct dcase {
	const char	*label;
	const char	*set[8][2];	/* name, value */
	const char	*want;
} dcases[] = {
	{ "defaults", { { NULL } }, "" },
	{ "files.md example", { { "full-log-dir", "/var/log/sdfull" },
	    { "reject-empty-rdns", NULL } },
	    "full-log-dir=/var/log/sdfull\nreject-empty-rdns=1\n" },
	{ "mixed", { { "max-recipients", "5" },
	    { "filter-level", "reject-all" }, { "ip-blacklist-entry", "a" },
	    { "ip-blacklist-entry", "b" }, { "reject-sender", "no-mx" },
	    { "reject-sender", "not-local" }, { "log-target", "stderr" },
	    { "policy-url", "http://x/" } },
	    "filter-level=reject-all\nip-blacklist-entry=a\n"
	    "ip-blacklist-entry=b\nlog-target=stderr\nmax-recipients=5\n"
	    "policy-url=http://x/\nreject-sender=no-mx\n"
	    "reject-sender=not-local\n" },
	{ "same as default", { { "max-recipients", "0" },
	    { "filter-level", "normal" }, { "log-target", "syslog" },
	    { "reject-sender", "none" } }, "" },
	{ "set back to default", { { "reject-empty-rdns", "1" },
	    { "reject-empty-rdns", "0" }, { "graylist-min-secs", "3" },
	    { "graylist-min-secs", "0" } }, "" },
	{ "empty set differs", { { "config-dir-search", "all-ip" },
	    { "dns-query-type-rbl", "!!!" } }, "config-dir-search=all-ip\n" },
	{ "secrets masked", { { "tls-privatekey-password", "hunter2" },
	    { "config-test-smtpauth-password", "pw" } },
	    "config-test-smtpauth-password=********\n"
	    "tls-privatekey-password=********\n" },
	{ "keyword names", { { "smtp-auth-level", "always-encrypted" },
	    { "tls-min-protocol", "tlsv1.3" }, { "log-level", "debug" } },
	    "log-level=debug\nsmtp-auth-level=always-encrypted\n"
	    "tls-min-protocol=TLSv1.3\n" },
	{ "cmd stored form", { { "smtp-auth-command", "/bin/cp,/bin/true" } },
	    "smtp-auth-command=/bin/cp /bin/true\n" },
};

static void
test_dump(void **state)
{
	struct options *opt;
	struct buf b;
	size_t i, k;

	(void)state;
	for (i = 0; i < nitems(dcases); i++) {
		const struct dcase *c = &dcases[i];

		opt = opt_new();
		assert_non_null(opt);
		for (k = 0; k < nitems(c->set) && c->set[k][0]; k++)
			set(opt, c->set[k][0], c->set[k][1], OPT_WHERE_C);
		buf_init(&b, 1 << 16);
		opt_dump(opt, &b);
		if (strcmp(buf_cstr(&b), c->want) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"", c->label,
			    buf_cstr(&b), c->want);
		buf_free(&b);
		opt_free(opt);
	}
}

static void
test_dup(void **state)
{
	struct options *a = opt_new(), *b;
	struct buf da, db;

	(void)state;
	assert_non_null(a);
	set(a, "ip-blacklist-entry", "a", OPT_WHERE_C);
	set(a, "policy-url", "http://a/", OPT_WHERE_F);
	set(a, "reject-sender", "no-mx", OPT_WHERE_F);
	set(a, "max-recipients", "4", OPT_WHERE_C);
	b = opt_dup(a);
	assert_non_null(b);
	buf_init(&da, 4096);
	buf_init(&db, 4096);
	opt_dump(a, &da);
	opt_dump(b, &db);
	assert_string_equal(buf_cstr(&da), buf_cstr(&db));
	assert_int_equal(opt_mentioned(b, "policy-url"), OPT_WHERE_F);

	/* A directory file changes the copy only. */
	set(b, "ip-blacklist-entry", "b", OPT_WHERE_D);
	set(b, "policy-url", "!!!", OPT_WHERE_D);
	set(b, "reject-sender", "not-local", OPT_WHERE_D);
	assert_int_equal(a->ip_blacklist_entry.n, 1);
	assert_int_equal(b->ip_blacklist_entry.n, 2);
	assert_string_equal(a->policy_url, "http://a/");
	assert_null(b->policy_url);
	assert_int_equal(a->reject_sender, RS_NO_MX);
	/* The copy kept "mentioned": the D value adds to the set. */
	assert_int_equal(b->reject_sender, RS_NO_MX | RS_NOT_LOCAL);
	assert_int_equal(opt_mentioned(a, "ip-blacklist-entry"), OPT_WHERE_C);
	assert_int_equal(opt_mentioned(b, "ip-blacklist-entry"),
	    OPT_WHERE_C | OPT_WHERE_D);
	assert_int_equal(b->max_recipients, 4);
	buf_free(&da);
	buf_free(&db);
	opt_free(a);
	opt_free(b);
	opt_free(NULL);
}

static void
test_finish(void **state)
{
	char dir[] = "/tmp/test_config_dump.XXXXXX", ctl[256], rcpt[300];
	char resolv[300], err[256], cmd[300];
	struct options *opt;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(ctl, sizeof(ctl), "%s/control", dir);
	snprintf(cmd, sizeof(cmd), "mkdir %s", ctl);
	assert_int_equal(system(cmd), 0);
	snprintf(rcpt, sizeof(rcpt), "%s/rcpthosts", ctl);
	snprintf(resolv, sizeof(resolv), "%s/resolv.conf", dir);
	assert_non_null(fp = fopen(rcpt, "w"));
	fclose(fp);
	assert_non_null(fp = fopen(resolv, "w"));
	fclose(fp);
	opt_set_default_paths(ctl);
	opt_set_default_resolv_conf(resolv);

	/* Path defaults only when the path exists (no morercpthosts.cdb). */
	opt = opt_new();
	opt_finish(opt);
	assert_int_equal(opt->qmail_rcpthosts_file.n, 1);
	assert_string_equal(opt->qmail_rcpthosts_file.v[0], rcpt);
	assert_int_equal(opt->qmail_morercpthosts_cdb.n, 0);
	assert_int_equal(opt->dns_resolv_conf.n, 1);
	assert_string_equal(opt->dns_resolv_conf.v[0], resolv);
	assert_int_equal(opt->smtp_auth_level, AL_OBSERVE);
	opt_free(opt);

	/* Mentioning, even with !!!, keeps the default away. */
	opt = opt_new();
	set(opt, "qmail-rcpthosts-file", "!!!", OPT_WHERE_F);
	set(opt, "dns-resolv-conf", "/etc/other", OPT_WHERE_C);
	set(opt, "smtp-auth-command", "/bin/cp", OPT_WHERE_C);
	opt_finish(opt);
	assert_int_equal(opt->qmail_rcpthosts_file.n, 0);
	assert_int_equal(opt->dns_resolv_conf.n, 1);
	assert_string_equal(opt->dns_resolv_conf.v[0], "/etc/other");
	assert_int_equal(opt->smtp_auth_level, AL_ONDEMAND);
	opt_free(opt);

	/* An explicit level wins over the smtp-auth-command default. */
	opt = opt_new();
	assert_int_equal(opt_set(opt, "smtp-auth-level", "always",
	    OPT_WHERE_C, err, sizeof(err)), 0);
	set(opt, "smtp-auth-command", "/bin/cp", OPT_WHERE_C);
	opt_finish(opt);
	assert_int_equal(opt->smtp_auth_level, AL_ALWAYS);
	assert_int_equal(opt_mentioned(opt, "smtp-auth-level"), OPT_WHERE_C);
	assert_int_equal(opt_mentioned(opt, "max-recipients"), 0);
	assert_int_equal(opt_mentioned(opt, "no-such-option"), 0);
	opt_free(opt);

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_dup),
		cmocka_unit_test(test_finish),
	};

	log_open(LL_NONE, 0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
