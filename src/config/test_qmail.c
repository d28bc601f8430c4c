/*
 * test_qmail.c - --config-test (files.md 12.2) of what spamdyke takes
 * from qmail and adds to it: the qmail-smtpd command is run once (item
 * 5) and what it offers after EHLO (STARTTLS, AUTH) is weighed against
 * tls-level and smtp-auth-level; the special tests of
 * qmail-rcpthosts-file, relay-level, the TLS options (the certificate
 * loaded as a session would) and smtp-auth-level, which runs every
 * smtp-auth-command with the test credentials, plain and CRAM-MD5.
 * Commands get the environment of item 2 (ct->envp) and are killed
 * when they overstay.  Entry points: ct_test_qmail, ct_sp_rcpthosts,
 * ct_sp_relay, ct_sp_tls, ct_sp_auth.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/auth.h"
#include "config/options.h"
#include "config/test_int.h"
#include "io/child.h"
#include "io/loop.h"
#include "tls/tls.h"
#include "util/buf.h"
#include "util/str.h"

#define CT_WAIT_MS	10000		/* each step of the qmail dialog */
#define CT_OUT_MAX	65536		/* qmail output kept */
#define CT_AUTH_MS	30000		/* session.md 8.4 item 3 */

/* ---------------------------------------------------------------- helpers */

/* Wait for pid at most ms, then kill it; returns the wait status or -1. */
static int
reap(pid_t pid, unsigned ms)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	uint64_t deadline = loop_now_ms() + ms;
	int status;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return status;
		if (r == -1 && errno != EINTR)
			return -1;
		if (loop_now_ms() >= deadline) {
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
		ct_say(ct, K_ERROR, NULL, "Unable to run the qmail command %s: "
		    "unable to %s: %s", path, what, strerror(errno));
		return -1;
	}
	deadline = loop_now_ms() + CT_WAIT_MS;
	for (;;) {
		if (state == 0 && find(out->data, out->len, 0, "220 ") >= 0) {
			if (write_all(to, ehlo, sizeof(ehlo) - 1) == -1)
				break;
			mark = out->len >= 2 ? out->len - 2 : 0;
			state = 1;
			deadline = loop_now_ms() + CT_WAIT_MS;
		}
		if (state == 1 &&
		    find(out->data, out->len, mark, "\r\n250 ") >= 0) {
			if (write_all(to, quit, sizeof(quit) - 1) == -1)
				break;
			state = 2;
			deadline = loop_now_ms() + CT_WAIT_MS;
		}
		if ((now = loop_now_ms()) >= deadline)
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
		ct_say(ct, K_ERROR, "tls-level", "TLS is requested but "
		    "spamdyke was compiled without TLS support.");
		return;
	}
#endif
	switch (o->tls_level) {
	case TLS_LEVEL_NONE:
		ct_say(ct, K_INFO, "tls-level", ct->qmail_tls ? "qmail offers "
		    "TLS but tls-level is none: spamdyke will hide it and TLS "
		    "will not be available." : "TLS is disabled (tls-level "
		    "none) and qmail does not offer it.");
		break;
	case TLS_LEVEL_SMTPS:
		if (cert)
			ct_say(ct, K_SUCCESS, "tls-level", "spamdyke will "
			    "encrypt every connection from the first byte "
			    "(SMTPS) with the certificate in "
			    "tls-certificate-file.");
		else
			ct_say(ct, K_ERROR, "tls-level", "tls-level is smtps "
			    "but no tls-certificate-file is given: no session "
			    "can start.");
		break;
	default:
		if (cert)
			ct_say(ct, K_SUCCESS, "tls-level", "spamdyke will "
			    "offer TLS (STARTTLS) with the certificate in "
			    "tls-certificate-file%s.", ct->qmail_tls ?
			    "; qmail's own TLS will not be used" : "");
		else if (o->tls_level == TLS_LEVEL_SMTP_NO_PASSTHROUGH)
			ct_say(ct, K_WARNING, "tls-level", "tls-level is "
			    "smtp-no-passthrough but no tls-certificate-file "
			    "is given: STARTTLS will be refused.");
		else if (ct->qmail_tls)
			ct_say(ct, K_SUCCESS, "tls-level", "qmail offers TLS "
			    "and no tls-certificate-file is given: spamdyke "
			    "will pass TLS through to qmail and cannot filter "
			    "encrypted sessions.");
		else
			ct_say(ct, K_INFO, "tls-level", "TLS will not be "
			    "available: qmail does not offer it and no "
			    "tls-certificate-file is given.");
		break;
	}
}

static void
auth_caps(struct ct *ct)
{
	const struct options *o = ct->opt;
	const char *lv = ct_kwname("smtp-auth-level", o->smtp_auth_level);
	bool cmds = o->smtp_auth_command.n > 0;

	if (o->smtp_auth_level <= AL_OBSERVE && cmds)
		ct_say(ct, K_ERROR, "smtp-auth-command", "smtp-auth-command is "
		    "given but smtp-auth-level is %s: the commands will be "
		    "ignored.", lv);
	switch (o->smtp_auth_level) {
	case AL_NONE:
		ct_say(ct, K_INFO, "smtp-auth-level", ct->qmail_auth ? "qmail "
		    "offers SMTP AUTH but smtp-auth-level is none: spamdyke "
		    "will hide it and no client can authenticate." : "SMTP "
		    "AUTH is disabled (smtp-auth-level none) and qmail does "
		    "not offer it.");
		return;
	case AL_OBSERVE:
		if (ct->qmail_auth)
			ct_say(ct, K_SUCCESS, "smtp-auth-level", "qmail offers "
			    "SMTP AUTH; spamdyke will observe it and trust its "
			    "result.");
		else
			ct_say(ct, K_INFO, "smtp-auth-level", "SMTP AUTH will "
			    "not be available: qmail does not offer it and "
			    "smtp-auth-level is observe.");
		return;
	default:
		break;
	}
	if (!cmds)
		ct_say(ct, K_ERROR, "smtp-auth-level", "smtp-auth-level is %s "
		    "but no smtp-auth-command is given: spamdyke cannot verify "
		    "passwords itself.", lv);
	if (!ct_local_known(o))
		ct_say(ct, K_ERROR, "smtp-auth-level", "smtp-auth-level is %s "
		    "but neither qmail-rcpthosts-file nor "
		    "qmail-morercpthosts-cdb is available: spamdyke cannot "
		    "control relaying for authenticated clients.", lv);
	if (!cmds || !ct_local_known(o))
		return;
	if (o->smtp_auth_level <= AL_ONDEMAND_ENCRYPTED && ct->qmail_auth)
		ct_say(ct, K_SUCCESS, "smtp-auth-level", "qmail offers SMTP "
		    "AUTH; spamdyke will observe it and leave "
		    "smtp-auth-command unused.");
	else
		ct_say(ct, K_SUCCESS, "smtp-auth-level", "spamdyke will offer "
		    "SMTP AUTH and verify passwords with smtp-auth-command%s.",
		    ct->qmail_auth ? "; qmail's own AUTH will be hidden" : "");
}

/* 12.2 item 5. */
void
ct_test_qmail(struct ct *ct, char *const argv[])
{
	char path[PATH_MAX];
	struct buf out, line;
	size_t i;
	int state;

	if (argv == NULL || argv[0] == NULL) {
		ct_say(ct, K_ERROR, NULL, "Missing qmail-smtpd command");
		return;
	}
	buf_init(&line, 1024);
	for (i = 0; argv[i] != NULL; i++)
		buf_printf(&line, "%s%s", i > 0 ? " " : "", argv[i]);
	ct_say(ct, K_INFO, NULL, "Running the qmail command to test its "
	    "capabilities: %s", buf_cstr(&line));
	if (child_find(argv[0], getenv("PATH"), path, sizeof(path)) == -1) {
		ct_say(ct, K_ERROR, NULL, "Unable to find the qmail command "
		    "%s: %s", argv[0], strerror(errno));
		buf_free(&line);
		return;
	}
	buf_init(&out, CT_OUT_MAX);
	state = qmail_dialog(ct, path, argv, &out);
	if (state >= 0 && out.len == 0)
		ct_say(ct, K_ERROR, NULL, "The qmail command produced no "
		    "output: %s", buf_cstr(&line));
	else if (state == 0)
		ct_say(ct, K_ERROR, NULL, "The qmail command did not send a "
		    "220 greeting: %s", buf_cstr(&line));
	else if (state == 1)
		ct_say(ct, K_ERROR, NULL, "The qmail command did not answer "
		    "EHLO with 250: %s", buf_cstr(&line));
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

/* ------------------------------------------- qmail's files, relay, TLS */

void
ct_sp_rcpthosts(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	size_t i;

	for (i = 0; i < o->qmail_rcpthosts_file.n; i++) {
		if (strcmp(o->qmail_rcpthosts_file.v[i], DEF_RCPTHOSTS) != 0)
			ct_say(ct, K_WARNING, r->name, "%s is not the default "
			    "path (%s); make sure it is the file qmail uses.",
			    o->qmail_rcpthosts_file.v[i], DEF_RCPTHOSTS);
		ct_test_read_file(ct, r->name, o->qmail_rcpthosts_file.v[i]);
	}
}

void
ct_sp_relay(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	if ((o->relay_level == RL_BLOCK_ALL || o->relay_level == RL_NORMAL) &&
	    !ct_local_known(o))
		ct_say(ct, K_ERROR, r->name, "relay-level is %s but neither "
		    "qmail-rcpthosts-file nor qmail-morercpthosts-cdb is "
		    "available: every recipient counts as remote and is "
		    "refused unless the client may relay.",
		    ct_kwname(r->name, o->relay_level));
}

void
ct_sp_tls(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	const char *const *v, *one = NULL;
	size_t n;

	if ((v = ct_values(r, o, &n, &one)) == NULL || n == 0)
		return;
#ifndef HAVE_TLS
	(void)v;
	ct_say(ct, K_ERROR, r->name, "TLS support is not compiled in; %s "
	    "cannot be used.", r->name);
#else
	struct tls_server *srv;
	char err[1024];

	if (r->arg == OA_FILE)
		ct_test_read_file(ct, r->name, v[0]);
	if (strcmp(r->name, "tls-certificate-file") != 0)
		return;
	/* Load everything as a session would: key, password, DH params. */
	if ((srv = tls_server_new(o, err, sizeof(err))) == NULL) {
		ct_say(ct, K_ERROR, r->name, "%s", err);
		return;
	}
	tls_server_free(srv);
	ct_say(ct, K_SUCCESS, r->name, "The TLS library accepted the "
	    "certificate, the key and the parameters: %s", v[0]);
#endif
}

/* -------------------------------------------- SMTP AUTH (smtp-auth-level) */

/*
 * Run one checkpassword command (session.md 8.4) with fd 3 carrying
 * data; returns the wait status, -1 when it could not run or was killed.
 */
static int
run_checkpassword(struct ct *ct, const char *cmd, const char *data,
    size_t n)
{
	char path[PATH_MAX], **argv;
	int p[2], nul, status = -1;
	pid_t pid;

	if ((argv = child_split(cmd)) == NULL)
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
	child_split_free(argv);
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
accepted(int status)
{
	return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Plain and CRAM-MD5 runs of cmd; *cram: 1 worked, 0 failed, -1 untried. */
static void
try_auth(struct ct *ct, const char *cmd, const char *user, const char *pass,
    int *cram)
{
	unsigned char mac[16];
	unsigned rnd = (unsigned)getpid();
	char host[AUTH_HOST_MAX], chal[512], hex[33], why[64];
	struct buf d;
	size_t i;
	int st;

	buf_init(&d, 4096);
	buf_append(&d, user, strlen(user) + 1);
	buf_append(&d, pass, strlen(pass) + 1);
	buf_putc(&d, '\0');
	st = run_checkpassword(ct, cmd, d.data, d.len);
	if (accepted(st))
		ct_say(ct, K_SUCCESS, "smtp-auth-command", "Authentication "
		    "succeeded for %s with %s (plain password).", user, cmd);
	else
		ct_say(ct, K_ERROR, "smtp-auth-command", "Authentication "
		    "failed for %s with %s (plain password): %s.", user, cmd,
		    exit_text(st, why, sizeof(why)));
	auth_challenge_host(ct->opt, host, sizeof(host));
	tls_random(&rnd, sizeof(rnd));
	snprintf(chal, sizeof(chal), "<%u.%lld@%s>", rnd,
	    (long long)time(NULL), host);
	if (tls_hmac_md5(pass, strlen(pass), chal, strlen(chal), mac) == -1) {
		ct_say(ct, K_WARNING, "smtp-auth-command", "CRAM-MD5 was not "
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
	if (accepted(st)) {
		ct_say(ct, K_SUCCESS, "smtp-auth-command", "Authentication "
		    "succeeded for %s with %s (CRAM-MD5).", user, cmd);
		if (*cram != 0)
			*cram = 1;
	} else {
		ct_say(ct, K_INFO, "smtp-auth-command", "Authentication failed "
		    "for %s with %s (CRAM-MD5): %s. The command may not "
		    "support encrypted passwords.", user, cmd,
		    exit_text(st, why, sizeof(why)));
		*cram = 0;
	}
	buf_free(&d);
}

void
ct_sp_auth(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	const char *user = o->config_test_smtpauth_username;
	const char *pass = o->config_test_smtpauth_password;
	const char *lv = ct_kwname(r->name, o->smtp_auth_level);
	char path[PATH_MAX];
	struct stat st;
	size_t i;
	int cram = -1;

	for (i = 0; i < o->smtp_auth_command.n; i++) {
		const char *cmd = o->smtp_auth_command.v[i];

		if (ct_test_exec(ct, "smtp-auth-command", cmd, true, path,
		    sizeof(path), &st) == -1)
			continue;
		if (st.st_uid != 0)
			ct_say(ct, K_WARNING, "smtp-auth-command", "%s is not "
			    "owned by root; checkpassword programs usually "
			    "need root to read passwords and change users.",
			    path);
		else if (!(st.st_mode & S_ISUID))
			ct_say(ct, K_WARNING, "smtp-auth-command", "%s is "
			    "owned by root but not setuid; it may fail unless "
			    "spamdyke runs as root.", path);
		if (user != NULL && pass != NULL)
			try_auth(ct, cmd, user, pass, &cram);
	}
	if (o->smtp_auth_command.n == 0)
		return;
	if (o->smtp_auth_level <= AL_OBSERVE)
		ct_say(ct, K_WARNING, r->name, "smtp-auth-level is %s: "
		    "smtp-auth-command will never be used.", lv);
	else if (cram == 1 && (o->smtp_auth_level == AL_ONDEMAND ||
	    o->smtp_auth_level == AL_ALWAYS))
		ct_say(ct, K_INFO, r->name, "CRAM-MD5 works with every "
		    "command: consider smtp-auth-level=%s-encrypted so that "
		    "clients need not send passwords in the clear.", lv);
	else if (cram == 0 && (o->smtp_auth_level == AL_ONDEMAND_ENCRYPTED ||
	    o->smtp_auth_level == AL_ALWAYS_ENCRYPTED))
		ct_say(ct, K_WARNING, r->name, "CRAM-MD5 failed: consider "
		    "smtp-auth-level=%s so that CRAM-MD5 is not offered.",
		    o->smtp_auth_level == AL_ALWAYS_ENCRYPTED ? "always" :
		    "ondemand");
}
