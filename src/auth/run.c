/*
 * run.c - verification with checkpassword-compatible commands (session.md
 * 8.4, 8.5): one command at a time on the event loop, each bounded by a
 * timeout and SIGKILL, the verdict held back to a fixed minimum time.
 *
 * Entry points: auth_run_start(), auth_run_cancel(), auth_verify() (the
 * same on a private loop), auth_exit_text(), auth_limits_default().
 * The commands' output is read and thrown away; the only log lines are
 * the 8.5 texts with the user name.  The password travels through a pipe
 * written before fork (spawn.c) and is wiped from memory afterwards.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "auth/spawn.h"
#include "config/options.h"
#include "io/loop.h"
#include "log/log.h"
#include "util/str.h"

#define FD3_DATA_MAX	(AUTH_USER_MAX + AUTH_SECRET_MAX + \
			    AUTH_CHALLENGE_MAX)
#define REAP_FIRST_MS	2	/* polling for the exit of a child */
#define REAP_MAX_MS	100	/* that closed its output early */
#define READS_PER_EVENT	16	/* a chatty command cannot hold the loop */

struct auth_run {
	struct loop		*loop;
	const struct strlist	*cmds;
	char *const		*envp;
	struct auth_limits	 lim;
	auth_done_cb		*cb;
	void			*ctx;
	size_t			 next;	/* next command to try */
	char			 data[FD3_DATA_MAX];	/* for fd 3 */
	size_t			 datalen;
	char			 user[AUTH_USER_MAX];	/* escaped */
	uint64_t		 start_ms;
	pid_t			 pid;	/* -1: no command running */
	int			 outfd;
	int			 kill_timer;
	int			 reap_timer;
	int			 done_timer;
	unsigned		 reap_ms;
	bool			 accepted;
	bool			 starting;	/* in auth_run_start() */
	bool			 stuck;	/* no timer for a verdict */
};

static void	 next_command(struct auth_run *);

static void
wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

void
auth_limits_default(struct auth_limits *lim)
{
	lim->timeout_ms = AUTH_TIMEOUT_MS;
	lim->min_ms = AUTH_MIN_MS;
}

const char *
auth_exit_text(int code, char *buf, size_t len)
{
	static const char *const vars[] = { "USER", "HOME", "SHELL",
	    "VPOPUSER" };
	static const struct {
		int		 code;
		const char	*text;
	} texts[] = {
		{ 1, "authentication failure (bad username/password, vchkpw "
		    "uses this to indicate SMTP access is not allowed): " },
		{ 2, "authentication misuse (no input given or no additional "
		    "command path given, e.g. /bin/true): " },
		{ 3, "authentication error 3 (vchkpw uses this to indicate an "
		    "unknown username or authentication failure): " },
		{ 11, "authentication error 11 (vchkpw uses this to indicate "
		    "missing input on file descriptor 3): " },
		{ 12, "authentication error 12 (vchkpw uses this to indicate "
		    "an empty username): " },
		{ 13, "authentication error 13 (vchkpw uses this to indicate "
		    "an empty password): " },
		{ 14, "authentication error 14 (vchkpw uses this to indicate "
		    "a failure to create a virtual user's home directory): " },
		{ 15, "authentication error 15 (vchkpw uses this to indicate "
		    "a virtual user has no password): " },
		{ 20, "authentication error 20 (vchkpw uses this to indicate "
		    "an unparsable email address): " },
		{ 21, "authentication error 21 (vchkpw uses this to indicate "
		    "a failed username lookup in the system password file): " },
		{ 22, "authentication error 22 (vchkpw uses this to indicate "
		    "a failed username lookup in the system shadow file): " },
		{ 23, "authentication error 23 (vchkpw uses this to indicate "
		    "a failed authentication attempt using the system "
		    "password file): " },
		{ 111, "authentication error (likely due to missing/"
		    "unexecutable commands): " },
	};
	size_t i;

	if (code >= 7 && code <= 10) {
		snprintf(buf, len, "authentication error %d (vchkpw uses this "
		    "to indicate a failure to set the %s environment "
		    "variable, possibly due to low memory): ", code,
		    vars[code - 7]);
		return buf;
	}
	for (i = 0; i < nitems(texts); i++)
		if (texts[i].code == code) {
			str_lcpy(buf, texts[i].text, len);
			return buf;
		}
	snprintf(buf, len, "unknown authentication error code (%d): ", code);
	return buf;
}

/* Forget the running command: descriptors and timers (not the pid). */
static void
drop_command(struct auth_run *r)
{
	if (r->outfd >= 0) {
		loop_unwatch(r->loop, r->outfd);
		close(r->outfd);
		r->outfd = -1;
	}
	if (r->kill_timer > 0)
		loop_cancel(r->loop, r->kill_timer);
	if (r->reap_timer > 0)
		loop_cancel(r->loop, r->reap_timer);
	r->kill_timer = r->reap_timer = 0;
	r->pid = -1;
}

static void
free_run(struct auth_run *r)
{
	wipe(r->data, sizeof(r->data));
	free(r);
}

static void
on_done(void *ctx)
{
	struct auth_run *r = ctx;
	auth_done_cb *cb = r->cb;
	void *cbctx = r->ctx;
	bool ok = r->accepted;

	free_run(r);
	cb(cbctx, ok);
}

/* The verdict, delivered from the loop no sooner than lim.min_ms. */
static void
finish(struct auth_run *r, bool accepted)
{
	uint64_t at = r->start_ms + (uint64_t)(r->lim.min_ms > 0 ?
	    r->lim.min_ms : 0);

	r->accepted = accepted;
	wipe(r->data, sizeof(r->data));
	if ((r->done_timer = loop_timer(r->loop, at, on_done, r)) != -1)
		return;
	/* No memory for a timer: deliver now rather than never. */
	if (r->starting)
		r->stuck = true;	/* auth_run_start() returns NULL */
	else
		on_done(r);
}

/* A command ended with wait status st. */
static void
command_done(struct auth_run *r, int st)
{
	char text[256];

	drop_command(r);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		finish(r, true);
		return;
	}
	if (WIFEXITED(st))
		log_verror("%s%s", auth_exit_text(WEXITSTATUS(st), text,
		    sizeof(text)), r->user);
	else
		log_verror("authentication aborted abnormally: %s", r->user);
	next_command(r);
}

static bool
try_reap(struct auth_run *r)
{
	pid_t p;
	int st;

	do {
		p = waitpid(r->pid, &st, WNOHANG);
	} while (p == -1 && errno == EINTR);
	if (p == r->pid) {
		command_done(r, st);
		return true;
	}
	if (p == -1) {		/* reaped elsewhere: count as failed */
		command_done(r, 111 << 8);
		return true;
	}
	return false;
}

static void
on_reap(void *ctx)
{
	struct auth_run *r = ctx;

	r->reap_timer = 0;
	if (try_reap(r))
		return;
	if (r->reap_ms < REAP_MAX_MS)
		r->reap_ms *= 2;
	r->reap_timer = loop_timer(r->loop, loop_now_ms() + r->reap_ms,
	    on_reap, r);
}

static void
on_output(int fd, unsigned ev, void *ctx)
{
	struct auth_run *r = ctx;
	char sink[4096];
	ssize_t n;
	int i = 0;

	(void)ev;
	do {
		n = read(fd, sink, sizeof(sink));
	} while ((n > 0 && ++i < READS_PER_EVENT) ||
	    (n == -1 && errno == EINTR));
	if (n > 0 || (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)))
		return;
	/* End of output: the command has exited, or will soon. */
	loop_unwatch(r->loop, r->outfd);
	close(r->outfd);
	r->outfd = -1;
	if (try_reap(r))
		return;
	if (r->reap_timer > 0)
		loop_cancel(r->loop, r->reap_timer);
	r->reap_ms = REAP_FIRST_MS;
	r->reap_timer = loop_timer(r->loop, loop_now_ms() + r->reap_ms,
	    on_reap, r);
}

/* Kill the running command and wait for it. */
static void
kill_command(struct auth_run *r)
{
	pid_t p;
	int st;

	if (r->pid > 0) {
		kill(r->pid, SIGKILL);
		do {
			p = waitpid(r->pid, &st, 0);
		} while (p == -1 && errno == EINTR);
	}
	drop_command(r);
}

/* 8.4 step 3: past the limit the command is killed. */
static void
on_kill(void *ctx)
{
	struct auth_run *r = ctx;

	r->kill_timer = 0;
	kill_command(r);
	log_verror("authentication aborted abnormally: %s", r->user);
	next_command(r);
}

/* Watch a started command's output and time; 0 ok, -1 no memory. */
static int
watch_command(struct auth_run *r)
{
	uint64_t now = loop_now_ms();
	int id;

	if (loop_watch(r->loop, r->outfd, IO_READ, on_output, r) == -1)
		return -1;
	if ((id = loop_timer(r->loop, now + (uint64_t)r->lim.timeout_ms,
	    on_kill, r)) == -1)
		return -1;
	r->kill_timer = id;
	/* Also notices a command that closed its output and lives on. */
	r->reap_ms = REAP_MAX_MS;
	if ((id = loop_timer(r->loop, now + r->reap_ms, on_reap, r)) == -1)
		return -1;
	r->reap_timer = id;
	return 0;
}

static void
next_command(struct auth_run *r)
{
	const char *what = "";
	int e;

	while (r->next < r->cmds->n) {
		const char *cmd = r->cmds->v[r->next++];

		if (auth_spawn(cmd, r->envp, r->data, r->datalen, true,
		    &r->pid, &r->outfd, &what) == 0) {
			if (watch_command(r) == 0)
				return;
			kill_command(r);
			log_error("out of memory - unable to allocate %zu "
			    "bytes", sizeof(struct auth_run));
			break;
		}
		e = errno;
		if (strcmp(what, "fork") == 0)
			log_error("unable to fork: %s", strerror(e));
		else if (strcmp(what, "pipe") == 0)
			log_error("unable to create pipe: %s", strerror(e));
		else if (strcmp(what, "open") == 0)
			log_error("unable to open file /dev/null: %s",
			    strerror(e));
		else
			log_verror("authentication aborted abnormally: %s",
			    r->user);
	}
	finish(r, false);
}

struct auth_run *
auth_run_start(struct loop *loop, const struct options *opt,
    const struct auth_cred *cred, char *const envp[],
    const struct auth_limits *lim, auth_done_cb *cb, void *ctx)
{
	struct auth_run *r;
	size_t u, s, c;

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		log_error("out of memory - unable to allocate %zu bytes",
		    sizeof(*r));
		return NULL;
	}
	r->loop = loop;
	r->cmds = &opt->smtp_auth_command;
	r->envp = envp;
	if (lim != NULL)
		r->lim = *lim;
	else
		auth_limits_default(&r->lim);
	r->cb = cb;
	r->ctx = ctx;
	r->pid = -1;
	r->outfd = -1;
	r->start_ms = loop_now_ms();
	/* 8.4 step 2: user NUL secret NUL challenge NUL */
	u = strnlen(cred->user, sizeof(cred->user) - 1);
	s = strnlen(cred->secret, sizeof(cred->secret) - 1);
	c = strnlen(cred->challenge, sizeof(cred->challenge) - 1);
	memcpy(r->data, cred->user, u);
	memcpy(r->data + u + 1, cred->secret, s);
	memcpy(r->data + u + 1 + s + 1, cred->challenge, c);
	r->datalen = u + s + c + 3;
	str_escape(r->user, sizeof(r->user), cred->user, u);
	r->starting = true;
	next_command(r);
	r->starting = false;
	if (r->stuck) {
		free_run(r);
		return NULL;
	}
	return r;
}

void
auth_run_cancel(struct auth_run *r)
{
	if (r == NULL)
		return;
	kill_command(r);
	if (r->done_timer > 0)
		loop_cancel(r->loop, r->done_timer);
	free_run(r);
}

struct verdict {
	bool	 done;
	bool	 accepted;
};

static void
verify_done(void *ctx, bool accepted)
{
	struct verdict *v = ctx;

	v->done = true;
	v->accepted = accepted;
}

int
auth_verify(const struct options *opt, const struct auth_cred *cred,
    char *const envp[], const struct auth_limits *lim)
{
	struct verdict v = { false, false };
	struct auth_run *r;
	struct loop *loop;

	if ((loop = loop_new()) == NULL)
		return -1;
	if ((r = auth_run_start(loop, opt, cred, envp, lim, verify_done,
	    &v)) == NULL) {
		loop_free(loop);
		return -1;
	}
	while (!v.done)
		if (loop_once(loop, -1) == -1 && errno != EINTR)
			break;
	if (!v.done)
		auth_run_cancel(r);	/* poll() failed: stop it */
	loop_free(loop);
	if (!v.done)
		return -1;
	return v.accepted ? 1 : 0;
}
