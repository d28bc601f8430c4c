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
 * Improvements: exit status 1 when errors were found; warnings for list
 * lines that can match nothing; every DNS blacklist is asked for its
 * test entries (127.0.0.2 listed, 127.0.0.1 not, no 127.255.255.x).
 * Entry point: config_test.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/dir.h"
#include "config/optint.h"
#include "config/options.h"
#include "config/test.h"
#include "dns/dns.h"
#include "filters/match.h"
#include "io/child.h"
#include "log/log.h"
#include "tls/tls.h"
#include "util/buf.h"
#include "util/ip.h"
#include "util/listfile.h"
#include "util/path.h"
#include "util/str.h"

#ifndef QMAIL_HOME
#define QMAIL_HOME	"/var/qmail"
#endif
#define DEF_RCPTHOSTS	QMAIL_HOME "/control/rcpthosts"
#define DEF_MORERCPT	QMAIL_HOME "/control/morercpthosts.cdb"

#define CT_ENTRY_MAX	25		/* *-entry values before a warning */
#define CT_RDNS_MAX	100		/* rDNS file lines before a warning */
#define CT_LINES_MAX	65536		/* files.md 0 */
#define CT_WARN_MAX	10		/* line warnings per file */
#define CT_WAIT_MS	10000		/* each step of the qmail dialog */
#define CT_OUT_MAX	65536		/* qmail output kept */
#define CT_AUTH_MS	30000		/* session.md 8.4 item 3 */
#define CT_DEPTH_MAX	64		/* directory walks */
#define CT_WALK_MAX	1000000		/* objects per walk */
#define CT_CDB_MAX	(256UL << 20)

extern char **environ;

enum kind { K_ERROR, K_WARNING, K_WARNING_V, K_INFO, K_SUCCESS, K_VERBOSE };

/* How the lines of a list file are matched (files.md 3-7). */
enum lk { LK_NONE, LK_IP, LK_RDNS, LK_ADDR, LK_KEYWORD, LK_HEADER };

struct ct {
	const struct options	*opt;		/* the global options */
	enum log_level		 level;
	int			 errors;
	char			**envp;		/* 12.2 item 2 */
	char			 context[PATH_MAX + 64];
	bool			 capturing;	/* relay logged errors */
	const char		*capture_opt;
	bool			 qmail_tls;
	bool			 qmail_auth;
	size_t			 walked;	/* objects seen by one walk */
	const struct options	*dirfile;	/* testing a D file, or NULL */
};

struct special {
	const char	*name;
	void		(*fn)(struct ct *, const struct opt_row *,
			    const struct options *);
};

/* ---------------------------------------------------------------- output */

static void	say(struct ct *, enum kind, const char *, const char *, ...)
		    __attribute__((format(printf, 4, 5)));

static void
say(struct ct *ct, enum kind k, const char *name, const char *fmt, ...)
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
	say(ct, K_ERROR, ct->capture_opt, "%s", msg);
}

static void
capture(struct ct *ct, const char *name)
{
	ct->capturing = name != NULL;
	ct->capture_opt = name;
}

/* ---------------------------------------------------------------- helpers */

static bool
blank(int c)
{
	return c == ' ' || c == '\t';
}

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static const char *
kwname(const char *option, int value)
{
	const struct opt_row *r = opt_row_by_name(option);
	size_t i;

	for (i = 0; r != NULL && i < r->nkw; i++)
		if (r->kw[i].value == value)
			return r->kw[i].name;
	return "?";
}

/* The values of row r in o: a list, or one string (n 0 when unset). */
static const char *const *
values(const struct opt_row *r, const struct options *o, size_t *n,
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

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool
in_group(gid_t gid)
{
	gid_t groups[256];
	int n, i;

	if (gid == getegid())
		return true;
	if ((n = getgroups((int)nitems(groups), groups)) < 0)
		return false;
	for (i = 0; i < n; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

/* Regular and executable by the effective uid or gid, or by others. */
static bool
can_exec(const struct stat *st)
{
	uid_t uid = geteuid();

	if (!S_ISREG(st->st_mode))
		return false;
	if (uid == 0)
		return (st->st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;
	if (st->st_uid == uid)
		return (st->st_mode & S_IXUSR) != 0;
	if (in_group(st->st_gid))
		return (st->st_mode & S_IXGRP) != 0;
	return (st->st_mode & S_IXOTH) != 0;
}

/* The first executable name in PATH (12.2 item 4); 0 found, -1 not. */
static int
find_in_path(const char *name, char *out, size_t outlen)
{
	const char *path = getenv("PATH"), *p, *end;
	struct buf b;
	struct stat st;
	int rc = -1;

	if (path == NULL || *path == '\0')
		path = CHILD_DEFAULT_PATH;
	buf_init(&b, PATH_MAX);
	for (p = path;; p = end + 1) {
		char dir[PATH_MAX];

		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) < sizeof(dir)) {
			memcpy(dir, p, (size_t)(end - p));
			dir[end - p] = '\0';
			if (path_join(&b, dir[0] != '\0' ? dir : ".", name,
			    strlen(name)) == 0 &&
			    stat(buf_cstr(&b), &st) == 0 && can_exec(&st)) {
				str_lcpy(out, buf_cstr(&b), outlen);
				rc = 0;
				break;
			}
		}
		if (*end == '\0')
			break;
	}
	buf_free(&b);
	return rc;
}

/*
 * Split a command at each single space (options.md 1.5) into a
 * NULL-terminated argv that points into *copy; free both.  NULL: ENOMEM.
 */
static char **
split_cmd(const char *cmd, char **copy)
{
	char **argv, *p;
	size_t n = 2, i = 0;

	for (p = (char *)cmd; *p != '\0'; p++)
		n += *p == ' ';
	if ((*copy = str_dup(cmd)) == NULL)
		return NULL;
	if ((argv = calloc(n, sizeof(*argv))) == NULL) {
		free(*copy);
		return NULL;
	}
	argv[i++] = *copy;
	for (p = *copy; *p != '\0'; p++)
		if (*p == ' ') {
			*p = '\0';
			argv[i++] = p + 1;
		}
	argv[i] = NULL;
	return argv;
}

/* Wait for pid at most ms, then kill it; returns the wait status or -1. */
static int
reap(pid_t pid, unsigned ms)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	uint64_t deadline = now_ms() + ms;
	int status;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r == -1 && errno != EINTR)
			return -1;
		if (now_ms() >= deadline) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
				;
			return -1;
		}
		nanosleep(&tick, NULL);
	}
}

static int
write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Position of needle in hay[from..n), or -1. */
static long
find(const char *hay, size_t n, size_t from, const char *needle)
{
	size_t m = strlen(needle), i;

	for (i = from; i + m <= n; i++)
		if (memcmp(hay + i, needle, m) == 0)
			return (long)i;
	return -1;
}

/* ------------------------------------------------- 12.2 items 2 to 4 */

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
		say(ct, K_WARNING, NULL, "Running tests as superuser %s(%ld), "
		    "group %s(%ld). These test results may not be valid if the "
		    "mail server runs as another user.", un, (long)uid, gn,
		    (long)gid);
	else if (ct->opt->run_as_user != NULL)
		say(ct, K_SUCCESS, NULL, "Running tests as user %s(%ld), "
		    "group %s(%ld).", un, (long)uid, gn, (long)gid);
	else
		say(ct, K_WARNING, NULL, "Running tests as user %s(%ld), "
		    "group %s(%ld). Is this the same user and group the mail "
		    "server uses? If not, add run-as-user to test as that "
		    "user.", un, (long)uid, gn, (long)gid);
}

/* 12.2 item 4. */
static void
test_self(struct ct *ct, const char *argv0)
{
	char path[PATH_MAX];
	struct stat st;

	if (argv0 == NULL || argv0[0] == '\0') {
		say(ct, K_ERROR, NULL, "Unable to find the spamdyke binary: "
		    "no program name");
		return;
	}
	if (strchr(argv0, '/') != NULL)
		str_lcpy(path, argv0, sizeof(path));
	else if (find_in_path(argv0, path, sizeof(path)) == -1) {
		say(ct, K_ERROR, NULL, "Unable to find the spamdyke binary %s "
		    "in PATH", argv0);
		return;
	}
	if (stat(path, &st) == -1) {
		say(ct, K_ERROR, NULL, "Unable to stat the spamdyke binary "
		    "%s: %s", path, strerror(errno));
		return;
	}
	if (st.st_uid == 0 && (st.st_mode & S_ISUID))
		say(ct, K_ERROR, NULL, "spamdyke binary (%s) is owned by root "
		    "and marked setuid. This is not necessary or recommended; "
		    "it could be a security risk.", path);
	else
		say(ct, K_SUCCESS, NULL, "spamdyke binary (%s) is not owned by "
		    "root and/or is not marked setuid.", path);
}

/* ------------------------------------------------ 12.2 item 5: qmail */

/*
 * Run the qmail command and script 220 / EHLO / 250 / QUIT, keeping its
 * output in out.  Returns how far it got: -1 not started, 0 no
 * greeting, 1 no EHLO reply, 2 complete.
 */
static int
qmail_dialog(struct ct *ct, const char *path, char *const argv[],
    struct buf *out)
{
	static const char ehlo[] = "EHLO localhost\r\n", quit[] = "QUIT\r\n";
	struct pollfd pfd;
	const char *what = "";
	char chunk[4096];
	uint64_t deadline, now;
	size_t mark = 0;
	int to, from, state = 0;
	ssize_t n;
	pid_t pid;

	if (child_spawn(path, argv, ct->envp, &to, &from, &pid,
	    &what) == -1) {
		say(ct, K_ERROR, NULL, "Unable to run the qmail command %s: "
		    "unable to %s: %s", path, what, strerror(errno));
		return -1;
	}
	deadline = now_ms() + CT_WAIT_MS;
	for (;;) {
		if (state == 0 && find(out->data, out->len, 0, "220 ") >= 0) {
			if (write_all(to, ehlo, sizeof(ehlo) - 1) == -1)
				break;
			mark = out->len >= 2 ? out->len - 2 : 0;
			state = 1;
			deadline = now_ms() + CT_WAIT_MS;
		}
		if (state == 1 &&
		    find(out->data, out->len, mark, "\r\n250 ") >= 0) {
			if (write_all(to, quit, sizeof(quit) - 1) == -1)
				break;
			state = 2;
			deadline = now_ms() + CT_WAIT_MS;
		}
		if ((now = now_ms()) >= deadline)
			break;
		pfd.fd = from;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)(deadline - now)) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd.revents == 0)
			continue;
		if ((n = read(from, chunk, sizeof(chunk))) == -1 &&
		    errno == EINTR)
			continue;
		if (n <= 0 || buf_append(out, chunk, (size_t)n) == -1)
			break;
	}
	close(to);
	close(from);
	reap(pid, 2000);
	return state;
}

static void
tls_caps(struct ct *ct)
{
	const struct options *o = ct->opt;
	bool cert = o->tls_certificate_file != NULL;

#ifndef HAVE_TLS
	if (cert || o->tls_level == TLS_LEVEL_SMTPS ||
	    o->tls_level == TLS_LEVEL_SMTP_NO_PASSTHROUGH) {
		say(ct, K_ERROR, "tls-level", "TLS is requested but spamdyke "
		    "was compiled without TLS support.");
		return;
	}
#endif
	switch (o->tls_level) {
	case TLS_LEVEL_NONE:
		say(ct, K_INFO, "tls-level", ct->qmail_tls ? "qmail offers TLS "
		    "but tls-level is none: spamdyke will hide it and TLS will "
		    "not be available." : "TLS is disabled (tls-level none) "
		    "and qmail does not offer it.");
		break;
	case TLS_LEVEL_SMTPS:
		if (cert)
			say(ct, K_SUCCESS, "tls-level", "spamdyke will encrypt "
			    "every connection from the first byte (SMTPS) with "
			    "the certificate in tls-certificate-file.");
		else
			say(ct, K_ERROR, "tls-level", "tls-level is smtps but "
			    "no tls-certificate-file is given: no session can "
			    "start.");
		break;
	default:
		if (cert)
			say(ct, K_SUCCESS, "tls-level", "spamdyke will offer "
			    "TLS (STARTTLS) with the certificate in "
			    "tls-certificate-file%s.", ct->qmail_tls ?
			    "; qmail's own TLS will not be used" : "");
		else if (o->tls_level == TLS_LEVEL_SMTP_NO_PASSTHROUGH)
			say(ct, K_WARNING, "tls-level", "tls-level is "
			    "smtp-no-passthrough but no tls-certificate-file "
			    "is given: STARTTLS will be refused.");
		else if (ct->qmail_tls)
			say(ct, K_SUCCESS, "tls-level", "qmail offers TLS and "
			    "no tls-certificate-file is given: spamdyke will "
			    "pass TLS through to qmail and cannot filter "
			    "encrypted sessions.");
		else
			say(ct, K_INFO, "tls-level", "TLS will not be "
			    "available: qmail does not offer it and no "
			    "tls-certificate-file is given.");
		break;
	}
}

static bool
local_known(const struct options *o)
{
	return o->qmail_rcpthosts_file.n > 0 ||
	    o->qmail_morercpthosts_cdb.n > 0;
}

static void
auth_caps(struct ct *ct)
{
	const struct options *o = ct->opt;
	const char *lv = kwname("smtp-auth-level", o->smtp_auth_level);
	bool cmds = o->smtp_auth_command.n > 0;

	if (o->smtp_auth_level <= AL_OBSERVE && cmds)
		say(ct, K_ERROR, "smtp-auth-command", "smtp-auth-command is "
		    "given but smtp-auth-level is %s: the commands will be "
		    "ignored.", lv);
	switch (o->smtp_auth_level) {
	case AL_NONE:
		say(ct, K_INFO, "smtp-auth-level", ct->qmail_auth ? "qmail "
		    "offers SMTP AUTH but smtp-auth-level is none: spamdyke "
		    "will hide it and no client can authenticate." : "SMTP "
		    "AUTH is disabled (smtp-auth-level none) and qmail does "
		    "not offer it.");
		return;
	case AL_OBSERVE:
		if (ct->qmail_auth)
			say(ct, K_SUCCESS, "smtp-auth-level", "qmail offers "
			    "SMTP AUTH; spamdyke will observe it and trust its "
			    "result.");
		else
			say(ct, K_INFO, "smtp-auth-level", "SMTP AUTH will not "
			    "be available: qmail does not offer it and "
			    "smtp-auth-level is observe.");
		return;
	default:
		break;
	}
	if (!cmds)
		say(ct, K_ERROR, "smtp-auth-level", "smtp-auth-level is %s but "
		    "no smtp-auth-command is given: spamdyke cannot verify "
		    "passwords itself.", lv);
	if (!local_known(o))
		say(ct, K_ERROR, "smtp-auth-level", "smtp-auth-level is %s but "
		    "neither qmail-rcpthosts-file nor qmail-morercpthosts-cdb "
		    "is available: spamdyke cannot control relaying for "
		    "authenticated clients.", lv);
	if (!cmds || !local_known(o))
		return;
	if (o->smtp_auth_level <= AL_ONDEMAND_ENCRYPTED && ct->qmail_auth)
		say(ct, K_SUCCESS, "smtp-auth-level", "qmail offers SMTP AUTH; "
		    "spamdyke will observe it and leave smtp-auth-command "
		    "unused.");
	else
		say(ct, K_SUCCESS, "smtp-auth-level", "spamdyke will offer "
		    "SMTP AUTH and verify passwords with smtp-auth-command%s.",
		    ct->qmail_auth ? "; qmail's own AUTH will be hidden" : "");
}

/* 12.2 item 5. */
static void
test_qmail(struct ct *ct, char *const argv[])
{
	char path[PATH_MAX];
	struct buf out, line;
	size_t i;
	int state;

	if (argv == NULL || argv[0] == NULL) {
		say(ct, K_ERROR, NULL, "Missing qmail-smtpd command");
		return;
	}
	buf_init(&line, 1024);
	for (i = 0; argv[i] != NULL; i++)
		buf_printf(&line, "%s%s", i > 0 ? " " : "", argv[i]);
	say(ct, K_INFO, NULL, "Running the qmail command to test its "
	    "capabilities: %s", buf_cstr(&line));
	if (child_find(argv[0], getenv("PATH"), path, sizeof(path)) == -1) {
		say(ct, K_ERROR, NULL, "Unable to find the qmail command %s: "
		    "%s", argv[0], strerror(errno));
		buf_free(&line);
		return;
	}
	buf_init(&out, CT_OUT_MAX);
	state = qmail_dialog(ct, path, argv, &out);
	if (state >= 0 && out.len == 0)
		say(ct, K_ERROR, NULL, "The qmail command produced no output: "
		    "%s", buf_cstr(&line));
	else if (state == 0)
		say(ct, K_ERROR, NULL, "The qmail command did not send a 220 "
		    "greeting: %s", buf_cstr(&line));
	else if (state == 1)
		say(ct, K_ERROR, NULL, "The qmail command did not answer EHLO "
		    "with 250: %s", buf_cstr(&line));
	if (state >= 0) {
		if (out.len > 0)
			str_lower(out.data, out.len);
		ct->qmail_tls = find(out.data, out.len, 0,
		    "\r\n250-starttls\r\n") >= 0 ||
		    find(out.data, out.len, 0, "\r\n250 starttls\r\n") >= 0;
		ct->qmail_auth = find(out.data, out.len, 0, "\r\n250-auth ") >=
		    0 || find(out.data, out.len, 0, "\r\n250 auth ") >= 0;
		tls_caps(ct);
		auth_caps(ct);
	}
	buf_free(&out);
	buf_free(&line);
}

/* ------------------------------------------------- files and commands */

static const struct {
	const char	*name;
	enum lk		 kind;
	bool		 rdns_warn;	/* > CT_RDNS_MAX lines: use a dir */
} listkinds[] = {
	{ "graylist-exception-ip-file", LK_IP, false },
	{ "graylist-exception-rdns-file", LK_RDNS, true },
	{ "header-blacklist-file", LK_HEADER, false },
	{ "ip-blacklist-file", LK_IP, false },
	{ "ip-in-rdns-keyword-blacklist-file", LK_KEYWORD, false },
	{ "ip-in-rdns-keyword-whitelist-file", LK_KEYWORD, false },
	{ "ip-relay-file", LK_IP, false },
	{ "ip-whitelist-file", LK_IP, false },
	{ "qmail-rcpthosts-file", LK_RDNS, false },
	{ "rdns-blacklist-file", LK_RDNS, true },
	{ "rdns-relay-file", LK_RDNS, false },
	{ "rdns-whitelist-file", LK_RDNS, true },
	{ "recipient-blacklist-file", LK_ADDR, false },
	{ "recipient-whitelist-file", LK_ADDR, false },
	{ "sender-blacklist-file", LK_ADDR, false },
	{ "sender-whitelist-file", LK_ADDR, false },
};

/* Why a list line can match nothing (Improvement), or NULL. */
static const char *
line_problem(enum lk kind, const char *l, size_t len)
{
	size_t i, a, b;

	for (i = 0; i < len && blank(l[i]); i++)
		;
	if (i == len)
		return "the line holds only whitespace and matches nothing";
	if (i > 0 && l[i] == '#')
		return "an indented '#' does not start a comment; the line "
		    "matches nothing";
	if (kind == LK_IP)
		return NULL;
	if (i > 0)
		return "the line starts with whitespace, so the entry never "
		    "matches";
	if (blank(l[len - 1]))
		return "the line ends in whitespace, so the entry never "
		    "matches";
	switch (kind) {
	case LK_RDNS:
		if (len == 1 && l[0] == '.')
			return "an entry of only '.' matches nothing";
		if (l[len - 1] == '.')
			return "an entry ending in '.' never matches";
		break;
	case LK_ADDR:
		if (memchr(l, '@', len) == NULL)
			return "an entry without '@' matches only an identical "
			    "whole address, so in practice nothing";
		for (a = 0; a < len && l[a] == '@'; a++)
			;
		for (b = len; b > a && l[b - 1] == '@'; b--)
			;
		if (a == b)
			return "an entry of only '@' matches nothing";
		break;
	case LK_HEADER:
		if (memchr(l, ':', len) == NULL)
			return "a pattern without ':' is ignored";
		break;
	default:
		break;
	}
	return NULL;
}

/* Warn about useless lines; returns the number of entry lines. */
static unsigned
line_warnings(struct ct *ct, const char *name, const char *path,
    enum lk kind)
{
	struct listfile lf;
	const char *l, *why;
	char esc[64];
	unsigned entries = 0, nwarn = 0;
	size_t len;

	if (listfile_open(&lf, path) == -1)
		return 0;
	while (listfile_next(&lf, &l, &len) == 1) {
		entries++;
		if (kind == LK_NONE ||
		    (why = line_problem(kind, l, len)) == NULL)
			continue;
		if (nwarn++ < CT_WARN_MAX)
			say(ct, K_WARNING, name, "%s line %u (\"%s\"): %s.",
			    path, lf.lineno, str_escape(esc, sizeof(esc), l,
			    len), why);
	}
	if (nwarn > CT_WARN_MAX)
		say(ct, K_WARNING, name, "%s: %u more lines that match "
		    "nothing.", path, nwarn - CT_WARN_MAX);
	listfile_close(&lf);
	return entries;
}

/* Each CR or LF ends a line (files.md 0); -1 on a read error. */
static long
count_lines(int fd)
{
	char chunk[16384];
	long lines = 0;
	ssize_t n, i;

	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return lines;
		for (i = 0; i < n; i++)
			lines += chunk[i] == '\n' || chunk[i] == '\r';
	}
}

/*
 * Open path with flags and check it is a file of at most CT_LINES_MAX
 * lines (count when counting).  0 ok, -1 reported.
 */
static int
open_file(struct ct *ct, const char *name, const char *path, int flags,
    const char *how, bool counting)
{
	struct stat st;
	long lines;
	int fd;

	if ((fd = open(path, flags | O_NONBLOCK | O_CLOEXEC)) == -1) {
		say(ct, K_ERROR, name, "Failed to open for %s: %s: %s", how,
		    path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		say(ct, K_ERROR, name, "Failed to stat %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		say(ct, K_ERROR, name, "Failed to open for %s: %s: %s", how,
		    path, S_ISDIR(st.st_mode) ? "Is a directory" :
		    "Not a regular file");
		close(fd);
		return -1;
	}
	if (counting && (lines = count_lines(fd)) >= CT_LINES_MAX)
		say(ct, K_ERROR, name, "%s has %ld lines; only the first %d "
		    "are read. Split it into several files.", path, lines,
		    CT_LINES_MAX);
	else if (counting && lines == -1)
		say(ct, K_ERROR, name, "Failed to read %s: %s", path,
		    strerror(errno));
	close(fd);
	return 0;
}

static void
test_read_file(struct ct *ct, const char *name, const char *path)
{
	enum lk kind = LK_NONE;
	bool rdns_warn = false;
	unsigned entries;
	size_t i;

	if (open_file(ct, name, path, O_RDONLY, "reading", true) == -1)
		return;
	for (i = 0; i < nitems(listkinds); i++)
		if (strcmp(listkinds[i].name, name) == 0) {
			kind = listkinds[i].kind;
			rdns_warn = listkinds[i].rdns_warn;
		}
	entries = line_warnings(ct, name, path, kind);
	if (rdns_warn && entries > CT_RDNS_MAX)
		say(ct, K_WARNING, name, "%s holds %u entries. An rDNS "
		    "directory is much faster for long lists (see "
		    "rdns-blacklist-dir and domain2path).", path, entries);
	say(ct, K_SUCCESS, name, "Opened for reading: %s", path);
}

/* A file the option writes: append (and read: count lines too). */
static void
test_rw_file(struct ct *ct, const char *name, const char *path, int mode,
    const char *how)
{
	if (open_file(ct, name, path, mode | O_APPEND, how,
	    mode == O_RDWR) == 0)
		say(ct, K_SUCCESS, name, "Opened for %s: %s", how, path);
}

/* The executable behind the first word of cmd; 0 ok, -1 reported. */
static int
test_exec(struct ct *ct, const char *name, const char *cmd, bool pathsearch,
    char *out, size_t outlen, struct stat *st)
{
	char word[PATH_MAX];
	size_t n = strcspn(cmd, " ");

	if (n == 0 || n >= sizeof(word)) {
		say(ct, K_ERROR, name, "Bad command: \"%s\"", cmd);
		return -1;
	}
	memcpy(word, cmd, n);
	word[n] = '\0';
	if (!pathsearch && word[0] != '/') {
		say(ct, K_ERROR, name, "The command must be an absolute path: "
		    "%s", word);
		return -1;
	}
	if (child_find(word, getenv("PATH"), out, outlen) == -1 ||
	    stat(out, st) == -1) {
		say(ct, K_ERROR, name, "Failed to find executable: %s: %s",
		    word, strerror(errno));
		return -1;
	}
	if (!can_exec(st)) {
		say(ct, K_ERROR, name, "%s is not %s executable by the current "
		    "user and group", out, S_ISREG(st->st_mode) ?
		    "a file" : "a regular file");
		return -1;
	}
	say(ct, K_SUCCESS, name, "Executable: %s", out);
	return 0;
}

/* Create and delete DIR/spamdyke-test_<unixtime>_<pid>; 0 ok. */
static int
test_write_dir(struct ct *ct, const char *name, const char *dir,
    enum kind success)
{
	char part[64];
	struct buf b;
	int fd, rc = -1;

	snprintf(part, sizeof(part), "spamdyke-test_%lld_%ld",
	    (long long)time(NULL), (long)getpid());
	buf_init(&b, PATH_MAX);
	if (path_join(&b, dir, part, strlen(part)) == -1) {
		say(ct, K_ERROR, name, "Path too long: %s", dir);
		goto out;
	}
	if ((fd = open(buf_cstr(&b), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		say(ct, K_ERROR, name, "Failed to create a file in directory "
		    "%s: %s", dir, strerror(errno));
		goto out;
	}
	close(fd);
	if (unlink(buf_cstr(&b)) == -1) {
		say(ct, K_ERROR, name, "Failed to delete the test file %s: %s",
		    buf_cstr(&b), strerror(errno));
		goto out;
	}
	say(ct, success, name, "Created and deleted a file in directory %s",
	    dir);
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* Sorted entries of dir (no "." and ".."); n -1 reported as an error. */
static int
list_dir(struct ct *ct, const char *name, const char *dir,
    struct dirent ***ents)
{
	int n;

	if ((n = scandir(dir, ents, NULL, alphasort)) == -1)
		say(ct, K_ERROR, name, "Failed to open directory for reading: "
		    "%s: %s", dir, strerror(errno));
	return n;
}

static bool
dot(const char *s)
{
	return strcmp(s, ".") == 0 || strcmp(s, "..") == 0;
}

static void
free_dir(struct dirent **e, int n)
{
	while (n > 0)
		free(e[--n]);
	free(e);
}

/* Open the whole tree and stat everything in it; 0 ok. */
static int
walk_read(struct ct *ct, const char *name, const char *dir, int depth)
{
	struct dirent **e;
	struct stat st;
	struct buf b;
	int n, i, rc = 0;

	if (depth > CT_DEPTH_MAX || ct->walked++ > CT_WALK_MAX) {
		say(ct, K_ERROR, name, "Directory tree too deep or too large "
		    "at %s", dir);
		return -1;
	}
	if ((n = list_dir(ct, name, dir, &e)) == -1)
		return -1;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (dot(e[i]->d_name))
			continue;
		if (path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1 || stat(b.data, &st) == -1) {
			say(ct, K_ERROR, name, "Failed to stat %s/%s: %s", dir,
			    e[i]->d_name, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode) &&
		    walk_read(ct, name, b.data, depth + 1) == -1)
			rc = -1;
	}
	buf_free(&b);
	free_dir(e, n);
	return rc;
}

/* ------------------------------------------------------- generic tests */

static bool
zone_file(const char *name)
{
	return strcmp(name, "dns-blacklist-file") == 0 ||
	    strcmp(name, "dns-whitelist-file") == 0 ||
	    strcmp(name, "rhs-blacklist-file") == 0 ||
	    strcmp(name, "rhs-whitelist-file") == 0;
}

static void
entry_count(struct ct *ct, const struct opt_row *r, size_t n)
{
	char file[128];

	if (r->rep != OR_LIST || !has_suffix(r->name, "-entry") ||
	    n <= CT_ENTRY_MAX)
		return;
	str_lcpy(file, r->name, sizeof(file));
	file[strlen(file) - strlen("entry")] = '\0';
	say(ct, K_WARNING, r->name, "%s is given %zu times. A file "
	    "(%sfile) is easier to maintain and just as fast.", r->name, n,
	    file);
}

static void	test_cdb(struct ct *, const char *, const char *);

static void
generic(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	const char *const *v, *one = NULL;
	char path[PATH_MAX];
	struct stat st;
	size_t n, i;

	if ((v = values(r, o, &n, &one)) == NULL || n == 0)
		return;
	entry_count(ct, r, n);
	for (i = 0; i < n; i++) {
		switch (r->arg) {
		case OA_FILE:
			if (zone_file(r->name))
				break;
			if ((r->flags & OPT_F_WRITE) && (r->flags & OPT_F_READ))
				test_rw_file(ct, r->name, v[i], O_RDWR,
				    "reading and writing");
			else if (r->flags & OPT_F_WRITE)
				test_rw_file(ct, r->name, v[i], O_WRONLY,
				    "writing");
			else if (r->flags & OPT_F_READ)
				test_read_file(ct, r->name, v[i]);
			break;
		case OA_DIR:
			ct->walked = 0;
			if ((r->flags & OPT_F_READ) &&
			    walk_read(ct, r->name, v[i], 0) == 0)
				say(ct, K_SUCCESS, r->name, "Opened the "
				    "directory tree for reading: %s", v[i]);
			if (r->flags & OPT_F_WRITE)
				test_write_dir(ct, r->name, v[i], K_SUCCESS);
			break;
		case OA_CMD:
			if (r->flags & OPT_F_EXEC)
				test_exec(ct, r->name, v[i], strcmp(r->name,
				    "recipient-validation-command") != 0, path,
				    sizeof(path), &st);
			break;
		case OA_CDB:
			test_cdb(ct, r->name, v[i]);
			break;
		default:
			break;
		}
	}
}

/* ------------------------------------------------------- special tests */

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* files.md 11.1: the cdb hash, bytes unsigned. */
static uint32_t
cdb_hash(const unsigned char *k, size_t n)
{
	uint32_t h = 5381;

	while (n-- > 0)
		h = ((h << 5) + h) ^ *k++;
	return h;
}

/* The first structural fault of a cdb image, or NULL; *records counted. */
static const char *
cdb_fault(const unsigned char *d, size_t size, size_t *records)
{
	uint32_t t, s, pos, slots, hash, rpos, klen, dlen;

	*records = 0;
	if (size < 2048)
		return "it is shorter than 2048 bytes";
	for (t = 0; t < 256; t++) {
		pos = u32(d + t * 8);
		slots = u32(d + t * 8 + 4);
		if (slots == 0)
			continue;
		if (pos < 2048 || pos > size || slots > (size - pos) / 8)
			return "a hash table lies outside the file";
		for (s = 0; s < slots; s++) {
			hash = u32(d + pos + s * 8);
			rpos = u32(d + pos + s * 8 + 4);
			if (rpos == 0)
				continue;
			(*records)++;
			if (rpos > size - 8)
				return "a record lies outside the file";
			klen = u32(d + rpos);
			dlen = u32(d + rpos + 4);
			if (klen > size - rpos - 8 ||
			    dlen > size - rpos - 8 - klen)
				return "a record lies outside the file";
			if (klen <= 1023 &&
			    (cdb_hash(d + rpos + 8, klen) != hash ||
			    hash % 256 != t))
				return "a key does not match its hash";
		}
	}
	return NULL;
}

static void
test_cdb(struct ct *ct, const char *name, const char *path)
{
	unsigned char *d = NULL;
	const char *fault;
	struct stat st;
	size_t records, got = 0;
	ssize_t n;
	int fd;

	if (strcmp(path, DEF_MORERCPT) != 0)
		say(ct, K_WARNING_V, name, "%s is not the default path (%s); "
		    "make sure it is the file qmail uses.", path, DEF_MORERCPT);
	if (open_file(ct, name, path, O_RDONLY, "reading", false) == -1)
		return;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		say(ct, K_ERROR, name, "Failed to open for reading: %s: %s",
		    path, strerror(errno));
		goto out;
	}
	if ((unsigned long long)st.st_size > CT_CDB_MAX) {
		say(ct, K_ERROR, name, "%s is too large to test (%lld bytes)",
		    path, (long long)st.st_size);
		goto out;
	}
	if ((d = malloc((size_t)st.st_size + 1)) == NULL) {
		say(ct, K_ERROR, name, "out of memory");
		goto out;
	}
	while (got < (size_t)st.st_size) {
		if ((n = read(fd, d + got, (size_t)st.st_size - got)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	if ((fault = cdb_fault(d, got, &records)) != NULL)
		say(ct, K_ERROR, name, "%s is not a valid CDB file: %s. Was "
		    "the text file (morercpthosts) given instead of the "
		    "compiled morercpthosts.cdb?", path, fault);
	else if (records == 0)
		say(ct, K_WARNING, name, "%s is a valid CDB file but holds no "
		    "domains.", path);
	else
		say(ct, K_SUCCESS, name, "%s is a valid CDB file with %zu "
		    "domains.", path, records);
out:
	free(d);
	if (fd != -1)
		close(fd);
}

static void
sp_none(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	(void)ct;
	(void)r;
	(void)o;
}

static void
sp_rcpthosts(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	size_t i;

	for (i = 0; i < o->qmail_rcpthosts_file.n; i++) {
		if (strcmp(o->qmail_rcpthosts_file.v[i], DEF_RCPTHOSTS) != 0)
			say(ct, K_WARNING, r->name, "%s is not the default "
			    "path (%s); make sure it is the file qmail uses.",
			    o->qmail_rcpthosts_file.v[i], DEF_RCPTHOSTS);
		test_read_file(ct, r->name, o->qmail_rcpthosts_file.v[i]);
	}
}

static void
sp_relay(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	if ((o->relay_level == RL_BLOCK_ALL || o->relay_level == RL_NORMAL) &&
	    !local_known(o))
		say(ct, K_ERROR, r->name, "relay-level is %s but neither "
		    "qmail-rcpthosts-file nor qmail-morercpthosts-cdb is "
		    "available: every recipient counts as remote and is "
		    "refused unless the client may relay.",
		    kwname(r->name, o->relay_level));
}

static void
sp_tls(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	const char *const *v, *one = NULL;
	size_t n;

	if ((v = values(r, o, &n, &one)) == NULL || n == 0)
		return;
#ifndef HAVE_TLS
	(void)v;
	say(ct, K_ERROR, r->name, "TLS support is not compiled in; %s "
	    "cannot be used.", r->name);
#else
	struct tls_server *srv;
	char err[1024];

	if (r->arg == OA_FILE)
		test_read_file(ct, r->name, v[0]);
	if (strcmp(r->name, "tls-certificate-file") != 0)
		return;
	/* Load everything as a session would: key, password, DH params. */
	if ((srv = tls_server_new(o, err, sizeof(err))) == NULL) {
		say(ct, K_ERROR, r->name, "%s", err);
		return;
	}
	tls_server_free(srv);
	say(ct, K_SUCCESS, r->name, "The TLS library accepted the "
	    "certificate, the key and the parameters: %s", v[0]);
#endif
}

/* ---- rDNS directories (files.md 4.2) ---- */

struct rdir {
	const char	*tld;
	char		 c;
	const char	*sld;
	const char	*l3;
	bool		 bad;
};

/* Does name equal want or end with "." want? */
static bool
name_under(const char *name, const char *want)
{
	size_t n = strlen(name), m = strlen(want);

	return strcmp(name, want) == 0 ||
	    (n > m + 1 && name[n - m - 1] == '.' &&
	    strcmp(name + n - m, want) == 0);
}

static size_t
labels(const char *s)
{
	size_t n = 1;

	for (; *s != '\0'; s++)
		n += *s == '.';
	return n;
}

static void	rdir_level(struct ct *, const char *, const char *, int,
		    struct rdir *);

/* One object below an rDNS directory at level (1 = TLD directories). */
static void
rdir_entry(struct ct *ct, const char *name, const char *path,
    const char *base, int level, struct rdir *rd)
{
	struct stat st;
	char want[PATH_MAX];
	bool isdir, isreg;

	if (stat(path, &st) == -1) {
		say(ct, K_ERROR, name, "Failed to stat %s: %s", path,
		    strerror(errno));
		rd->bad = true;
		return;
	}
	isdir = S_ISDIR(st.st_mode);
	isreg = S_ISREG(st.st_mode);
	if (!isdir && !isreg) {
		say(ct, K_ERROR, name, "Neither a file nor a directory: %s",
		    path);
		rd->bad = true;
		return;
	}
	switch (level) {
	case 1:		/* TLD */
		if (!isdir)
			break;
		rd->tld = base;
		rdir_level(ct, name, path, 2, rd);
		return;
	case 2:		/* one character */
		if (!isdir || strlen(base) != 1)
			break;
		rd->c = base[0];
		rdir_level(ct, name, path, 3, rd);
		return;
	case 3:		/* second-level label, or a one-label name */
		if (isdir && base[0] == rd->c) {
			rd->sld = base;
			rdir_level(ct, name, path, 4, rd);
			return;
		}
		/* Improvement: L1/<first char of L1>/L1 is an entry. */
		if (isreg && strcmp(base, rd->tld) == 0 && base[0] == rd->c)
			return;
		break;
	case 4:		/* names of 2 or 3 labels, or the L3 directory */
		snprintf(want, sizeof(want), "%s.%s", rd->sld, rd->tld);
		if (isreg && name_under(base, want)) {
			if (labels(base) >= 4)
				say(ct, K_WARNING, name, "%s never matches: "
				    "names of four or more labels belong in "
				    "directory %s/%s", path, rd->tld, want);
			return;
		}
		/* Improvement: the fourth level of files.md 4.2. */
		if (isdir) {
			rd->l3 = base;
			rdir_level(ct, name, path, 5, rd);
			return;
		}
		break;
	case 5:
		snprintf(want, sizeof(want), "%s.%s.%s", rd->l3, rd->sld,
		    rd->tld);
		if (isreg && name_under(base, want))
			return;
		break;
	}
	say(ct, K_ERROR, name, "Unexpected %s in the rDNS directory: %s "
	    "(expected %s)", isdir ? "directory" : "file", path,
	    level == 1 ? "a directory named after a top-level domain" :
	    level == 2 ? "a directory named with one character" :
	    level == 3 ? "a directory whose name starts with that character" :
	    level == 4 ? "files named <domain>.<tld> or ending in "
	    ".<domain>.<tld>, or a directory named after the third label" :
	    "files ending in .<label>.<domain>.<tld>");
	rd->bad = true;
}

static void
rdir_level(struct ct *ct, const char *name, const char *dir, int level,
    struct rdir *rd)
{
	struct dirent **e;
	struct buf b;
	struct rdir keep = *rd;
	int n, i, seen = 0;

	if (level > 6 || ct->walked++ > CT_WALK_MAX)
		return;
	if ((n = list_dir(ct, name, dir, &e)) == -1) {
		rd->bad = true;
		return;
	}
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (dot(e[i]->d_name))
			continue;
		seen++;
		if (path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		rdir_entry(ct, name, b.data, e[i]->d_name, level, rd);
		keep.bad = rd->bad;
		*rd = keep;
	}
	if (seen == 0) {
		say(ct, K_ERROR, name, "Empty directory: %s", dir);
		rd->bad = true;
	}
	buf_free(&b);
	free_dir(e, n);
}

static void
sp_rdns_dir(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	const struct strlist *l = opt_cfield(o, r);
	struct rdir rd;
	size_t i;

	for (i = 0; i < l->n; i++) {
		memset(&rd, 0, sizeof(rd));
		ct->walked = 0;
		rdir_level(ct, r->name, l->v[i], 1, &rd);
		if (!rd.bad)
			say(ct, K_SUCCESS, r->name, "The rDNS directory tree "
			    "is valid: %s", l->v[i]);
	}
}

/* ---- graylisting (12.2 graylist-level) ---- */

static bool
graylist_others(const struct options *o)
{
	return o->graylist_dir.n > 0 || o->graylist_exception_ip_entry.n > 0 ||
	    o->graylist_exception_ip_file.n > 0 ||
	    o->graylist_exception_rdns_dir.n > 0 ||
	    o->graylist_exception_rdns_entry.n > 0 ||
	    o->graylist_exception_rdns_file.n > 0 ||
	    o->graylist_min_secs != 0 || o->graylist_max_secs != 0;
}

/* Every line of every rcpthosts file, verbatim. */
static void
rcpthosts_lines(const struct options *o, struct strlist *out)
{
	struct listfile lf;
	const char *l;
	char *s;
	size_t i, len;

	for (i = 0; i < o->qmail_rcpthosts_file.n; i++) {
		if (listfile_open(&lf, o->qmail_rcpthosts_file.v[i]) == -1)
			continue;
		while (listfile_next(&lf, &l, &len) == 1)
			if ((s = str_ndup(l, len)) != NULL) {
				opt_list_add(out, s);
				free(s);
			}
		listfile_close(&lf);
	}
}

/* The sender-domain level: regular files, each opened read/write. */
static void
gl_sender_dir(struct ct *ct, const char *dir)
{
	struct dirent **e;
	struct stat st;
	struct buf b;
	int n, i, fd;

	test_write_dir(ct, "graylist-dir", dir, K_VERBOSE);
	if ((n = list_dir(ct, "graylist-dir", dir, &e)) == -1)
		return;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (dot(e[i]->d_name) || path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		if (lstat(b.data, &st) == -1 || !S_ISREG(st.st_mode))
			say(ct, K_ERROR, "graylist-dir", "Not a regular file: "
			    "%s; a sender-domain directory may hold only "
			    "graylist entries.", b.data);
		else if ((fd = open(b.data, O_RDWR | O_APPEND | O_NOFOLLOW |
		    O_NONBLOCK | O_CLOEXEC)) == -1)
			say(ct, K_ERROR, "graylist-dir", "Failed to open for "
			    "reading and writing: %s: %s", b.data,
			    strerror(errno));
		else
			close(fd);
	}
	buf_free(&b);
	free_dir(e, n);
}

/* A domain (depth 1) or user (depth 2) directory. */
static void
gl_dir(struct ct *ct, const char *dir, int depth)
{
	struct dirent **e;
	struct stat st;
	struct buf b;
	int n, i;

	test_write_dir(ct, "graylist-dir", dir, K_VERBOSE);
	if ((n = list_dir(ct, "graylist-dir", dir, &e)) == -1)
		return;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (dot(e[i]->d_name) || path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		if (lstat(b.data, &st) == -1)
			say(ct, K_ERROR, "graylist-dir", "Failed to stat %s: "
			    "%s", b.data, strerror(errno));
		else if (S_ISDIR(st.st_mode) && depth == 1)
			gl_dir(ct, b.data, 2);
		else if (S_ISDIR(st.st_mode))
			gl_sender_dir(ct, b.data);
		else if (S_ISREG(st.st_mode) && depth == 2)
			say(ct, K_INFO, "graylist-dir", "%s is an entry of the "
			    "old (pre-4.0) layout; it will be moved when it is "
			    "next used.", b.data);
		else
			say(ct, K_ERROR, "graylist-dir", "Not a directory: %s; "
			    "a %s directory may hold only directories.", b.data,
			    depth == 1 ? "domain" : "user");
	}
	buf_free(&b);
	free_dir(e, n);
}

static void
sp_graylist(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	struct strlist hosts = { NULL, 0, 0 };
	struct dirent **e;
	struct stat st;
	struct buf b;
	bool create = o->graylist_level == GL_ALWAYS_CREATE_DIR ||
	    o->graylist_level == GL_ONLY_CREATE_DIR, found, global;
	size_t i, j;
	int n, k;

	if (o->graylist_level == GL_NONE) {
		if (graylist_others(o))
			say(ct, K_ERROR, r->name, "graylist-level is none but "
			    "other graylist options are set: no graylisting "
			    "will take place.");
		return;
	}
	if (o->graylist_dir.n == 0) {
		say(ct, K_ERROR, r->name, "graylist-level is %s but no "
		    "graylist-dir is given: no graylisting will take place.",
		    kwname(r->name, o->graylist_level));
		return;
	}
	if (create && !local_known(o))
		say(ct, K_ERROR, r->name, "graylist-level is %s but neither "
		    "qmail-rcpthosts-file nor qmail-morercpthosts-cdb is "
		    "available: no domain directory can be created.",
		    kwname(r->name, o->graylist_level));
	/* In a directory file, what the global test walked is not repeated. */
	global = ct->dirfile != NULL && ct->opt->graylist_level != GL_NONE;
	rcpthosts_lines(o, &hosts);
	buf_init(&b, PATH_MAX);
	for (i = 0; i < o->graylist_dir.n; i++) {
		const char *top = o->graylist_dir.v[i];

		if (global && opt_list_has(&ct->opt->graylist_dir, top))
			continue;
		if ((n = list_dir(ct, "graylist-dir", top, &e)) == -1)
			continue;
		if (create)
			test_write_dir(ct, "graylist-dir", top, K_VERBOSE);
		for (k = 0; k < n; k++) {
			const char *d = e[k]->d_name;

			if (dot(d) || path_join(&b, top, d, strlen(d)) == -1)
				continue;
			if (lstat(b.data, &st) == -1 || !S_ISDIR(st.st_mode)) {
				say(ct, K_ERROR, "graylist-dir", "Not a "
				    "directory: %s; the top level of a "
				    "graylist directory may hold only domain "
				    "directories.", b.data);
				continue;
			}
			if (!opt_list_has(&hosts, d))
				say(ct, K_INFO, "graylist-dir", "The domain "
				    "directory %s is not listed in rcpthosts; "
				    "it will not be used.", b.data);
			gl_dir(ct, b.data, 1);
		}
		free_dir(e, n);
	}
	for (j = 0; j < hosts.n && !global; j++) {
		found = false;
		for (i = 0; i < o->graylist_dir.n && !found; i++)
			found = path_join(&b, o->graylist_dir.v[i],
			    hosts.v[j], strlen(hosts.v[j])) == 0 &&
			    stat(b.data, &st) == 0 && S_ISDIR(st.st_mode);
		if (!found)
			say(ct, K_INFO, r->name, create ? "No graylist domain "
			    "directory for %s; it will be created when "
			    "needed." : "No graylist domain directory for %s: "
			    "no graylisting will take place for it.",
			    hosts.v[j]);
	}
	buf_free(&b);
	opt_list_clear(&hosts);
	free(hosts.v);
}

/* ---- SMTP AUTH (12.2 smtp-auth-level) ---- */

/* The CRAM-MD5 host name (session.md 8.2). */
static void
challenge_host(struct ct *ct, char *out, size_t len)
{
	const struct options *o = ct->opt;
	const char *env;
	FILE *fp;

	out[0] = '\0';
	if (o->hostname != NULL)
		str_lcpy(out, o->hostname, len);
	else if (o->hostname_file != NULL &&
	    (fp = fopen(o->hostname_file, "r")) != NULL) {
		if (fgets(out, (int)len, fp) == NULL || out[0] == '#')
			out[0] = '\0';
		out[strcspn(out, "\r\n")] = '\0';
		fclose(fp);
	}
	if (out[0] != '\0')
		return;
	if ((env = getenv("TCPLOCALHOST")) == NULL || *env == '\0')
		env = getenv("HOSTNAME");
	str_lcpy(out, env != NULL && *env != '\0' ? env :
	    "unknown.server.unknown.domain", len);
}

/*
 * Run one checkpassword command (session.md 8.4) with fd 3 carrying
 * data; returns the wait status, -1 when it could not run or was killed.
 */
static int
run_checkpassword(struct ct *ct, const char *cmd, const char *data,
    size_t n)
{
	char path[PATH_MAX], *copy, **argv;
	int p[2], nul, status = -1;
	pid_t pid;

	if ((argv = split_cmd(cmd, &copy)) == NULL)
		return -1;
	if (child_find(argv[0], getenv("PATH"), path, sizeof(path)) == -1 ||
	    pipe(p) == -1)
		goto out;
	if ((pid = fork()) == -1) {
		close(p[0]);
		close(p[1]);
		goto out;
	}
	if (pid == 0) {
		/* Improvement (8.4): /dev/null on 0-2, fd 3 the data. */
		close(p[1]);
		if ((nul = open("/dev/null", O_RDWR)) == -1 ||
		    dup2(nul, 0) == -1 || dup2(nul, 1) == -1 ||
		    dup2(nul, 2) == -1 || (p[0] != 3 && dup2(p[0], 3) == -1))
			_exit(111);
		if (p[0] != 3)
			close(p[0]);
		if (nul > 3)
			close(nul);
		signal(SIGPIPE, SIG_DFL);
		execve(path, argv, ct->envp);
		_exit(111);
	}
	close(p[0]);
	write_all(p[1], data, n);
	close(p[1]);
	status = reap(pid, CT_AUTH_MS);
out:
	free(argv);
	free(copy);
	return status;
}

static const char *
exit_text(int status, char *buf, size_t len)
{
	if (status == -1)
		return "it could not be run or took too long";
	if (WIFEXITED(status))
		snprintf(buf, len, "exit status %d", WEXITSTATUS(status));
	else
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	return buf;
}

static bool
auth_ok(int status)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Plain and CRAM-MD5 runs of cmd; *cram: 1 worked, 0 failed, -1 untried. */
static void
auth_run(struct ct *ct, const char *cmd, const char *user, const char *pass,
    int *cram)
{
	unsigned char mac[16];
	unsigned rnd = (unsigned)getpid();
	char host[256], chal[512], hex[33], why[64];
	struct buf d;
	size_t i;
	int st;

	buf_init(&d, 4096);
	buf_append(&d, user, strlen(user) + 1);
	buf_append(&d, pass, strlen(pass) + 1);
	buf_putc(&d, '\0');
	st = run_checkpassword(ct, cmd, d.data, d.len);
	if (auth_ok(st))
		say(ct, K_SUCCESS, "smtp-auth-command", "Authentication "
		    "succeeded for %s with %s (plain password).", user, cmd);
	else
		say(ct, K_ERROR, "smtp-auth-command", "Authentication failed "
		    "for %s with %s (plain password): %s.", user, cmd,
		    exit_text(st, why, sizeof(why)));
	challenge_host(ct, host, sizeof(host));
	tls_random(&rnd, sizeof(rnd));
	snprintf(chal, sizeof(chal), "<%u.%lld@%s>", rnd,
	    (long long)time(NULL), host);
	if (tls_hmac_md5(pass, strlen(pass), chal, strlen(chal), mac) == -1) {
		say(ct, K_WARNING, "smtp-auth-command", "CRAM-MD5 was not "
		    "tested: the crypto library cannot be loaded.");
		buf_free(&d);
		return;
	}
	for (i = 0; i < 16; i++)
		snprintf(hex + 2 * i, 3, "%02x", mac[i]);
	buf_reset(&d);
	buf_append(&d, user, strlen(user) + 1);
	buf_append(&d, hex, 33);
	buf_append(&d, chal, strlen(chal) + 1);
	st = run_checkpassword(ct, cmd, d.data, d.len);
	if (auth_ok(st)) {
		say(ct, K_SUCCESS, "smtp-auth-command", "Authentication "
		    "succeeded for %s with %s (CRAM-MD5).", user, cmd);
		if (*cram != 0)
			*cram = 1;
	} else {
		say(ct, K_INFO, "smtp-auth-command", "Authentication failed "
		    "for %s with %s (CRAM-MD5): %s. The command may not "
		    "support encrypted passwords.", user, cmd,
		    exit_text(st, why, sizeof(why)));
		*cram = 0;
	}
	buf_free(&d);
}

static void
sp_auth(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	const char *user = o->config_test_smtpauth_username;
	const char *pass = o->config_test_smtpauth_password;
	const char *lv = kwname(r->name, o->smtp_auth_level);
	char path[PATH_MAX];
	struct stat st;
	size_t i;
	int cram = -1;

	for (i = 0; i < o->smtp_auth_command.n; i++) {
		const char *cmd = o->smtp_auth_command.v[i];

		if (test_exec(ct, "smtp-auth-command", cmd, true, path,
		    sizeof(path), &st) == -1)
			continue;
		if (st.st_uid != 0)
			say(ct, K_WARNING, "smtp-auth-command", "%s is not "
			    "owned by root; checkpassword programs usually "
			    "need root to read passwords and change users.",
			    path);
		else if (!(st.st_mode & S_ISUID))
			say(ct, K_WARNING, "smtp-auth-command", "%s is owned "
			    "by root but not setuid; it may fail unless "
			    "spamdyke runs as root.", path);
		if (user != NULL && pass != NULL)
			auth_run(ct, cmd, user, pass, &cram);
	}
	if (o->smtp_auth_command.n == 0)
		return;
	if (o->smtp_auth_level <= AL_OBSERVE)
		say(ct, K_WARNING, r->name, "smtp-auth-level is %s: "
		    "smtp-auth-command will never be used.", lv);
	else if (cram == 1 && (o->smtp_auth_level == AL_ONDEMAND ||
	    o->smtp_auth_level == AL_ALWAYS))
		say(ct, K_INFO, r->name, "CRAM-MD5 works with every command: "
		    "consider smtp-auth-level=%s-encrypted so that clients "
		    "need not send passwords in the clear.", lv);
	else if (cram == 0 && (o->smtp_auth_level == AL_ONDEMAND_ENCRYPTED ||
	    o->smtp_auth_level == AL_ALWAYS_ENCRYPTED))
		say(ct, K_WARNING, r->name, "CRAM-MD5 failed: consider "
		    "smtp-auth-level=%s so that CRAM-MD5 is not offered.",
		    o->smtp_auth_level == AL_ALWAYS_ENCRYPTED ? "always" :
		    "ondemand");
}

/* ---- DNS blacklist test entries (Addition) ---- */

static void
dns_setup(const struct options *o, struct dns_config *cfg)
{
	char err[512];
	size_t i;

	dns_config_init(cfg);
	cfg->level = (enum dns_level)o->dns_level;
	cfg->max_retries_primary = (int)o->dns_max_retries_primary;
	cfg->max_retries_total = (int)o->dns_max_retries_total;
	cfg->timeout_secs = o->dns_timeout_secs;
	cfg->spoof = (enum dns_spoof)o->dns_spoof;
	cfg->tcp = o->dns_tcp == DT_NORMAL;
	for (i = 0; i < o->dns_server_ip_primary.n; i++)
		if (dns_config_add_server(cfg, o->dns_server_ip_primary.v[i],
		    true, err, sizeof(err)) == -1)
			log_error("%s", err);
	for (i = 0; i < o->dns_server_ip.n; i++)
		if (dns_config_add_server(cfg, o->dns_server_ip.v[i], false,
		    err, sizeof(err)) == -1)
			log_error("%s", err);
	if (dns_config_load(cfg, (const char *const *)o->dns_resolv_conf.v,
	    o->dns_resolv_conf.n, getenv("RES_OPTIONS"), err,
	    sizeof(err)) == -1)
		log_error("%s", err);
}

/*
 * Ask zone about 127.0.0.last: 1 listed, 0 not, -1 no answer; *refused
 * set for an answer in 127.255.255.0/24 (files.md 8, options.md 5).
 */
static int
dnsbl_probe(const struct dns_config *cfg, const char *zone, int last,
    bool *refused, char *name, size_t namelen)
{
	struct dns_result *res = NULL;
	struct ip_addr ip;
	char text[16];
	size_t i;
	int st, listed = 0;

	snprintf(text, sizeof(text), "127.0.0.%d", last);
	if (ip_parse(text, &ip) == -1 ||
	    ip_dnsbl_name(&ip, zone, name, namelen) == -1)
		return 0;
	st = dns_lookup_sync(cfg, name, DNS_T_A, 0, &res);
	if (st == DNS_FOUND && res != NULL)
		for (i = 0; i < res->nrr; i++) {
			const unsigned char *a = res->rr[i]->addr;

			if (res->rr[i]->type != DNS_T_A)
				continue;
			if (a[0] == 127 && a[1] == 255 && a[2] == 255)
				*refused = true;
			else
				listed = 1;
		}
	dns_result_free(res);
	return st == DNS_NORESULT ? -1 : listed;
}

static void
sp_dnsbl(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	struct zonelist zl = { NULL, 0, 0 };
	struct dns_config cfg;
	char n2[DNS_MAX_NAME + 2], n1[DNS_MAX_NAME + 2];
	bool refused = false;
	size_t i;
	int two, one, loaded;

	entry_count(ct, r, o->dns_blacklist_entry.n);
	capture(ct, "dns-blacklist-file");
	loaded = match_zones_load(&o->dns_blacklist_entry,
	    &o->dns_blacklist_file, &zl);
	capture(ct, NULL);
	if (loaded == -1)
		say(ct, K_ERROR, "dns-blacklist-file", "A dns-blacklist-file "
		    "cannot be read: the DNS blacklist filter will be skipped "
		    "for every connection.");
	if (zl.n == 0)
		goto out;
	/* The resolver options are global (CF), also for a directory file. */
	if (ct->opt->dns_level == DL_NONE) {
		say(ct, K_INFO, r->name, "dns-level is none: the DNS "
		    "blacklists are not queried and not tested.");
		goto out;
	}
	capture(ct, "dns-server-ip");
	dns_setup(ct->opt, &cfg);
	capture(ct, NULL);
	for (i = 0; i < zl.n; i++) {
		const char *z = zl.v[i].name;

		say(ct, K_VERBOSE, NULL, "Testing DNS blacklist %s...", z);
		refused = false;
		two = dnsbl_probe(&cfg, z, 2, &refused, n2, sizeof(n2));
		one = dnsbl_probe(&cfg, z, 1, &refused, n1, sizeof(n1));
		if (refused)
			say(ct, K_ERROR, r->name, "The DNS blacklist %s "
			    "answers with an address in 127.255.255.0/24: it "
			    "refuses queries from this resolver (a public or "
			    "unregistered resolver?) and blocks nothing.", z);
		if (two == -1 || one == -1) {
			say(ct, K_WARNING, r->name, "No answer from the name "
			    "servers for %s: the DNS blacklist %s could not be "
			    "tested.", two == -1 ? n2 : n1, z);
			continue;
		}
		if (two == 0 && !refused)
			say(ct, K_ERROR, r->name, "The DNS blacklist %s does "
			    "not list its test entry 127.0.0.2 (%s): the zone "
			    "name may be wrong or the list may be out of "
			    "service.", z, n2);
		if (one == 1)
			say(ct, K_ERROR, r->name, "The DNS blacklist %s lists "
			    "127.0.0.1 (%s): it may be listing every address.",
			    z, n1);
		if (two == 1 && one == 0 && !refused)
			say(ct, K_SUCCESS, r->name, "The DNS blacklist %s "
			    "lists its test entry 127.0.0.2 and not 127.0.0.1.",
			    z);
	}
out:
	match_zones_free(&zl);
}

/* In a directory file the file row stands in for an unmentioned entry. */
static void
sp_dnsbl_file(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	if (ct->dirfile != NULL &&
	    !(opt_mentioned(o, "dns-blacklist-entry") & OPT_WHERE_D))
		sp_dnsbl(ct, opt_row_by_name("dns-blacklist-entry"), o);
	(void)r;
}

/* ---- configuration directories (12.2 config-dir) ---- */

enum { SUB_NONE = -1, SUB_IP, SUB_RDNS, SUB_SENDER, SUB_RCPT, SUB_N };

static const char *const subname[SUB_N] = {
	"_ip_", "_rdns_", "_sender_", "_recipient_"
};

/* Where a walk is in the tree. */
struct cdpos {
	unsigned	 seen;		/* subtrees on the path */
	int		 cur;		/* SUB_*: the subtree being read */
	int		 level;		/* data levels below it */
	bool		 at;		/* below _at_ */
	int		 at_level;
	int		 ipfam;		/* 0, 4 or 6 */
	int		 depth;
};

static void	cd_walk(struct ct *, const char *, const struct cdpos *);
static void	test_options(struct ct *, const struct options *,
		    const struct options *);

static int
subtree_of(const char *lname)
{
	int i;

	for (i = 0; i < SUB_N; i++)
		if (strcmp(lname, subname[i]) == 0)
			return i;
	return SUB_NONE;
}

static bool
has_upper(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

/* Can a data name at p appear in a lookup?  Reports what cannot. */
static void
cd_data_name(struct ct *ct, const char *path, const char *name,
    struct cdpos *p)
{
	size_t n = strlen(name), i;
	bool dec = n >= 1 && n <= 3, hex = n == 4;
	char canon[256];

	if (p->cur == SUB_IP) {
		for (i = 0; i < n; i++) {
			dec = dec && name[i] >= '0' && name[i] <= '9';
			hex = hex && ((name[i] >= '0' && name[i] <= '9') ||
			    (name[i] >= 'a' && name[i] <= 'f'));
		}
		dec = dec && atoi(name) <= 255;
		if ((!dec && !hex) || (p->ipfam == 4 && !dec) ||
		    (p->ipfam == 6 && !hex))
			say(ct, K_ERROR, "config-dir", "%s is not an integer "
			    "0-255%s: %s", name, p->ipfam == 4 ? "" :
			    " or a group of four lowercase hex digits", path);
		else if (p->ipfam == 0)
			p->ipfam = dec ? 4 : 6;
		if (p->level > (p->ipfam == 6 ? 8 : 4))
			say(ct, K_ERROR, "config-dir", "More than %d levels "
			    "below _ip_: %s", p->ipfam == 6 ? 8 : 4, path);
		return;
	}
	if (p->at) {
		config_dir_canon_local(name, canon, sizeof(canon));
		if (strcmp(canon, name) != 0)
			say(ct, K_WARNING, "config-dir", "%s never matches: "
			    "local parts are looked up lowercase with bytes "
			    "other than letters, digits and @_.- turned into "
			    "_: %s", name, path);
	} else if (has_upper(name))
		say(ct, K_WARNING, "config-dir", "%s never matches: names are "
		    "looked up in lowercase: %s", name, path);
}

/*
 * A regular file in a configuration directory: read it under D rules
 * (its errors become ERROR lines) and test what it sets.
 */
static void
cd_file(struct ct *ct, const char *path)
{
	struct options *fresh = NULL, *merged = NULL;
	const struct options *saved = ct->dirfile;
	char saved_ctx[sizeof(ct->context)];

	say(ct, K_VERBOSE, NULL, "Testing configuration directory file "
	    "%s...", path);
	if ((fresh = opt_new()) == NULL || (merged = opt_dup(ct->opt)) ==
	    NULL) {
		say(ct, K_ERROR, "config-dir", "out of memory");
		goto out;
	}
	capture(ct, "config-dir");
	if (opt_read_dir_file(fresh, path) == -1) {
		capture(ct, NULL);
		goto out;
	}
	capture(ct, NULL);
	/* The same file over the global options, for the special tests. */
	opt_read_dir_file(merged, path);
	str_lcpy(saved_ctx, ct->context, sizeof(saved_ctx));
	snprintf(ct->context, sizeof(ct->context), " (in configuration "
	    "directory file %s)", path);
	ct->dirfile = fresh;
	test_options(ct, fresh, merged);
	ct->dirfile = saved;
	str_lcpy(ct->context, saved_ctx, sizeof(ct->context));
out:
	opt_free(merged);
	opt_free(fresh);
}

/* One object inside a configuration directory at position p. */
static void
cd_entry(struct ct *ct, const char *path, const char *name,
    const struct cdpos *p)
{
	struct cdpos q = *p;
	struct stat st;
	char lname[NAME_MAX + 1];
	int sub;
	bool isat;

	str_lcpy(lname, name, sizeof(lname));
	str_lower(lname, strlen(lname));
	sub = subtree_of(lname);
	isat = strcmp(lname, "_at_") == 0;
	q.depth++;
	if (stat(path, &st) == -1) {
		say(ct, K_ERROR, "config-dir", "Failed to stat %s: %s", path,
		    strerror(errno));
		return;
	}
	if (S_ISREG(st.st_mode)) {
		if (sub != SUB_NONE || isat) {
			say(ct, K_ERROR, "config-dir", "Found a file named %s; "
			    "it is never read: %s", name, path);
			return;
		}
		if (p->cur == SUB_NONE) {
			say(ct, K_WARNING, "config-dir", "This file is not "
			    "below _ip_, _rdns_, _sender_ or _recipient_ and "
			    "is never read: %s", path);
			return;
		}
		if (p->at && p->at_level >= 1) {
			say(ct, K_ERROR, "config-dir", "More than one level "
			    "below _at_: %s", path);
			return;
		}
		q.level++;
		cd_data_name(ct, path, name, &q);
		cd_file(ct, path);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		say(ct, K_ERROR, "config-dir", "Neither a file nor a "
		    "directory: %s", path);
		return;
	}
	if (sub != SUB_NONE) {
		/* Improvement: every structural ERROR counts (5.0.1 not). */
		if (p->seen & (1u << sub))
			say(ct, K_ERROR, "config-dir", "%s appears twice on "
			    "one path: %s", subname[sub], path);
		else if (p->cur != SUB_NONE && (p->at ? p->at_level : p->level)
		    == 0)
			say(ct, K_ERROR, "config-dir", "%s is directly inside "
			    "%s with no data level in between: %s",
			    subname[sub], p->at ? "_at_" : subname[p->cur],
			    path);
		else {
			q.seen |= 1u << sub;
			q.cur = sub;
			q.level = 0;
			q.at = false;
			q.at_level = 0;
			q.ipfam = 0;
			cd_walk(ct, path, &q);
		}
		return;
	}
	if (isat) {
		if (p->cur != SUB_SENDER && p->cur != SUB_RCPT)
			say(ct, K_ERROR, "config-dir", "_at_ outside _sender_ "
			    "or _recipient_: %s", path);
		else if (p->at)
			say(ct, K_ERROR, "config-dir", "_at_ appears twice on "
			    "one path: %s", path);
		else if (p->level == 0)
			say(ct, K_ERROR, "config-dir", "_at_ is directly "
			    "inside %s with no domain level in between: %s",
			    subname[p->cur], path);
		else {
			q.at = true;
			q.at_level = 0;
			cd_walk(ct, path, &q);
		}
		return;
	}
	if (p->cur == SUB_NONE) {
		say(ct, K_WARNING, "config-dir", "This directory is not below "
		    "_ip_, _rdns_, _sender_ or _recipient_ and is never "
		    "searched: %s", path);
		return;
	}
	if (p->at) {
		if (p->at_level >= 1) {
			say(ct, K_ERROR, "config-dir", "More than one level "
			    "below _at_: %s", path);
			return;
		}
		q.at_level++;
	} else
		q.level++;
	cd_data_name(ct, path, name, &q);
	cd_walk(ct, path, &q);
}

static void
cd_walk(struct ct *ct, const char *dir, const struct cdpos *p)
{
	struct dirent **e;
	struct buf b;
	int n, i;

	if (p->depth > CT_DEPTH_MAX || ct->walked++ > CT_WALK_MAX) {
		say(ct, K_ERROR, "config-dir", "Directory tree too deep or too "
		    "large at %s", dir);
		return;
	}
	if ((n = list_dir(ct, "config-dir", dir, &e)) == -1)
		return;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (dot(e[i]->d_name) || path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		cd_entry(ct, b.data, e[i]->d_name, p);
	}
	buf_free(&b);
	free_dir(e, n);
}

static void
sp_config_dir(struct ct *ct, const struct opt_row *r, const struct options *o)
{
	struct cdpos root = { 0, SUB_NONE, 0, false, 0, 0, 0 };
	struct stat st;
	size_t i;
	int before;

	for (i = 0; i < o->config_dir.n; i++) {
		const char *d = o->config_dir.v[i];

		if (stat(d, &st) == -1) {
			say(ct, K_ERROR, r->name, "Failed to open directory: "
			    "%s: %s", d, strerror(errno));
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			say(ct, K_ERROR, r->name, "Not a directory: %s", d);
			continue;
		}
		before = ct->errors;
		ct->walked = 0;
		cd_walk(ct, d, &root);
		if (ct->errors == before)
			say(ct, K_SUCCESS, r->name, "The configuration "
			    "directory tree is valid: %s", d);
	}
}

/* ------------------------------------------------------------ the loop */

static const struct special specials[] = {
	{ "config-dir", sp_config_dir },
	{ "dns-blacklist-entry", sp_dnsbl },
	{ "dns-blacklist-file", sp_dnsbl_file },
	{ "graylist-dir", sp_none },
	{ "graylist-exception-rdns-dir", sp_rdns_dir },
	{ "graylist-level", sp_graylist },
	{ "qmail-rcpthosts-file", sp_rcpthosts },
	{ "rdns-blacklist-dir", sp_rdns_dir },
	{ "rdns-whitelist-dir", sp_rdns_dir },
	{ "relay-level", sp_relay },
	{ "smtp-auth-command", sp_none },
	{ "smtp-auth-level", sp_auth },
	{ "tls-certificate-file", sp_tls },
	{ "tls-dhparams-file", sp_tls },
	{ "tls-privatekey-file", sp_tls },
	{ "tls-privatekey-password", sp_tls },
	{ "tls-privatekey-password-file", sp_tls },
};

/*
 * 12.2 item 6: every option in alphabetical order.  Globally (o the
 * global options) every special test runs; for a directory file (o its
 * own values, merged those over the global ones) only what it sets is
 * tested, graylisting on the merged view.
 */
static void
test_options(struct ct *ct, const struct options *o,
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
			generic(ct, r, o);
		else if (specials[j].fn == sp_graylist)
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
	say(&ct, K_VERBOSE, NULL, "Testing configuration...");
	if (env_build(&ct) == -1) {
		say(&ct, K_ERROR, NULL, "out of memory");
		goto out;
	}
	test_user(&ct);
	test_self(&ct, argv0);
	test_qmail(&ct, qmail_argv);
	test_options(&ct, opt, opt);
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
