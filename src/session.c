/*
 * session.c - the per-connection lifecycle: start-up checks, the backend,
 * the event loop, the end (session.md 1.2, 1.4, 1.5, 5.6).
 *
 * Two paths, kept apart: the relay path moves bytes between the client
 * (fd 0/1) and qmail-smtpd; the policy path (session_cmd.c) parses a copy
 * of each command and decides.  This file owns the descriptors, the
 * timers and the order of shutdown: spamdyke exits only after qmail-smtpd
 * has exited, so tcpserver's connection count stays true.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config/options.h"
#include "filters/local.h"
#include "io/child.h"
#include "io/loop.h"
#include "log/decision.h"
#include "log/log.h"
#include "log/transcript.h"
#include "privs.h"
#include "session.h"
#include "session_env.h"
#include "tls/tls.h"
#include "util/buf.h"
#include "util/str.h"
#include "version.h"

#define CLIENT_READ		65536	/* bytes per read (1.4) */
#define CLIENT_IN_MAX		(4 * CLIENT_READ)
#define OUT_MAX			(4u << 20)
#define OUT_HIWAT		(256u << 10)	/* stop reading the other side */
#define BACKEND_IN_MAX		65536
#define CUT_IDLE_SECS		1200		/* 2.10 */

static void	 on_io(int, unsigned, void *);
static void	 on_timer(void *);

const struct options *
session_options(const struct session *s)
{
	return s->opt;
}

void
session_to_client(struct session *s, const char *p, size_t n, bool own)
{
	if (s->client_closed)
		return;
	if (s->tr != NULL)
		transcript_data(s->tr, own ? TR_SPAMDYKE_TO_REMOTE :
		    TR_CHILD_TO_REMOTE, p, n, s->mode == M_PASSTHROUGH);
	if (conn_queue(&s->client, p, n) == -1)
		log_error("out of memory - unable to allocate %zu bytes", n);
}

void
session_to_backend(struct session *s, const char *p, size_t n)
{
	if (!s->backend_started || s->backend_cut)
		return;
	if (s->tr != NULL && !s->auth_observing)
		transcript_data(s->tr, TR_REMOTE_TO_CHILD, p, n,
		    s->mode == M_PASSTHROUGH);
	if (conn_send(&s->backend, p, n) == -1) {
		if (s->backend.werr)
			log_verror("unable to write %zu bytes to file "
			    "descriptor %d: %s", n, s->backend.wfd,
			    strerror(errno));
		else
			log_error("out of memory - unable to allocate %zu "
			    "bytes", n);
	}
}

void
session_reply(struct session *s, enum reason r, int code, const char *suffix)
{
	struct buf b;

	buf_init(&b, 2048);
	if (reply_format(&b, s->opt, r, code, suffix) == 0)
		session_to_client(s, b.data, b.len, true);
	buf_free(&b);
}

/* Close qmail-smtpd's stdin: it exits quietly (2.10). */
static void
close_backend_input(struct session *s)
{
	if (s->backend.wfd >= 0) {
		conn_flush(&s->backend);
		loop_unwatch(s->loop, s->backend.wfd);
		close(s->backend.wfd);
		s->backend.wfd = -1;
		buf_reset(&s->backend.out);
	}
}

void
session_cut(struct session *s)
{
	if (s->backend_cut)
		return;
	s->backend_cut = true;
	s->cut_reason = s->d.reason;
	str_lcpy(s->cut_suffix, s->d.suffix, sizeof(s->cut_suffix));
	close_backend_input(s);
}

void
session_end(struct session *s)
{
	s->ending = true;
}

void
session_decision_line(struct session *s, enum reason r,
    const struct smtp_addr *rcpt, const char *reason_text)
{
	char from[2 * SMTP_ADDR_PART_MAX + 2], to[2 * SMTP_ADDR_PART_MAX + 2];
	struct decision_fields f;

	f.token = reason_token(r);
	f.from = smtp_addr_format(&s->sender, from, sizeof(from));
	f.to = rcpt != NULL ? smtp_addr_format(rcpt, to, sizeof(to)) :
	    "(unknown)";
	f.ip = s->ip;
	f.rdns = s->rdns;
	f.auth = s->auth_user;
	f.encryption = s->encryption;
	f.reason = reason_text;
	log_decision(&f);
}

/* Split backend output into lines and hand each to the policy path. */
static void
backend_input(struct session *s)
{
	struct buf *in = &s->backend.in;
	size_t off = 0;
	char *lf;

	while (off < in->len) {
		if (s->mode == M_PASSTHROUGH) {
			session_to_client(s, in->data + off, in->len - off,
			    false);
			off = in->len;
			break;
		}
		lf = memchr(in->data + off, '\n', in->len - off);
		if (lf == NULL) {
			/* A full buffer without LF goes out raw (1.4). */
			if (in->len == in->max || s->backend.eof) {
				session_backend_line(s, in->data + off,
				    in->len - off);
				off = in->len;
			}
			break;
		}
		session_backend_line(s, in->data + off,
		    (size_t)(lf - (in->data + off)) + 1);
		off = (size_t)(lf - in->data) + 1;
	}
	buf_consume(in, off);
}

static void
check_child(struct session *s, bool block)
{
	int st;
	pid_t r;

	if (!s->backend_started || s->backend_reaped)
		return;
	do {
		r = waitpid(s->child, &st, block ? 0 : WNOHANG);
	} while (r == -1 && errno == EINTR);
	if (r == s->child || (r == -1 && errno == ECHILD)) {
		s->backend_reaped = true;
		s->backend_status = st;
	}
}

/* Which events each descriptor needs now. */
static void
update_watches(struct session *s)
{
	unsigned cr = 0, cw = 0, br = 0, bw = 0, tw;

	if (!s->client_closed && s->handshaking) {
		/* The TLS layer says what the handshake waits for. */
		tw = tls_wants(&s->client);
		cr = tw & IO_READ;
		cw = tw & IO_WRITE;
	} else if (!s->client_closed) {
		if (!s->client.eof && !s->ending &&
		    s->client.in.len < s->client.in.max &&
		    conn_pending(&s->backend) < OUT_HIWAT &&
		    !s->auth_waiting &&
		    (s->await == AW_NONE || s->mode == M_PASSTHROUGH))
			cr = IO_READ;
		if (conn_pending(&s->client) > 0)
			cw = IO_WRITE;
		if (s->client.ops != NULL) {
			tw = tls_wants(&s->client);
			if (tw & IO_WRITE)
				cw = IO_WRITE;
			if ((tw & IO_READ) && conn_pending(&s->client) > 0)
				cr = IO_READ;
		}
	}
	if (s->backend_started && s->backend.rfd >= 0 && !s->backend.eof &&
	    conn_pending(&s->client) < OUT_HIWAT)
		br = IO_READ;
	if (s->backend.wfd >= 0 && conn_pending(&s->backend) > 0)
		bw = IO_WRITE;
	if (!s->client_closed) {
		if (s->client.rfd == s->client.wfd)
			loop_watch(s->loop, s->client.rfd, cr | cw, on_io, s);
		else {
			loop_watch(s->loop, s->client.rfd, cr, on_io, s);
			loop_watch(s->loop, s->client.wfd, cw, on_io, s);
		}
	}
	if (s->backend.rfd >= 0)
		loop_watch(s->loop, s->backend.rfd, br, on_io, s);
	if (s->backend.wfd >= 0)
		loop_watch(s->loop, s->backend.wfd, bw, on_io, s);
}

/* Flush what can be flushed; log write errors (1.5). */
static void
flush_all(struct session *s)
{
	size_t n;

	if (!s->client_closed && !s->handshaking &&
	    conn_pending(&s->client) > 0) {
		n = conn_pending(&s->client);
		if (conn_flush(&s->client) == -1)
			log_verror("unable to write %zu bytes to file "
			    "descriptor %d: %s", n, s->client.wfd,
			    strerror(errno));
	}
	if (s->backend.wfd >= 0 && conn_pending(&s->backend) > 0) {
		n = conn_pending(&s->backend);
		if (conn_flush(&s->backend) == -1) {
			log_verror("unable to write %zu bytes to file "
			    "descriptor %d: %s", n, s->backend.wfd,
			    strerror(errno));
			close_backend_input(s);
		}
	}
}

/*
 * The client sent end of file and everything complete was processed:
 * forward what is left (1.5), close the backend's input and let it finish.
 */
static void
client_finished(struct session *s)
{
	if (s->await != AW_NONE && !s->backend_cut && s->mode != M_PASSTHROUGH)
		return;			/* its reply may still matter */
	if (s->client.in.len > 0 && s->mode != M_PASSTHROUGH) {
		session_to_backend(s, s->client.in.data, s->client.in.len);
		buf_reset(&s->client.in);
	}
	close_backend_input(s);
	if (!s->backend_started || s->backend_cut || s->backend.eof)
		session_end(s);
}

/* One step of the state machine after any event. */
void
session_step(struct session *s)
{
	session_client_input(s);
	if (s->client.eof && !s->ending)
		client_finished(s);
	if (s->backend.eof && s->backend.in.len == 0 && !s->ending) {
		/* qmail-smtpd went away (after its 221, or died). */
		if (!s->backend_cut)
			session_end(s);
	}
	flush_all(s);
	if (s->ending && s->backend.wfd >= 0 &&
	    conn_pending(&s->backend) == 0)
		close_backend_input(s);
	update_watches(s);
}

static void
client_read(struct session *s)
{
	ssize_t n;

	n = conn_fill(&s->client, CLIENT_READ);
	/* Decrypted bytes held inside the TLS layer never wake poll(). */
	while (n > 0 && s->client.ops != NULL && tls_pending(&s->client) > 0)
		if (conn_fill(&s->client, CLIENT_READ) <= 0)
			break;
	if (n > 0)
		s->last_activity_ms = loop_now_ms();
}

static void
backend_read(struct session *s)
{
	ssize_t n;

	n = conn_fill(&s->backend, BACKEND_IN_MAX);
	if (n != 0 || s->backend.in.len > 0)
		backend_input(s);
	if (s->backend.eof) {
		loop_unwatch(s->loop, s->backend.rfd);
		close(s->backend.rfd);
		s->backend.rfd = -1;
		check_child(s, false);
	}
}

static void
on_io(int fd, unsigned ev, void *ctx)
{
	struct session *s = ctx;

	if (s->dns_waiting) {
		/* Paused (session_dns_wait): poll nothing until resumed. */
		loop_events(s->loop, fd, 0);
		return;
	}
	if (s->handshaking && (fd == s->client.rfd || fd == s->client.wfd)) {
		if (session_tls_progress(s) && s->smtps_failed)
			session_end(s);
		session_step(s);
		return;
	}
	if ((fd == s->client.rfd && (ev & IO_READ) && !s->client_closed) ||
	    (s->client.ops != NULL && fd == s->client.wfd &&
	    (ev & IO_WRITE)))
		client_read(s);
	if (fd == s->backend.rfd && (ev & IO_READ))
		backend_read(s);
	if ((fd == s->client.wfd || fd == s->backend.wfd) && (ev & IO_WRITE))
		flush_all(s);
	else if (fd == s->backend.wfd && (ev & IO_READ))
		close_backend_input(s);		/* hangup: qmail exited */
	session_step(s);
}

/* Timeouts (5.6): idle and total, one timer armed at the nearer one. */
static uint64_t
next_deadline(struct session *s)
{
	uint64_t d = UINT64_MAX;
	long idle = s->opt->idle_timeout_secs;

	if (idle == 0 && s->backend_cut)
		idle = CUT_IDLE_SECS;
	if (idle > 0)
		d = s->last_activity_ms + (uint64_t)idle * 1000;
	if (s->opt->connection_timeout_secs > 0) {
		uint64_t c = s->start_ms +
		    (uint64_t)s->opt->connection_timeout_secs * 1000;

		if (c < d)
			d = c;
	}
	/* Improvement 7.2 item 3: a stalled handshake ends after 30 s. */
	if (s->handshaking && s->hs_deadline < d)
		d = s->hs_deadline;
	return d;
}

static void
arm_timer(struct session *s)
{
	uint64_t d = next_deadline(s);

	if (d != UINT64_MAX && s->timer_id <= 0 && !s->timed_out)
		s->timer_id = loop_timer(s->loop, d, on_timer, s);
}

static void
on_timer(void *ctx)
{
	struct session *s = ctx;
	uint64_t now = loop_now_ms();
	long idle = s->opt->idle_timeout_secs;
	bool expired = false;

	s->timer_id = 0;
	if (s->ending)
		return;
	if (s->dns_waiting) {
		s->timer_id = loop_timer(s->loop, now + 100, on_timer, s);
		return;
	}
	if (s->handshaking && now >= s->hs_deadline) {
		if (session_tls_progress(s) && s->smtps_failed)
			session_end(s);
		session_step(s);
		return;
	}
	if (idle == 0 && s->backend_cut)
		idle = CUT_IDLE_SECS;
	if (idle > 0 && now >= s->last_activity_ms + (uint64_t)idle * 1000)
		expired = true;
	/* The total limit is checked only while no reply is awaited. */
	if (s->opt->connection_timeout_secs > 0 && s->await == AW_NONE &&
	    now >= s->start_ms + (uint64_t)s->opt->connection_timeout_secs *
	    1000)
		expired = true;
	if (!expired) {
		uint64_t d = next_deadline(s);

		if (d <= now)		/* total limit waits for the reply */
			d = now + 500;
		s->timer_id = loop_timer(s->loop, d, on_timer, s);
		return;
	}
	s->timed_out = true;
	if (s->handshaking) {
		/* No TLS yet: the timeout reply goes out in plaintext. */
		tls_free(&s->client);
		s->handshaking = false;
	}
	close_backend_input(s);
	s->backend_cut = true;
	session_reply(s, R_TIMEOUT, 0, NULL);
	session_decision_line(s, R_TIMEOUT, s->rcpt.local[0] != '\0' ||
	    s->rcpt.domain[0] != '\0' ? &s->rcpt : NULL, "TIMEOUT");
	session_end(s);
	session_step(s);
}

static bool
finished(struct session *s)
{
	if (!s->ending)
		return false;
	if (!s->client_closed && conn_pending(&s->client) > 0 &&
	    !s->client.werr)
		return false;
	/* Wait for qmail-smtpd's output to end: it is exiting. */
	return !s->backend_started || s->backend.rfd < 0;
}

/* Start qmail-smtpd (1.2 steps 8-11); returns -1 when the session must end. */
static int
start_backend(struct session *s, char *const argv[])
{
	char path[4096];
	const char *what = NULL, *envpath = getenv("PATH");
	int to, from;

	if (child_find(argv[0], envpath, path, sizeof(path)) == -1) {
		log_error("unable to find executable %s: %s", argv[0],
		    strerror(errno));
		return -1;
	}
	if (child_spawn(path, argv, s->backend_envp, &to, &from, &s->child,
	    &what) == -1) {
		log_error("unable to %s: %s", strcmp(what, "fork") == 0 ?
		    "fork" : "create pipe", strerror(errno));
		/* Fail open: become qmail-smtpd, unfiltered (1.2 step 11). */
		execve(path, argv, s->backend_envp);
		log_error("unable to execute child process %s: %s", path,
		    strerror(errno));
		return -1;
	}
	s->backend_started = true;
	/*
	 * 1.2 step 12: only the parent undoes softlimit; qmail-smtpd keeps
	 * the limits the administrator set for it.
	 */
	privs_raise_limits();
	conn_init(&s->backend, from, to, BACKEND_IN_MAX, OUT_MAX);
	s->await = AW_GREETING;
	return 0;
}

static void
session_free(struct session *s)
{
	session_auth_free(s);
	conn_free(&s->client);
	conn_free(&s->backend);
	buf_free(&s->hold);
	buf_free(&s->header);
	free(s->accepted);
	session_env_free(s->backend_envp);
	session_dns_free(s);
	dnsbl_free(s);
	loop_free(s->loop);
}

int
session_run(struct options *opt, char *const argv[])
{
	struct session sess, *s = &sess;
	struct buf dump;

	memset(s, 0, sizeof(*s));
	s->opt = s->gopt = opt;
	s->backend.rfd = s->backend.wfd = -1;
	s->encryption = NULL;
	s->bol = true;
	decision_init(&s->d);
	s->grace = grace_level(opt);
	if ((s->loop = loop_new()) == NULL)
		return 111;
	s->start_ms = s->last_activity_ms = loop_now_ms();
	conn_init(&s->client, 0, 1, CLIENT_IN_MAX, OUT_MAX);

	if (opt->full_log_dir != NULL &&
	    (s->tr = transcript_open(opt->full_log_dir,
	    SPAMDYKE_VERSION_STRING)) != NULL) {
		extern char **environ;

		transcript_env(s->tr, environ);
		buf_init(&dump, 1u << 20);
		opt_dump(opt, &dump);
		transcript_config(s->tr, buf_cstr(&dump), dump.len);
		buf_free(&dump);
	}
	s->fs.rdns_resolves = -2;
	s->fs.sender_mx = -1;
	/* 7.2 item 2 (Improvement 5.5: the delay counts after it). */
	if (opt->tls_level == TLS_LEVEL_SMTPS && session_smtps(s) == -1) {
		session_tls_end(s);
		transcript_close(s->tr);
		session_free(s);
		return 0;
	}
	session_identify(s);
	/* Connection-time chain (2.3); with config-dir it runs per RCPT. */
	session_connect_filters(s);
	local_relay_setup(s);
	if ((s->backend_envp = session_env_build(s)) == NULL) {
		session_free(s);
		return 111;
	}

	if (decision_rejecting(&s->d) && s->grace == G_NONE) {
		/* 1.2 step 9: the backend is never started. */
		s->backend_cut = true;
		s->cut_reason = s->d.reason;
		str_lcpy(s->cut_suffix, s->d.suffix, sizeof(s->cut_suffix));
		session_reply(s, s->d.reason, 220, s->d.suffix);
	} else if (start_backend(s, argv) == -1) {
		transcript_close(s->tr);
		session_free(s);
		return 0;
	}

	s->start_ms = s->last_activity_ms = loop_now_ms();
	session_step(s);
	while (!finished(s)) {
		arm_timer(s);
		if (loop_once(s->loop, -1) == -1 && errno != EINTR) {
			log_error("unable to poll: %s", strerror(errno));
			break;
		}
	}
	flush_all(s);
	session_tls_end(s);
	close_backend_input(s);
	check_child(s, true);		/* never leave qmail-smtpd running */
	if (s->tr != NULL) {
		transcript_close(s->tr);
		s->tr = NULL;
	}
	session_free(s);
	return 0;
}
