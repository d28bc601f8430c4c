/*
 * test.c - --config-test (files.md 12): every check of 12.2 in order,
 * printed to stderr as "KIND(option): text" lines, and the verdict.
 *
 * The checks run on the options as start-up left them: the effective
 * user, spamdyke's own binary, what the qmail command offers after
 * EHLO, then every option in alphabetical order (a special test when the
 * option has one, else the generic test of its type).  Configuration
 * directories are walked and each file in them is read under D rules and
 * its options tested like global ones.  Messages of the modules used on
 * the way (file.c, the zone loader) are caught with a log observer and
 * shown as ERROR lines.  Nothing here changes the configuration; the
 * only files created are the probe files of the writable-directory test,
 * deleted at once.
 *
 * This file holds the output, the environment and user checks (12.2
 * items 2 and 3), the table of special tests and the option loop; the
 * tests themselves live in test_files.c, test_qmail.c, test_cdir.c and
 * test_lists.c (test_int.h).
 *
 * Improvements: exit status 1 when errors were found; warnings for list
 * lines that can match nothing; every DNS blacklist is asked for its
 * test entries (127.0.0.2 listed, 127.0.0.1 not, no 127.255.255.x).
 * Entry point: config_test.
 */
#include <sys/types.h>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/optint.h"
#include "config/options.h"
#include "config/test.h"
#include "config/test_int.h"
#include "log/log.h"
#include "util/str.h"

extern char **environ;

struct special {
	const char	*name;
	void		(*fn)(struct ct *, const struct opt_row *,
			    const struct options *);
};

/* ---------------------------------------------------------------- output */

void
ct_say(struct ct *ct, enum kind k, const char *name, const char *fmt, ...)
{
	static const char *const word[] = {
		[K_ERROR] = "ERROR", [K_WARNING] = "WARNING",
		[K_WARNING_V] = "WARNING", [K_INFO] = "INFO",
		[K_SUCCESS] = "SUCCESS", [K_VERBOSE] = NULL,
	};
	enum log_level need;
	char msg[2048];
	va_list ap;

	if (k == K_ERROR)
		ct->errors++;
	need = k == K_ERROR || k == K_WARNING ? LL_ERROR :
	    k == K_INFO || k == K_SUCCESS ? LL_INFO : LL_VERBOSE;
	if (need > ct->level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (word[k] == NULL)
		fprintf(stderr, "%s\n", msg);
	else if (name != NULL)
		fprintf(stderr, "%s(%s): %s%s\n", word[k], name, msg,
		    ct->context);
	else
		fprintf(stderr, "%s: %s%s\n", word[k], msg, ct->context);
	fflush(stderr);
}

/* Errors the modules log while we use them become ERROR lines. */
static void
observe(const char *msg, void *ctx)
{
	struct ct *ct = ctx;
	const char *p;

	if (!ct->capturing || strncmp(msg, "ERROR(", 6) != 0)
		return;
	if ((p = strstr(msg, "): ")) != NULL)
		msg = p + 3;
	ct_say(ct, K_ERROR, ct->capture_opt, "%s", msg);
}

void
ct_capture(struct ct *ct, const char *name)
{
	ct->capturing = name != NULL;
	ct->capture_opt = name;
}

const char *
ct_kwname(const char *option, int value)
{
	const struct opt_row *r = opt_row_by_name(option);
	size_t i;

	for (i = 0; r != NULL && i < r->nkw; i++)
		if (r->kw[i].value == value)
			return r->kw[i].name;
	return "?";
}

/* The values of row r in o: a list, or one string (n 0 when unset). */
const char *const *
ct_values(const struct opt_row *r, const struct options *o, size_t *n,
    const char **one)
{
	const struct strlist *l;

	*n = 0;
	switch (r->arg) {
	case OA_NONE:
	case OA_FLAG:
	case OA_N:
	case OA_KEYWORD:
	case OA_KEYSET:
		return NULL;
	default:
		break;
	}
	if (r->rep == OR_LIST) {
		l = opt_cfield(o, r);
		*n = l->n;
		return (const char *const *)l->v;
	}
	*one = *(char *const *)opt_cfield(o, r);
	*n = *one != NULL;
	return one;
}

bool
ct_local_known(const struct options *o)
{
	return o->qmail_rcpthosts_file.n > 0 ||
	    o->qmail_morercpthosts_cdb.n > 0;
}

/* ------------------------------------------------ 12.2 items 2 and 3 */

static bool
env_has(char **env, const char *entry, bool whole)
{
	size_t n = whole ? strlen(entry) + 1 : strlen(entry);

	for (; *env != NULL; env++)
		if (strncmp(*env, entry, n) == 0 &&
		    (whole || (*env)[n] == '='))
			return true;
	return false;
}

/* 12.2 item 2: the environment of the commands run by the tests. */
static int
env_build(struct ct *ct)
{
	static char port[] = "TCPLOCALPORT=25";
	static char host[] = "TCPREMOTEHOST=localhost";
	static char ip[] = "TCPREMOTEIP=127.0.0.1";
	static char rh[] = "REMOTE_HOST=127.0.0.1";
	size_t n = 0, i;

	while (environ[n] != NULL)
		n++;
	if ((ct->envp = calloc(n + 5, sizeof(char *))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		ct->envp[i] = environ[i];
	if (!env_has(environ, "TCPLOCALPORT", false))
		ct->envp[n++] = port;
	if (!env_has(environ, "TCPREMOTEHOST", false))
		ct->envp[n++] = host;
	/* Compat: added after an existing different value, which wins. */
	if (!env_has(environ, ip, true))
		ct->envp[n++] = ip;
	if (!env_has(environ, rh, true))
		ct->envp[n++] = rh;
	ct->envp[n] = NULL;
	return 0;
}

/* 12.2 item 3. */
static void
test_user(struct ct *ct)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	struct passwd *pw = getpwuid(uid);
	struct group *gr = getgrgid(gid);
	const char *un = pw != NULL ? pw->pw_name : "(unknown)";
	const char *gn = gr != NULL ? gr->gr_name : "(unknown)";

	if (uid == 0)
		ct_say(ct, K_WARNING, NULL, "Running tests as superuser "
		    "%s(%ld), group %s(%ld). These test results may not be "
		    "valid if the mail server runs as another user.", un,
		    (long)uid, gn, (long)gid);
	else if (ct->opt->run_as_user != NULL)
		ct_say(ct, K_SUCCESS, NULL, "Running tests as user %s(%ld), "
		    "group %s(%ld).", un, (long)uid, gn, (long)gid);
	else
		ct_say(ct, K_WARNING, NULL, "Running tests as user %s(%ld), "
		    "group %s(%ld). Is this the same user and group the mail "
		    "server uses? If not, add run-as-user to test as that "
		    "user.", un, (long)uid, gn, (long)gid);
}

static void
sp_none(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	(void)ct;
	(void)r;
	(void)o;
}

/* ------------------------------------------------------------ the loop */

static const struct special specials[] = {
	{ "config-dir", ct_sp_config_dir },
	{ "dns-blacklist-entry", ct_sp_dnsbl },
	{ "dns-blacklist-file", ct_sp_dnsbl_file },
	{ "graylist-dir", sp_none },
	{ "graylist-exception-rdns-dir", ct_sp_rdns_dir },
	{ "graylist-level", ct_sp_graylist },
	{ "qmail-rcpthosts-file", ct_sp_rcpthosts },
	{ "rdns-blacklist-dir", ct_sp_rdns_dir },
	{ "rdns-whitelist-dir", ct_sp_rdns_dir },
	{ "relay-level", ct_sp_relay },
	{ "smtp-auth-command", sp_none },
	{ "smtp-auth-level", ct_sp_auth },
	{ "tls-certificate-file", ct_sp_tls },
	{ "tls-dhparams-file", ct_sp_tls },
	{ "tls-privatekey-file", ct_sp_tls },
	{ "tls-privatekey-password", ct_sp_tls },
	{ "tls-privatekey-password-file", ct_sp_tls },
};

/*
 * 12.2 item 6: every option in alphabetical order.  Globally (o the
 * global options) every special test runs; for a directory file (o its
 * own values, merged those over the global ones) only what it sets is
 * tested, graylisting on the merged view.
 */
void
ct_test_options(struct ct *ct, const struct options *o,
    const struct options *merged)
{
	const struct opt_row *r;
	size_t i, j;

	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (r->alias_of != NULL)
			continue;
		if (ct->dirfile != NULL &&
		    !(opt_mentioned(o, r->name) & OPT_WHERE_D))
			continue;
		for (j = 0; j < nitems(specials); j++)
			if (strcmp(specials[j].name, r->name) == 0)
				break;
		if (j == nitems(specials))
			ct_generic(ct, r, o);
		else if (specials[j].fn == ct_sp_graylist)
			specials[j].fn(ct, r, merged);
		else
			specials[j].fn(ct, r, o);
	}
}

int
config_test(struct options *opt, const char *argv0, char *const qmail_argv[])
{
	struct sigaction ign, old;
	struct ct ct;

	memset(&ct, 0, sizeof(ct));
	ct.opt = opt;
	ct.level = opt->log_level > LL_ERROR ? (enum log_level)opt->log_level :
	    LL_ERROR;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	log_open(LL_NONE, 0);
	log_set_observer(observe, &ct);

	opt_print_version(stderr);
	ct_say(&ct, K_VERBOSE, NULL, "Testing configuration...");
	if (env_build(&ct) == -1) {
		ct_say(&ct, K_ERROR, NULL, "out of memory");
		goto out;
	}
	test_user(&ct);
	ct_test_self(&ct, argv0);
	ct_test_qmail(&ct, qmail_argv);
	ct_test_options(&ct, opt, opt);
out:
	if (ct.errors == 0)
		fprintf(stderr, "SUCCESS: Tests complete. No errors "
		    "detected.\n");
	else
		fprintf(stderr, "ERROR: Tests complete. Errors detected.\n");
	fflush(stderr);
	log_set_observer(NULL, NULL);
	sigaction(SIGPIPE, &old, NULL);
	free(ct.envp);
	/* Improvement: 5.0.1 exits 0 whatever the verdict. */
	return ct.errors == 0 ? 0 : 1;
}
