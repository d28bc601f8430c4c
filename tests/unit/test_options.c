/*
 * test_options.c - the option table, value parsing and the command line
 * (src/config/options.c, parse.c, cmdline.c, help.c, dump.c).
 *
 * The expected option list below is copied from options.md by hand, not
 * from the table, so a row with a wrong name, flag or place fails here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/options.h"
#include "log/log.h"
#include "util/buf.h"
#include "util/str.h"

/* Kinds: a action, f FLAG, n N, k keyword, s set, t single text, l list. */
static const struct spec {
	const char	*name;
	char		 shortopt;
	const char	*where;
	char		 kind;
	const char	*sample;	/* a valid value */
} spec[] = {
	{ "config-dir", 0, "CF", 'l', "/tmp/cd" },
	{ "config-dir-search", 0, "CF", 's', "all-ip" },
	{ "config-file", 'f', "CFD", 'l', NULL },	/* sample: at run */
	{ "config-test", 0, "C", 'a', NULL },
	{ "config-test-smtpauth-password", 0, "C", 't', "pw" },
	{ "config-test-smtpauth-username", 0, "C", 't', "user" },
	{ "connection-timeout-secs", 't', "CF", 'n', "30" },
	{ "dns-blacklist-entry", 'x', "CFD", 'l', "zen.example.org" },
	{ "dns-blacklist-file", 0, "CFD", 'l', "/tmp/rbl" },
	{ "dns-level", 0, "CF", 'k', "normal" },
	{ "dns-max-retries-primary", 0, "CF", 'n', "2" },
	{ "dns-max-retries-total", 0, "CF", 'n', "4" },
	{ "dns-query-type-a", 0, "CF", 's', "a" },
	{ "dns-query-type-mx", 0, "CF", 's', "mx" },
	{ "dns-query-type-ptr", 0, "CF", 's', "ptr" },
	{ "dns-query-type-rbl", 0, "CF", 's', "txt" },
	{ "dns-resolv-conf", 0, "CF", 'l', "/tmp/resolv" },
	{ "dns-server-ip", 0, "CF", 'l', "192.0.2.1:53" },
	{ "dns-server-ip-primary", 0, "CF", 'l', "192.0.2.2" },
	{ "dns-spoof", 0, "CF", 'k', "reject" },
	{ "dns-tcp", 0, "CF", 'k', "none" },
	{ "dns-timeout-secs", 0, "CF", 'n', "10" },
	{ "dns-whitelist-entry", 0, "CFD", 'l', "wl.example.org" },
	{ "dns-whitelist-file", 0, "CFD", 'l', "/tmp/wl" },
	{ "filter-level", 0, "CFD", 'k', "reject-all" },
	{ "full-log-dir", 'L', "CF", 't', "/tmp/full" },
	{ "graylist-dir", 'g', "CFD", 'l', "/tmp/gl" },
	{ "graylist-exception-ip-entry", 0, "CFD", 'l', "192.0.2." },
	{ "graylist-exception-ip-file", 0, "CFD", 'l', "/tmp/glip" },
	{ "graylist-exception-rdns-dir", 0, "CFD", 'l', "/tmp/glrd" },
	{ "graylist-exception-rdns-entry", 0, "CFD", 'l', ".example.org" },
	{ "graylist-exception-rdns-file", 0, "CFD", 'l', "/tmp/glrf" },
	{ "graylist-level", 0, "CFD", 'k', "always" },
	{ "graylist-max-secs", 'M', "CFD", 'n', "86400" },
	{ "graylist-min-secs", 'm', "CFD", 'n', "300" },
	{ "graylist-retry-hint", 0, "CFD", 'f', "yes" },	/* addition */
	{ "greeting-delay-secs", 'e', "CFD", 'n', "5" },
	{ "header-blacklist-entry", 0, "CFD", 'l', "Subject: *viagra*" },
	{ "header-blacklist-file", 0, "CFD", 'l', "/tmp/hb" },
	{ "help", 'h', "C", 'a', NULL },
	{ "hostname", 0, "CF", 't', "mx.example.com" },
	{ "hostname-command", 0, "CF", 't', "/bin/hostname,-f" },
	{ "hostname-file", 0, "CF", 't', "/var/qmail/control/me" },
	{ "idle-timeout-secs", 'T', "CF", 'n', "60" },
	{ "ip-blacklist-entry", 0, "CFD", 'l', "198.51.100.7" },
	{ "ip-blacklist-file", 'B', "CFD", 'l', "/tmp/ipbl" },
	{ "ip-in-rdns-keyword-blacklist-entry", 0, "CFD", 'l', "dsl" },
	{ "ip-in-rdns-keyword-blacklist-file", 'k', "CFD", 'l', "/tmp/kb" },
	{ "ip-in-rdns-keyword-whitelist-entry", 0, "CFD", 'l', "mail" },
	{ "ip-in-rdns-keyword-whitelist-file", 0, "CFD", 'l', "/tmp/kw" },
	{ "ip-relay-entry", 0, "CF", 'l', "127.0.0.1" },
	{ "ip-relay-file", 0, "CF", 'l', "/tmp/relay" },
	{ "ip-whitelist-entry", 0, "CFD", 'l', "10.0.0.0/8" },
	{ "ip-whitelist-file", 'W', "CFD", 'l', "/tmp/ipwl" },
	{ "log-level", 'l', "CF", 'k', "debug" },
	{ "log-target", 0, "CF", 's', "stderr" },
	{ "max-recipients", 'a', "CF", 'n', "5" },
	{ "more-help", 0, "C", 'a', NULL },
	{ "policy-url", 'u', "CFD", 't', "http://example.com/p" },
	{ "qmail-morercpthosts-cdb", 0, "CF", 'l', "/tmp/more.cdb" },
	{ "qmail-rcpthosts-file", 'd', "CF", 'l', "/tmp/rcpthosts" },
	{ "rdns-blacklist-dir", 'b', "CFD", 'l', "/tmp/rbd" },
	{ "rdns-blacklist-entry", 0, "CFD", 'l', ".example.net" },
	{ "rdns-blacklist-file", 0, "CFD", 'l', "/tmp/rbf" },
	{ "rdns-relay-entry", 0, "CF", 'l', "mx.example.com" },
	{ "rdns-relay-file", 0, "CF", 'l', "/tmp/rrf" },
	{ "rdns-whitelist-dir", 0, "CFD", 'l', "/tmp/rwd" },
	{ "rdns-whitelist-entry", 0, "CFD", 'l', "good.example.com" },
	{ "rdns-whitelist-file", 'w', "CFD", 'l', "/tmp/rwf" },
	{ "recipient-blacklist-entry", 0, "CFD", 'l', "abuse@" },
	{ "recipient-blacklist-file", 'S', "CFD", 'l', "/tmp/rcbl" },
	{ "recipient-validation-command", 0, "CF", 'l', "/usr/bin/qrv" },
	{ "recipient-whitelist-entry", 0, "CFD", 'l', "postmaster@" },
	{ "recipient-whitelist-file", 0, "CFD", 'l', "/tmp/rcwl" },
	{ "reject-empty-rdns", 'r', "CFD", 'f', "1" },
	{ "reject-ip-in-cc-rdns", 'c', "CFD", 'f', "y" },
	{ "reject-recipient", 0, "CFD", 's', "same-as-sender" },
	{ "reject-sender", 0, "CFD", 's', "no-mx" },
	{ "reject-unresolvable-rdns", 'R', "CFD", 'f', "t" },
	{ "rejection-text-auth-failure", 0, "CF", 't', "x" },
	{ "rejection-text-auth-unknown", 0, "CF", 't', "x" },
	{ "rejection-text-dns-blacklist", 0, "CFD", 't', "x" },
	{ "rejection-text-earlytalker", 0, "CFD", 't', "x" },
	{ "rejection-text-empty-rdns", 0, "CFD", 't', "x" },
	{ "rejection-text-graylist", 0, "CFD", 't', "x" },
	{ "rejection-text-header-blacklist", 0, "CF", 't', "x" },
	{ "rejection-text-ip-blacklist", 0, "CFD", 't', "x" },
	{ "rejection-text-ip-in-cc-rdns", 0, "CFD", 't', "x" },
	{ "rejection-text-ip-in-rdns-keyword-blacklist", 0, "CFD", 't', "x" },
	{ "rejection-text-local-recipient", 0, "CFD", 't', "x" },
	{ "rejection-text-max-recipients", 0, "CFD", 't', "x" },
	{ "rejection-text-rdns-blacklist", 0, "CFD", 't', "x" },
	{ "rejection-text-recipient-blacklist", 0, "CFD", 't', "x" },
	{ "rejection-text-recipient-invalid", 0, "CFD", 't', "x" },
	{ "rejection-text-recipient-same-as-sender", 0, "CFD", 't', "x" },
	{ "rejection-text-recipient-unavailable", 0, "CFD", 't', "x" },
	{ "rejection-text-reject-all", 0, "CFD", 't', "x" },
	{ "rejection-text-relaying-denied", 0, "CFD", 't', "x" },
	{ "rejection-text-rhs-blacklist", 0, "CFD", 't', "x" },
	{ "rejection-text-sender-authentication-mismatch", 0, "CFD", 't',
	    "x" },
	{ "rejection-text-sender-blacklist", 0, "CFD", 't', "x" },
	{ "rejection-text-sender-no-mx", 0, "CFD", 't', "x" },
	{ "rejection-text-sender-not-local", 0, "CFD", 't', "x" },
	{ "rejection-text-smtp-auth-required", 0, "CFD", 't', "x" },
	{ "rejection-text-timeout", 0, "CF", 't', "x" },
	{ "rejection-text-tls-failure", 0, "CF", 't', "x" },
	{ "rejection-text-unresolvable-rdns", 0, "CFD", 't', "x" },
	{ "rejection-text-zero-recipients", 0, "CF", 't', "x" },
	{ "relay-level", 0, "CF", 'k', "block-all" },
	{ "rhs-blacklist-entry", 'X', "CFD", 'l', "dbl.example.org" },
	{ "rhs-blacklist-file", 0, "CFD", 'l', "/tmp/rhsbl" },
	{ "rhs-whitelist-entry", 0, "CFD", 'l', "rhswl.example.org" },
	{ "rhs-whitelist-file", 0, "CFD", 'l', "/tmp/rhswl" },
	{ "run-as-user", 0, "C", 't', "vpopmail:vchkpw" },
	{ "sender-blacklist-entry", 0, "CFD", 'l', "@spam.example" },
	{ "sender-blacklist-file", 's', "CFD", 'l', "/tmp/sbl" },
	{ "sender-whitelist-entry", 0, "CFD", 'l', "friend@example.org" },
	{ "sender-whitelist-file", 0, "CFD", 'l', "/tmp/swl" },
	{ "smtp-auth-command", 0, "CF", 'l', "/bin/checkpassword,/bin/true" },
	{ "smtp-auth-level", 0, "CF", 'k', "always-encrypted" },
	{ "smtp-auth-require-tls", 0, "CF", 'f', "1" },	/* addition */
	{ "tls-certificate-file", 0, "CF", 't', "/tmp/cert.pem" },
	{ "tls-cipher-list", 0, "CF", 't', "HIGH:!aNULL" },
	{ "tls-ciphersuites", 0, "CF", 't', "TLS_AES_256_GCM_SHA384" },
	{ "tls-dhparams-file", 0, "CF", 't', "/tmp/dh.pem" },
	{ "tls-level", 0, "CF", 'k', "smtps" },
	{ "tls-min-protocol", 0, "CF", 'k', "TLSv1.3" },	/* addition */
	{ "tls-privatekey-file", 0, "CF", 't', "/tmp/key.pem" },
	{ "tls-privatekey-password", 0, "CF", 't', "secret" },
	{ "tls-privatekey-password-file", 0, "CF", 't', "/tmp/pw" },
	{ "version", 'v', "C", 'a', NULL },
};

static const struct {
	const char	*alias;
	const char	*target;
} aliases[] = {
	{ "greylist-dir", "graylist-dir" },
	{ "greylist-exception-ip-entry", "graylist-exception-ip-entry" },
	{ "greylist-exception-ip-file", "graylist-exception-ip-file" },
	{ "greylist-exception-rdns-dir", "graylist-exception-rdns-dir" },
	{ "greylist-exception-rdns-entry", "graylist-exception-rdns-entry" },
	{ "greylist-exception-rdns-file", "graylist-exception-rdns-file" },
	{ "greylist-level", "graylist-level" },
	{ "greylist-max-secs", "graylist-max-secs" },
	{ "greylist-min-secs", "graylist-min-secs" },
	{ "rejection-text-greylist", "rejection-text-graylist" },
};

/* options.md 2.18: old names that must stay unknown. */
static const char *const old_names[] = {
	"check-dnsrbl", "local-domains-file", "local-domains-entry",
	"access-file", "reject-missing-sender-mx",
	"reject-identical-sender-recipient",
	"rejection-text-missing-sender-mx",
	"rejection-text-identical-sender-recipient",
	"rejection-text-access-denied", "ip-in-keyword-whitelist-entry",
	"ip-in-keyword-whitelist-file", "tls-password-file",
	"smtp-auth-command-encryption", "reject-bare-lf", "syslog-facility",
};

/* Log capture through the log observer. */
static char logged[8192];

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
	log_open(LL_NONE, 0);
	log_set_observer(observe, NULL);
	logged[0] = '\0';
	return 0;
}

static unsigned
where_bits(const char *w)
{
	unsigned b = 0;

	if (strchr(w, 'C'))
		b |= OPT_WHERE_C;
	if (strchr(w, 'F'))
		b |= OPT_WHERE_F;
	if (strchr(w, 'D'))
		b |= OPT_WHERE_D;
	return b;
}

/* Format the field of option name like "a|b" (lists), numbers, text. */
static const char *
show(const struct options *opt, const char *name)
{
	static char out[4096];
	const struct opt_row *r = opt_row_by_name(name);
	const char *f;
	const struct strlist *l;
	size_t i;

	assert_non_null(r);
	f = (const char *)opt + r->off;
	out[0] = '\0';
	switch (r->arg) {
	case OA_NONE:
	case OA_FLAG:
		snprintf(out, sizeof(out), "%d", *(const bool *)f);
		break;
	case OA_N:
		snprintf(out, sizeof(out), "%ld", *(const long *)f);
		break;
	case OA_KEYWORD:
		snprintf(out, sizeof(out), "%d", *(const int *)f);
		break;
	case OA_KEYSET:
		snprintf(out, sizeof(out), "%u", *(const unsigned *)f);
		break;
	default:
		if (r->rep == OR_LIST) {
			l = (const struct strlist *)f;
			for (i = 0; i < l->n; i++) {
				if (i > 0)
					str_lcat(out, "|", sizeof(out));
				str_lcat(out, l->v[i], sizeof(out));
			}
		} else
			snprintf(out, sizeof(out), "%s",
			    *(char *const *)f ? *(char *const *)f : "(null)");
	}
	return out;
}

static void
test_table_matches_spec(void **state)
{
	const struct opt_row *r, *prev = NULL;
	size_t i, canon = 0, alias = 0, shorts = 0;

	(void)state;
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (prev != NULL && strcmp(prev->name, r->name) >= 0)
			fail_msg("table not sorted at %s", r->name);
		prev = r;
		if (r->alias_of != NULL) {
			alias++;
			continue;
		}
		canon++;
		if (r->shortopt)
			shorts++;
		assert_non_null(r->help);
	}
	assert_int_equal(i, opt_count());
	/* 127 canonical + 4 additions; 10 aliases + greylist-retry-hint. */
	assert_int_equal(canon, nitems(spec));
	assert_int_equal(canon, 131);
	assert_int_equal(alias, 11);
	assert_int_equal(shorts, 26);
	for (i = 0; i < nitems(spec); i++) {
		r = opt_row_by_name(spec[i].name);
		if (r == NULL)
			fail_msg("%s: missing", spec[i].name);
		if (strcmp(r->name, spec[i].name) != 0 ||
		    r->shortopt != spec[i].shortopt ||
		    r->where != where_bits(spec[i].where))
			fail_msg("%s: short %c where %u, want %c %s",
			    spec[i].name, r->shortopt ? r->shortopt : '0',
			    r->where, spec[i].shortopt ? spec[i].shortopt :
			    '0', spec[i].where);
	}
	for (i = 0; i < nitems(aliases); i++) {
		r = opt_row_by_name(aliases[i].alias);
		if (r == NULL || strcmp(r->name, aliases[i].target) != 0)
			fail_msg("alias %s", aliases[i].alias);
	}
	for (i = 0; i < nitems(old_names); i++)
		if (opt_row_by_name(old_names[i]) != NULL)
			fail_msg("%s must be unknown", old_names[i]);
}

static void
test_defaults(void **state)
{
	static const struct {
		const char	*name;
		const char	*want;
	} cases[] = {
		{ "config-dir-search", "0" },
		{ "dns-level", "2" },		/* DL_AGGRESSIVE */
		{ "dns-max-retries-primary", "1" },
		{ "dns-max-retries-total", "3" },
		{ "dns-query-type-a", "5" },	/* QT_A | QT_CNAME */
		{ "dns-query-type-mx", "13" },
		{ "dns-query-type-ptr", "20" },
		{ "dns-query-type-rbl", "37" },
		{ "dns-spoof", "0" },
		{ "dns-tcp", "1" },
		{ "dns-timeout-secs", "0" },
		{ "filter-level", "1" },	/* FL_NORMAL */
		{ "graylist-level", "0" },
		{ "log-level", "1" },		/* LL_ERROR */
		{ "log-target", "2" },		/* LT_SYSLOG */
		{ "max-recipients", "0" },
		{ "reject-empty-rdns", "0" },
		{ "reject-sender", "0" },
		{ "relay-level", "2" },		/* RL_NORMAL */
		{ "smtp-auth-level", "1" },	/* AL_OBSERVE */
		{ "tls-level", "1" },		/* TLS_LEVEL_SMTP */
		{ "tls-min-protocol", "2" },	/* TLSv1.2 */
		{ "policy-url", "(null)" },
		{ "graylist-dir", "" },
	};
	struct options *opt = opt_new();
	size_t i;

	(void)state;
	assert_non_null(opt);
	assert_int_equal(QT_A | QT_CNAME, 5);
	for (i = 0; i < nitems(cases); i++)
		if (strcmp(show(opt, cases[i].name), cases[i].want) != 0)
			fail_msg("%s: got %s, want %s", cases[i].name,
			    show(opt, cases[i].name), cases[i].want);
	opt_free(opt);
}

/* Values: a sequence of settings, then the expected field or error. */
static const struct vcase {
	const char	*label;
	unsigned	 where;
	const char	*name;
	const char	*values[4];	/* "\x01" = no value (bare name) */
	int		 want_rc;	/* of the last setting */
	const char	*want;	/* show() or an error substring */
	const char	*want_log;	/* substring of the log, or NULL */
} vcases[] = {
#define F	OPT_WHERE_F
#define BARE	"\x01"
	{ "flag yes", F, "reject-empty-rdns", { "yes" }, 0, "1", NULL },
	{ "flag Tuesday", F, "reject-empty-rdns", { "Tuesday" }, 0, "1",
	    NULL },
	{ "flag 1", F, "reject-empty-rdns", { "1" }, 0, "1", NULL },
	{ "flag no", F, "reject-empty-rdns", { "1", "no" }, 0, "0", NULL },
	{ "flag False", F, "reject-ip-in-cc-rdns", { "y", "False" }, 0, "0",
	    NULL },
	{ "flag 0", F, "reject-unresolvable-rdns", { "0" }, 0, "0", NULL },
	{ "flag bare", F, "reject-empty-rdns", { BARE }, 0, "1", NULL },
	{ "flag bare twice", OPT_WHERE_C, "reject-empty-rdns",
	    { BARE, BARE }, 0, "1", NULL },
	{ "flag on", F, "reject-empty-rdns", { "on" }, -1,
	    "Bad or unparsable value for option reject-empty-rdns: on", NULL },
	{ "flag off", F, "reject-empty-rdns", { "off" }, -1,
	    "Bad or unparsable value", NULL },
	{ "flag !!!", F, "reject-empty-rdns", { "!!!" }, -1,
	    "Bad or unparsable value", NULL },
	{ "flag empty", OPT_WHERE_C, "reject-empty-rdns", { "" }, -1,
	    "Bad or unparsable value", NULL },
	{ "num", F, "max-recipients", { "5" }, 0, "5", NULL },
	{ "num blanks sign", F, "max-recipients", { "  +7" }, 0, "7", NULL },
	{ "num trailing", F, "max-recipients", { "5x" }, 0, "5",
	    "ignoring trailing characters in value for option "
	    "max-recipients: 5x" },
	{ "num comment", F, "max-recipients", { "5 # x" }, 0, "5",
	    "ignoring trailing" },
	{ "num max", F, "idle-timeout-secs", { "2147483647" }, 0,
	    "2147483647", NULL },
	{ "num too big", F, "idle-timeout-secs", { "2147483648" }, -1,
	    "Illegal value for option idle-timeout-secs: 2147483648 (must be "
	    "between 0 and 2147483647)", NULL },
	{ "num overflow", F, "idle-timeout-secs",
	    { "99999999999999999999999" }, -1, "must be between", NULL },
	{ "num negative", F, "max-recipients", { "-1" }, -1,
	    "Illegal value for option max-recipients: -1 (must be between 0 "
	    "and 2147483647)", NULL },
	{ "num total min 1", F, "dns-max-retries-total", { "0" }, -1,
	    "(must be between 1 and 2147483647)", NULL },
	{ "num words", F, "max-recipients", { "five" }, -1,
	    "Bad or unparsable value for option max-recipients: five", NULL },
	{ "num bare", F, "max-recipients", { BARE }, -1,
	    "Missing value for option max-recipients", NULL },
	{ "num !!!", F, "max-recipients", { "!!!" }, -1,
	    "Bad or unparsable value", NULL },
	{ "num replace", F, "graylist-min-secs", { "5", "6" }, 0, "6", NULL },
	{ "kw", F, "filter-level", { "reject-all" }, 0, "3", NULL },
	{ "kw case", F, "filter-level", { "REQUIRE-AUTH" }, 0, "2", NULL },
	{ "kw bad", F, "filter-level", { "bogus" }, -1,
	    "Illegal value for option filter-level: bogus (must be one of "
	    "allow-all, normal, require-auth, reject-all)", NULL },
	{ "kw bare", F, "graylist-level", { BARE }, -1,
	    "Missing value for option graylist-level", NULL },
	{ "kw !!!", F, "filter-level", { "reject-all", "!!!" }, 0, "1",
	    NULL },
	{ "kw !word match", F, "filter-level", { "reject-all",
	    "!reject-all" }, 0, "1", NULL },
	{ "kw !word other", F, "filter-level", { "require-auth",
	    "!reject-all" }, 0, "2", NULL },
	{ "kw !bad", F, "filter-level", { "!bogus" }, -1,
	    "Illegal value for option filter-level: !bogus", NULL },
	{ "kw last wins", F, "dns-level", { "none", "normal" }, 0, "1",
	    NULL },
	{ "log-level bare C", OPT_WHERE_C, "log-level", { BARE }, 0, "2",
	    NULL },
	{ "log-level bare F", F, "log-level", { BARE }, -1,
	    "Missing value for option log-level", NULL },
	{ "log-level excessive", F, "log-level", { "excessive" }, 0, "5",
	    NULL },
	{ "tls-min", F, "tls-min-protocol", { "tlsv1.1" }, 0, "1", NULL },
	{ "tls-min bad", F, "tls-min-protocol", { "SSLv3" }, -1,
	    "must be one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3", NULL },
	{ "set replaces default", F, "log-target", { "stderr" }, 0, "1",
	    NULL },
	{ "set both", F, "log-target", { "stderr", "SYSLOG" }, 0, "3", NULL },
	{ "set !word", F, "log-target", { "stderr", "syslog", "!stderr" }, 0,
	    "2", NULL },
	{ "set !default word", F, "log-target", { "!syslog" }, 0, "0",
	    NULL },
	{ "set !!!", F, "reject-sender", { "no-mx", "!!!" }, 0, "0", NULL },
	{ "set none", F, "reject-sender", { "no-mx", "not-local", "none" }, 0,
	    "0", NULL },
	{ "set none then", F, "reject-sender", { "none",
	    "authentication-domain-mismatch" }, 0, "8", NULL },
	{ "set recipient", F, "reject-recipient", { "invalid",
	    "unavailable" }, 0, "6", NULL },
	{ "set first", F, "config-dir-search", { "all-ip", "all-sender",
	    "first" }, 0, "0", NULL },
	{ "set all", F, "config-dir-search", { "all-rdns",
	    "all-recipient" }, 0, "10", NULL },
	{ "set qt aaaa", F, "dns-query-type-a", { "aaaa" }, 0, "2", NULL },
	{ "set qt bad", F, "dns-query-type-ptr", { "mx" }, -1,
	    "(must be one of cname, ptr)", NULL },
	{ "set bare", F, "reject-sender", { BARE }, -1,
	    "Missing value for option reject-sender", NULL },
	{ "list", F, "ip-blacklist-entry", { "a", "b" }, 0, "a|b", NULL },
	{ "list dedup", F, "ip-blacklist-entry", { "a", "b", "a" }, 0, "a|b",
	    NULL },
	{ "list dedup exact", F, "ip-blacklist-entry", { "a", "A" }, 0,
	    "a|A", NULL },
	{ "list !!!", F, "sender-blacklist-file", { "/a", "/b", "!!!",
	    "/last" }, 0, "/last", NULL },
	{ "list !value", F, "ip-blacklist-entry", { "a", "b", "c", "!b" }, 0,
	    "a|c", NULL },
	{ "list !absent", F, "ip-blacklist-entry", { "a", "!zz" }, 0, "a",
	    NULL },
	{ "list bare", F, "ip-blacklist-entry", { BARE }, -1,
	    "Missing value for option ip-blacklist-entry", NULL },
	{ "list empty", OPT_WHERE_C, "ip-blacklist-entry", { "" }, -1,
	    "Missing value", NULL },
	{ "cmd commas", F, "smtp-auth-command",
	    { "/bin/checkpassword,/bin/true" }, 0,
	    "/bin/checkpassword /bin/true", NULL },
	{ "cmd single", F, "hostname-command", { "/bin/a,b,,c" }, 0,
	    "/bin/a b  c", NULL },
	{ "cmd !value", F, "smtp-auth-command", { "/a,b", "/c", "!/a,b" }, 0,
	    "/c", NULL },
	{ "dir slashes", F, "graylist-dir", { "/var/gl///" }, 0, "/var/gl",
	    NULL },
	{ "dir dedup", F, "graylist-dir", { "/var/gl/", "/var/gl" }, 0,
	    "/var/gl", NULL },
	{ "dir root", F, "config-dir", { "/" }, 0, "/", NULL },
	{ "dir single", F, "full-log-dir", { "/tmp/x/" }, 0, "/tmp/x", NULL },
	{ "file keeps slash", F, "config-file", { "/tmp/x/" }, 0, "/tmp/x/",
	    NULL },
	{ "text", F, "policy-url", { "http://a/" }, 0, "http://a/", NULL },
	{ "text quotes", F, "rejection-text-ip-blacklist",
	    { "Go away, \"spammer\"" }, 0, "Go away, \"spammer\"", NULL },
	{ "text !!!", F, "policy-url", { "http://a/", "!!!" }, 0, "(null)",
	    NULL },
	{ "text !same", F, "policy-url", { "http://a/", "!http://a/" }, 0,
	    "(null)", NULL },
	{ "text !other", F, "policy-url", { "http://a/", "!http://b/" }, 0,
	    "http://a/", NULL },
	{ "text bare", F, "policy-url", { BARE }, -1,
	    "Missing value for option policy-url", NULL },
	{ "text unlimited", F, "hostname", { "a23456789012345678901234567890"
	    "12345678901234567890123456789012345678901234567890123456789012"
	    "34567890123456789012345678901234567890" }, 0,
	    "a2345678901234567890123456789012345678901234567890123456789012"
	    "3456789012345678901234567890123456789012345678901234567890123456"
	    "7890", NULL },
	{ "alias", F, "greylist-min-secs", { "9" }, 0, "9", NULL },
	{ "alias text", F, "rejection-text-greylist", { "wait" }, 0, "wait",
	    NULL },
	{ "action value", OPT_WHERE_C, "config-test", { "x" }, -1,
	    "Option config-test does not take a value: x", NULL },
	{ "C only in F", F, "run-as-user", { "u" }, -1,
	    "Option not allowed here: run-as-user", NULL },
	{ "CF in D", OPT_WHERE_D, "max-recipients", { "5" }, -1,
	    "Option not allowed here: max-recipients", NULL },
	{ "unknown", F, "reject-missing-sender-mx", { "1" }, -1,
	    "Unknown option: reject-missing-sender-mx", NULL },
#undef F
};

static void
test_values(void **state)
{
	char err[512];
	size_t i, k;
	int rc = 0;

	(void)state;
	for (i = 0; i < nitems(vcases); i++) {
		const struct vcase *c = &vcases[i];
		struct options *opt = opt_new();
		const char *got;

		logged[0] = '\0';
		for (k = 0; k < nitems(c->values) && c->values[k]; k++) {
			const char *v = strcmp(c->values[k], BARE) == 0 ?
			    NULL : c->values[k];

			err[0] = '\0';
			rc = opt_set(opt, c->name, v, c->where, err,
			    sizeof(err));
		}
		got = rc == 0 ? show(opt, c->name) : err;
		if (rc != c->want_rc || (rc == 0 && strcmp(got, c->want)) ||
		    (rc != 0 && strstr(got, c->want) == NULL))
			fail_msg("%s: got %d \"%s\", want %d \"%s\"", c->label,
			    rc, got, c->want_rc, c->want);
		if (c->want_log != NULL && strstr(logged, c->want_log) == NULL)
			fail_msg("%s: log \"%s\" lacks \"%s\"", c->label,
			    logged, c->want_log);
		if (c->want_log == NULL && rc == 0 && logged[0] != '\0')
			fail_msg("%s: unexpected log \"%s\"", c->label, logged);
		opt_free(opt);
	}
}

static void
test_text_truncation(void **state)
{
	struct options *opt = opt_new();
	char err[256], val[160];

	(void)state;
	memset(val, 'x', 150);
	val[150] = '\0';
	logged[0] = '\0';
	assert_int_equal(opt_set(opt, "rejection-text-timeout", val,
	    OPT_WHERE_F, err, sizeof(err)), 0);
	assert_int_equal(strlen(opt->rejection_text_timeout), 100);
	assert_non_null(strstr(logged, "rejection-text-timeout is longer "
	    "than 100 characters, truncated"));
	logged[0] = '\0';
	val[100] = '\0';
	assert_int_equal(opt_set(opt, "policy-url", val, OPT_WHERE_F, err,
	    sizeof(err)), 0);
	assert_int_equal(strlen(opt->policy_url), 100);
	assert_string_equal(logged, "");
	opt_free(opt);
}


/* Command line. */

static const struct acase {
	const char	*label;
	const char	*argv[10];	/* after argv[0]; NULL-terminated */
	int		 want_rc;
	enum opt_action	 want_action;
	int		 want_cmd;	/* index of the command */
	const char	*name;		/* option to check, or NULL */
	const char	*want;	/* show() value or error substring */
} acases[] = {
	{ "prefix", { "--max-rec", "5", "/q" }, 0, OPT_RUN, 3,
	    "max-recipients", "5" },
	{ "prefix =", { "--max-rec=6", "/q" }, 0, OPT_RUN, 2,
	    "max-recipients", "6" },
	{ "exact wins", { "--config-dir", "/d", "/q" }, 0, OPT_RUN, 3,
	    "config-dir", "/d" },
	{ "exact config-test", { "--config-test", "/q" }, 0, OPT_CONFIG_TEST,
	    2, "config-test", "1" },
	{ "ambiguous", { "--gr", "1", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Ambiguous option: --gr (could be --graylist-dir" },
	{ "ambiguous reject", { "--reject=1", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Ambiguous option: --reject" },
	{ "alias prefix same option", { "--rejection-text-gr=x", "/q" }, 0,
	    OPT_RUN, 2, "rejection-text-graylist", "x" },
	{ "alias", { "--greylist-min-secs", "9", "/q" }, 0, OPT_RUN, 3,
	    "graylist-min-secs", "9" },
	{ "alias prefix", { "--greylist-le=only", "/q" }, 0, OPT_RUN, 2,
	    "graylist-level", "3" },
	{ "unknown", { "--bogus", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Unknown option: --bogus" },
	{ "old name", { "--check-dnsrbl=x", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Unknown option: --check-dnsrbl" },
	{ "case sensitive", { "--MAX-RECIPIENTS=5", "/q" }, -1, OPT_RUN, 0,
	    NULL, "Unknown option: --MAX-RECIPIENTS" },
	{ "empty name", { "--=x", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Unknown option: --" },
	{ "unknown short", { "-Z", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Unknown option: -Z" },
	{ "double dash", { "--", "-r" }, 0, OPT_RUN, 2, "reject-empty-rdns",
	    "0" },
	{ "dash after options", { "-r", "--", "/q", "-a" }, 0, OPT_RUN, 3,
	    "reject-empty-rdns", "1" },
	{ "stop at command", { "/q", "--help" }, 0, OPT_RUN, 1, "help", "0" },
	{ "dash is command", { "-" }, 0, OPT_RUN, 1, NULL, NULL },
	{ "optional not separate", { "--reject-empty-rdns", "no", "/q" }, 0,
	    OPT_RUN, 2, "reject-empty-rdns", "1" },
	{ "optional attached", { "--reject-empty-rdns=no", "/q" }, 0,
	    OPT_RUN, 2, "reject-empty-rdns", "0" },
	{ "short optional attached", { "-Rno", "/q" }, 0, OPT_RUN, 2,
	    "reject-unresolvable-rdns", "0" },
	{ "-rR is a value", { "-rR", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Bad or unparsable value for option reject-empty-rdns: R" },
	{ "-rc is a value", { "-rc", "/q" }, -1, OPT_RUN, 0, NULL,
	    "reject-empty-rdns: c" },
	{ "-r -r", { "-r", "-r", "/q" }, 0, OPT_RUN, 3, "reject-empty-rdns",
	    "1" },
	{ "-c", { "-c", "/q" }, 0, OPT_RUN, 2, "reject-ip-in-cc-rdns", "1" },
	{ "-l separate", { "-l", "debug" }, 0, OPT_RUN, 2, "log-level",
	    "2" },
	{ "-l attached", { "-ldebug", "/q" }, 0, OPT_RUN, 2, "log-level",
	    "4" },
	{ "--log-level bare", { "--log-level", "/q" }, 0, OPT_RUN, 2,
	    "log-level", "2" },
	{ "--log-level=none", { "--log-level=none", "/q" }, 0, OPT_RUN, 2,
	    "log-level", "0" },
	{ "-l bad", { "-lloud", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Illegal value for option log-level: loud (must be one of none, "
	    "error, info, verbose, debug, excessive)" },
	{ "short separate", { "-a", "5", "/q" }, 0, OPT_RUN, 3,
	    "max-recipients", "5" },
	{ "short attached", { "-a7", "/q" }, 0, OPT_RUN, 2, "max-recipients",
	    "7" },
	{ "short bad value", { "-a", "x", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Bad or unparsable value for option max-recipients: x" },
	{ "group -hv", { "-hv" }, 0, OPT_HELP, 0, NULL, NULL },
	{ "group -vh", { "-vh" }, 0, OPT_VERSION, 0, NULL, NULL },
	{ "help stops", { "--help", "--bogus" }, 0, OPT_HELP, 0, NULL, NULL },
	{ "error before help", { "--bogus", "--help" }, -1, OPT_RUN, 0, NULL,
	    "Unknown option: --bogus" },
	{ "more-help", { "--more-help" }, 0, OPT_MORE_HELP, 0, NULL, NULL },
	{ "more-help prefix", { "--more" }, 0, OPT_MORE_HELP, 0, NULL, NULL },
	{ "version", { "-v" }, 0, OPT_VERSION, 0, NULL, NULL },
	{ "help value", { "--help=1" }, -1, OPT_RUN, 0, NULL,
	    "Option help does not take a value: 1" },
	{ "missing command", { "-r" }, -1, OPT_RUN, 0, NULL,
	    "Missing qmail-smtpd command" },
	{ "missing command config-test", { "--config-test" }, -1, OPT_RUN, 0,
	    NULL, "Missing qmail-smtpd command" },
	{ "missing value", { "--policy-url" }, -1, OPT_RUN, 0, NULL,
	    "Option requires a value: --policy-url" },
	{ "missing value short", { "-a" }, -1, OPT_RUN, 0, NULL,
	    "Option requires a value: -a" },
	{ "value like option", { "--policy-url", "--", "/q" }, 0, OPT_RUN, 3,
	    "policy-url", "--" },
	{ "!!!", { "-x", "a", "-x", "b", "-x", "!!!", "-x", "c", "/q" }, 0,
	    OPT_RUN, 9, "dns-blacklist-entry", "c" },
	{ "!VALUE", { "--ip-blacklist-entry=a", "--ip-blacklist-entry=b",
	    "--ip-blacklist-entry=!a", "/q" }, 0, OPT_RUN, 4,
	    "ip-blacklist-entry", "b" },
	{ "list dedup", { "-B", "/f", "-B/f", "/q" }, 0, OPT_RUN, 4,
	    "ip-blacklist-file", "/f" },
	{ "keyword !word", { "--filter-level=reject-all",
	    "--filter-level=!reject-all", "/q" }, 0, OPT_RUN, 3,
	    "filter-level", "1" },
	{ "empty value", { "--policy-url=", "/q" }, -1, OPT_RUN, 0, NULL,
	    "Missing value for option policy-url" },
};

static void
run_argv(const char *const *args, struct options **optp, int *rc,
    enum opt_action *action, int *cmd, char *err, size_t errlen)
{
	char *argv[24];
	int argc = 0;

	argv[argc++] = (char *)"spamdyke";
	while (*args != NULL && argc < 23)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	*optp = opt_new();
	assert_non_null(*optp);
	err[0] = '\0';
	*rc = opt_parse_cmdline(*optp, argc, argv, action, cmd, err, errlen);
}

static void
test_cmdline_cases(void **state)
{
	struct options *opt;
	enum opt_action action;
	char err[512];
	size_t i;
	int rc, cmd;

	(void)state;
	for (i = 0; i < nitems(acases); i++) {
		const struct acase *c = &acases[i];

		run_argv(c->argv, &opt, &rc, &action, &cmd, err, sizeof(err));
		if (rc != c->want_rc)
			fail_msg("%s: rc %d (%s), want %d", c->label, rc, err,
			    c->want_rc);
		if (rc == -1 && strstr(err, c->want) == NULL)
			fail_msg("%s: error \"%s\", want \"%s\"", c->label,
			    err, c->want);
		if (rc == 0 && action != c->want_action)
			fail_msg("%s: action %d, want %d", c->label,
			    (int)action, (int)c->want_action);
		if (rc == 0 && c->want_action == OPT_RUN &&
		    cmd != c->want_cmd)
			fail_msg("%s: command at %d, want %d", c->label, cmd,
			    c->want_cmd);
		if (rc == 0 && c->name != NULL &&
		    strcmp(show(opt, c->name), c->want) != 0)
			fail_msg("%s: %s is %s, want %s", c->label, c->name,
			    show(opt, c->name), c->want);
		opt_free(opt);
	}
}

/* Every option by its long name, both spellings, and every short flag. */
static void
test_cmdline_every_option(void **state)
{
	struct options *opt;
	enum opt_action action;
	char err[512], eq[256];
	const char *args[6];
	size_t i, form;
	int rc, cmd;

	(void)state;
	for (i = 0; i < nitems(spec); i++) {
		const struct spec *s = &spec[i];
		const char *v = s->sample ? s->sample : "/tmp/cf";

		for (form = 0; form < 3; form++) {
			size_t n = 0;
			char sh[3] = { '-', s->shortopt, '\0' };

			if (s->kind == 'a') {
				if (form == 1 || (form == 2 && !s->shortopt))
					continue;
				args[n++] = form == 0 ? eq : sh;
				snprintf(eq, sizeof(eq), "--%s", s->name);
			} else if (form == 0) {
				snprintf(eq, sizeof(eq), "--%s=%s", s->name, v);
				args[n++] = eq;
			} else if (form == 1 && (s->kind == 'f' ||
			    strcmp(s->name, "log-level") == 0)) {
				snprintf(eq, sizeof(eq), "--%s", s->name);
				args[n++] = eq;
			} else if (form == 1) {
				snprintf(eq, sizeof(eq), "--%s", s->name);
				args[n++] = eq;
				args[n++] = v;
			} else if (s->shortopt == 0) {
				break;
			} else if (s->kind == 'f' || s->kind == 'k') {
				snprintf(eq, sizeof(eq), "-%c%s", s->shortopt,
				    v);
				args[n++] = eq;
			} else {
				args[n++] = sh;
				args[n++] = v;
			}
			args[n++] = "/bin/true";
			args[n] = NULL;
			run_argv(args, &opt, &rc, &action, &cmd, err,
			    sizeof(err));
			if (rc != 0)
				fail_msg("%s form %zu: %s", s->name, form, err);
			if ((opt_mentioned(opt, s->name) & OPT_WHERE_C) == 0)
				fail_msg("%s form %zu: not set", s->name, form);
			if (s->kind != 'a' && cmd != (int)n)
				fail_msg("%s form %zu: command at %d", s->name,
				    form, cmd);
			opt_free(opt);
		}
	}
	/* The aliases work on the command line too (Improvement). */
	for (i = 0; i < nitems(aliases); i++) {
		const char *v = strstr(aliases[i].alias, "level") ? "only" :
		    strstr(aliases[i].alias, "secs") ? "3" : "x";

		snprintf(eq, sizeof(eq), "--%s=%s", aliases[i].alias, v);
		args[0] = eq;
		args[1] = "/q";
		args[2] = NULL;
		run_argv(args, &opt, &rc, &action, &cmd, err, sizeof(err));
		if (rc != 0 || opt_mentioned(opt, aliases[i].target) == 0)
			fail_msg("alias %s: %s", aliases[i].alias, err);
		opt_free(opt);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_table_matches_spec, setup),
		cmocka_unit_test_setup(test_defaults, setup),
		cmocka_unit_test_setup(test_values, setup),
		cmocka_unit_test_setup(test_text_truncation, setup),
		cmocka_unit_test_setup(test_cmdline_cases, setup),
		cmocka_unit_test_setup(test_cmdline_every_option, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
