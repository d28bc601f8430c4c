/*
 * main.c - start-up of spamdyke-qrv: hygiene before anything else (qrv.md
 * S2), the command line (1.2), operand checks (S3), the trust rule for
 * path options given by other users (S4), then one validation and the exit
 * code (1.3).  The algorithm itself is in validate.c.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qrv/qrv.h"
#include "util/file.h"
#include "util/str.h"

#define MAX_USERNAME	511
#define MAX_DOMAIN	255
#define MAX_RELAYCLIENT	255

#ifdef WITH_VPOPMAIL_SUPPORT
#define VERSION_VPOP	"+VPOPMAIL"
#else
#define VERSION_VPOP	""
#endif
#ifdef WITH_EXCESSIVE_OUTPUT
#define VERSION_EXC	"+EXCESSIVE"
#define EXCESSIVE_BUILD	true
#else
#define VERSION_EXC	""
#define EXCESSIVE_BUILD	false
#endif

extern char	**environ;

enum optkind { OPT_HELP, OPT_VERBOSE, OPT_DIAG, OPT_LIST, OPT_SINGLE };

static const struct optrow {
	const char	*name;
	char		 flag;
	enum optkind	 kind;
	size_t		 off;		/* of a qlist or a qpath */
	const char	*def;
	const char	*help;
} optrows[] = {
	{ "help", 'h', OPT_HELP, 0, NULL, "show this text and exit" },
	{ "verbose", 'v', OPT_VERBOSE, 0, NULL,
	    "more output; twice: excessive output (root only)" },
	{ "diag", 'd', OPT_DIAG, 0, NULL,
	    "print the decision path (excessive builds, root only)" },
	{ "qmail-percenthack-file", 0, OPT_LIST,
	    offsetof(struct qrv, percenthack),
	    QMAIL_HOME "/control/percenthack", "percenthack file" },
	{ "qmail-locals-file", 0, OPT_LIST, offsetof(struct qrv, locals),
	    QMAIL_HOME "/control/locals", "locals file" },
	{ "qmail-virtualdomains-file", 0, OPT_LIST,
	    offsetof(struct qrv, virtualdomains),
	    QMAIL_HOME "/control/virtualdomains", "virtualdomains file" },
	{ "qmail-assign-cdb", 0, OPT_LIST, offsetof(struct qrv, assign),
	    QMAIL_HOME "/users/cdb", "compiled users/assign" },
	{ "qmail-defaultdelivery-file", 0, OPT_SINGLE,
	    offsetof(struct qrv, defaultdelivery),
	    QMAIL_HOME "/control/defaultdelivery", "defaultdelivery file" },
	{ "qmail-envnoathost-file", 0, OPT_SINGLE,
	    offsetof(struct qrv, envnoathost),
	    QMAIL_HOME "/control/envnoathost", "envnoathost file" },
	{ "qmail-me-file", 0, OPT_SINGLE, offsetof(struct qrv, me),
	    QMAIL_HOME "/control/me", "me file" },
	{ "qmail-rcpthosts-file", 0, OPT_LIST,
	    offsetof(struct qrv, rcpthosts),
	    QMAIL_HOME "/control/rcpthosts", "accepted and ignored" },
	{ "qmail-morercpthosts-cdb", 0, OPT_LIST,
	    offsetof(struct qrv, morercpthosts),
	    QMAIL_HOME "/control/morercpthosts.cdb", "accepted and ignored" },
};

struct given {
	bool	 seen[nitems(optrows)];
	char	*operands[3];
	size_t	 noperands;
};

static void
usage_header(void)
{
	fprintf(stderr, "spamdyke-qrv %s%s%s\n"
	    "USAGE: spamdyke-qrv [ OPTIONS ] DOMAIN USERNAME\n",
	    QRV_VERSION, VERSION_VPOP, VERSION_EXC);
}

static void __attribute__((noreturn))
usage(void)
{
	size_t i;

	usage_header();
	fprintf(stderr, "\nExit: 0 unknown, 1 valid, 2 invalid, "
	    "3 unavailable, 255 error.\n\n");
	for (i = 0; i < nitems(optrows); i++) {
		if (optrows[i].flag != 0)
			fprintf(stderr, "  -%c, --%-26s %s\n", optrows[i].flag,
			    optrows[i].name, optrows[i].help);
		else
			fprintf(stderr, "  --%s %s\n      %s (default %s)\n",
			    optrows[i].name, optrows[i].kind == OPT_LIST ?
			    "FILE (repeatable)" : "FILE", optrows[i].help,
			    optrows[i].def);
	}
	exit(0);
}

/* Usage and option errors: header on stderr, error line on stdout, 255. */
static void __attribute__((noreturn, format(printf, 1, 2)))
bad_usage(const char *fmt, ...)
{
	va_list ap;

	usage_header();
	printf("QRV-ERROR(%s@%s:%d): ", __func__, __FILE__, __LINE__);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	exit(QR_ERROR);
}

/* S2.1: fds 0-2 open, every other inherited descriptor closed. */
static void
fd_hygiene(void)
{
	struct dirent *de;
	DIR *d;
	long fd, max;
	int nfd;

	for (nfd = 0; nfd <= 2; nfd++)
		if (fcntl(nfd, F_GETFD) == -1 &&
		    open("/dev/null", O_RDWR) != nfd)
			_exit(QR_ERROR);
	if ((d = opendir("/dev/fd")) != NULL) {
		while ((de = readdir(d)) != NULL) {
			fd = strtol(de->d_name, NULL, 10);
			if (fd > 2 && fd != dirfd(d))
				close((int)fd);
		}
		closedir(d);
		return;
	}
	if ((max = sysconf(_SC_OPEN_MAX)) < 0 || max > 65536)
		max = 65536;
	for (fd = 3; fd < max; fd++)
		close((int)fd);
}

/* S2: everything the caller could have set up for us is undone. */
static void
startup(struct qrv *q)
{
	static char *empty_env[] = { NULL };
	struct rlimit rl = { 0, 0 };
	sigset_t none;
	const char *rc;
	int n;

	fd_hygiene();
	umask(077);
	if (chdir("/") == -1)
		_exit(QR_ERROR);
	(void)setrlimit(RLIMIT_CORE, &rl);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGCHLD, SIG_DFL);	/* or waitpid() could not reap */
	signal(SIGALRM, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);	/* a closed stdout: still exit right */
	clock_gettime(CLOCK_MONOTONIC, &q->start);
	if ((rc = getenv("RELAYCLIENT")) != NULL &&
	    (q->relayclient = str_dup(rc)) == NULL)
		_exit(QR_ERROR);
	environ = empty_env;		/* PATH included: never read */
	q->ruid = getuid();
	q->rgid = getgid();
	q->euid = geteuid();
	q->privileged = q->euid == 0;
	if ((n = getgroups(0, NULL)) < 0 ||
	    (q->groups = calloc((size_t)n + 1, sizeof(gid_t))) == NULL ||
	    (q->ngroups = getgroups(n, q->groups)) < 0)
		_exit(QR_ERROR);
	buf_init(&q->path, 4096);
	id_root(q);
}

static void
add_path(struct qrv *q, const struct optrow *row, bool first, char *val)
{
	struct qlist *l = (struct qlist *)((char *)q + row->off);
	struct qpath *p = (struct qpath *)((char *)q + row->off);

	if (row->kind == OPT_SINGLE) {
		p->path = val;
		return;
	}
	if (first)
		l->n = 0;
	if (l->n == QRV_MAX_PATHS)
		bad_usage("too many --%s options", row->name);
	l->v[l->n].path = val;
	l->v[l->n++].fd = -1;
}

/* Find a long option by exact name or unique prefix (GNU style). */
static const struct optrow *
long_option(const char *name, size_t n)
{
	const struct optrow *hit = NULL;
	size_t i, nhit = 0;

	for (i = 0; i < nitems(optrows); i++) {
		if (strncmp(optrows[i].name, name, n) != 0)
			continue;
		if (optrows[i].name[n] == '\0')
			return &optrows[i];
		hit = &optrows[i];
		nhit++;
	}
	return nhit == 1 ? hit : NULL;
}

static void
apply(struct qrv *q, struct given *g, const struct optrow *row, char *val)
{
	switch (row->kind) {
	case OPT_HELP:
		usage();
	case OPT_VERBOSE:
		if (q->verbose < 2)
			q->verbose++;
		break;
	case OPT_DIAG:
		q->diag_wanted = true;
		break;
	default:
		add_path(q, row, !g->seen[row - optrows], val);
		break;
	}
	g->seen[row - optrows] = true;
}

/* 1.2: flags before or between operands; "--" ends them. */
static void
parse(struct qrv *q, struct given *g, int argc, char **argv)
{
	const struct optrow *row;
	char *a, *eq, *val;
	bool flags = true;
	size_t i;
	int k;

	for (k = 1; k < argc; k++) {
		a = argv[k];
		if (!flags || a[0] != '-' || a[1] == '\0') {
			if (g->noperands == 2)
				bad_usage("too many operands: %s", a);
			g->operands[g->noperands++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			flags = false;
			continue;
		}
		if (a[1] != '-') {		/* cluster of short flags */
			for (i = 1; a[i] != '\0'; i++) {
				for (row = optrows; row < optrows +
				    nitems(optrows) && row->flag != a[i]; row++)
					;
				if (row == optrows + nitems(optrows))
					bad_usage("unknown option: %s", a);
				apply(q, g, row, NULL);
			}
			continue;
		}
		eq = strchr(a + 2, '=');
		row = long_option(a + 2, eq != NULL ? (size_t)(eq - a - 2) :
		    strlen(a + 2));
		if (row == NULL)
			bad_usage("unknown or ambiguous option: %s", a);
		val = NULL;
		if (row->kind == OPT_LIST || row->kind == OPT_SINGLE) {
			if (eq != NULL)
				val = eq + 1;
			else if (k + 1 < argc)
				val = argv[++k];
			else
				bad_usage("option needs a file: %s", a);
		} else if (eq != NULL) {
			bad_usage("option takes no value: %s", a);
		}
		apply(q, g, row, val);
	}
	if (g->noperands < 1)
		bad_usage("%s", "missing DOMAIN");
	if (g->noperands < 2)
		bad_usage("%s", "missing USERNAME");
}

/* S3: operand and RELAYCLIENT checks. */
static bool
text_ok(const char *s, size_t min, size_t max, bool strict)
{
	size_t n = strlen(s), i;

	if (n < min || n > max)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
		if (strict && (c == ' ' || c == '/' || c == '\\'))
			return false;
	}
	return true;
}

/* S4: a file named by a non-root caller must be root's and not writable. */
static void
trust(struct qpath *p)
{
	struct stat st;
	int rc;

	rc = file_open_regular(p->path, &p->fd, &st);
	if (rc != 1)
		bad_usage("refusing path option %s: not a readable regular "
		    "file", p->path);
	if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		bad_usage("refusing path option %s: not owned by root or "
		    "writable by others", p->path);
}

static void
settle_paths(struct qrv *q, struct given *g)
{
	const struct optrow *row;
	struct qlist *l;
	struct qpath *p;
	size_t i;

	for (row = optrows; row < optrows + nitems(optrows); row++) {
		if (row->kind != OPT_LIST && row->kind != OPT_SINGLE)
			continue;
		l = (struct qlist *)((char *)q + row->off);
		p = (struct qpath *)((char *)q + row->off);
		if (!g->seen[row - optrows]) {
			if (row->kind == OPT_LIST) {
				l->n = 1;
				p = &l->v[0];
			}
			p->path = row->def;
			p->fd = -1;
			continue;
		}
		/* Given: checked as the caller unless the caller is root. */
		if (row->kind == OPT_SINGLE) {
			p->fd = -1;
			if (q->ruid != 0)
				trust(p);
			continue;
		}
		for (i = 0; i < l->n; i++)
			if (q->ruid != 0)
				trust(&l->v[i]);
	}
}

static void
report(struct qrv *q, enum qrv_res r)
{
	char addr[MAX_USERNAME + MAX_DOMAIN + 2];

	snprintf(addr, sizeof(addr), "%s%s%s", q->arg_user,
	    q->arg_domain[0] != '\0' ? "@" : "", q->arg_domain);
	if (q->verbose >= 1) {
		switch (r) {
		case QR_VALID:
			qrv_msg("ALLOWED", __func__, __FILE__, __LINE__,
			    "VALID ADDRESS");
			break;
		case QR_INVALID:
		case QR_UNAVAILABLE:
			qrv_msg("DENIED", __func__, __FILE__, __LINE__,
			    "%s RECIPIENT recipient: %s resolved username: %s",
			    r == QR_INVALID ? "INVALID" : "UNAVAILABLE", addr,
			    q->resolved != NULL ? q->resolved : q->arg_user);
			break;
		case QR_ERROR:
			break;
		default:
			qrv_msg("UNKNOWN", __func__, __FILE__, __LINE__,
			    "NO DECISION REACHED");
			break;
		}
	}
	if (q->diag)
		printf("QRV-DIAG: decision path = %s\n", buf_cstr(&q->path));
}

int
main(int argc, char **argv)
{
	static struct qrv q;
	struct given g;
	struct chain top;
	enum qrv_res r;

	startup(&q);
	/* Nothing before the algorithm needs privileges. */
	id_caller(&q);
	memset(&g, 0, sizeof(g));
	parse(&q, &g, argc, argv);
	q.arg_domain = g.operands[0];
	q.arg_user = g.operands[1];
	if (!text_ok(q.arg_user, 1, MAX_USERNAME, false))
		bad_usage("%s", "bad USERNAME: 1-511 bytes, no control "
		    "characters");
	if (!text_ok(q.arg_domain, 0, MAX_DOMAIN, true))
		bad_usage("%s", "bad DOMAIN: 0-255 bytes, no control "
		    "characters, space, '/' or '\\'");
	if (q.relayclient != NULL &&
	    !text_ok(q.relayclient, 0, MAX_RELAYCLIENT, true))
		bad_usage("%s", "bad RELAYCLIENT: 0-255 bytes, no control "
		    "characters, space, '/' or '\\'");
	settle_paths(&q, &g);
	id_root(&q);
	/* 1.4 Improvement: excessive and diag output only for root. */
	q.excessive = EXCESSIVE_BUILD && q.verbose >= 2 && q.ruid == 0;
	q.diag = EXCESSIVE_BUILD && q.diag_wanted && q.ruid == 0;
	if (!q.privileged)
		qrv_warn(&q, "not running as root (uid %lu); results may "
		    "be wrong", (unsigned long)q.euid);
	qrv_excess(&q, "domain \"%s\" username \"%s\" relayclient \"%s\"",
	    q.arg_domain, q.arg_user, q.relayclient != NULL ?
	    q.relayclient : "(unset)");
	memset(&top, 0, sizeof(top));
	r = qrv_validate(&q, q.arg_user, q.arg_domain, &top);
	id_drop(&q);
	report(&q, r);
	fflush(stdout);
	return r == QR_ABORT ? QR_UNKNOWN : (int)r;
}
