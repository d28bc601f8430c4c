/*
 * session_tls.c - TLS in the session (session.md 7): STARTTLS terminated
 * by spamdyke, SMTPS from the first byte, the EHLO flags that depend on
 * TLS, and the orderly end of TLS.  The encryption itself lives in tls/,
 * under the client conn; nothing above the conn knows about it.
 *
 * Improvement: OpenSSL is loaded and the certificate read only when a
 * session starts TLS, so sessions that do not use it pay nothing; the
 * handshake waits on its descriptor and is bounded by 30 s when no
 * timeout is configured.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>

#include "config/options.h"
#include "io/loop.h"
#include "log/log.h"
#include "log/transcript.h"
#include "session.h"
#include "tls/tls.h"
#include "util/str.h"

bool
session_tls_active(struct session *s)
{
	return s->encryption != NULL && s->mode != M_PASSTHROUGH &&
	    tls_active(&s->client);
}

/* A usable certificate, as 7.1 means it: configured, level allows it. */
static bool
can_terminate(const struct session *s)
{
	return tls_configured(s->opt) && !s->tls_setup_failed &&
	    (s->opt->tls_level == TLS_LEVEL_SMTP ||
	    s->opt->tls_level == TLS_LEVEL_SMTP_NO_PASSTHROUGH);
}

unsigned
session_tls_ehlo_flags(struct session *s)
{
	const struct options *opt = s->opt;

	if (session_tls_active(s) || opt->tls_level == TLS_LEVEL_NONE ||
	    opt->tls_level == TLS_LEVEL_SMTPS)
		return EHLO_REMOVE_TLS;
	if (can_terminate(s))
		return EHLO_ADD_TLS;
	if (opt->tls_level == TLS_LEVEL_SMTP_NO_PASSTHROUGH)
		return EHLO_REMOVE_TLS;
	return 0;
}

static int
server(struct session *s, char *err, size_t errlen)
{
	if (s->tls_srv == NULL &&
	    (s->tls_srv = tls_server_new(s->opt, err, errlen)) == NULL) {
		log_error("%s", err);
		s->tls_setup_failed = true;
		return -1;
	}
	return 0;
}

/* STARTTLS that spamdyke terminates (7.2 item 1).  0 started, -1 not. */
int
session_starttls(struct session *s)
{
	char err[1024];

	if (!can_terminate(s))
		return -1;
	if (server(s, err, sizeof(err)) == -1) {
		session_reply(s, R_FAILED_TLS, 454, NULL);
		return 0;
	}
	session_to_client(s, "220 Proceed.\r\n", 14, true);
	/* Plaintext pipelined after STARTTLS is discarded, never executed. */
	s->discard_input = true;
	if (tls_start(s->tls_srv, &s->client, err, sizeof(err)) == -1) {
		log_verror("unable to start SSL/TLS connection: %s", err);
		session_reply(s, R_FAILED_TLS, 454, NULL);
		return 0;
	}
	s->handshaking = true;
	s->hs_deadline = loop_now_ms() + TLS_HANDSHAKE_MAX_MS;
	return 0;
}

/* Drive the handshake after an event on the client; false while busy. */
bool
session_tls_progress(struct session *s)
{
	char err[1024];
	int rc;

	rc = tls_handshake(&s->client, err, sizeof(err));
	if (rc == 0 && loop_now_ms() < s->hs_deadline)
		return false;
	s->handshaking = false;
	if (rc == 1) {
		buf_reset(&s->client.in);
		s->encryption = s->smtps ? "SSL" : "TLS";
		transcript_set_state(s->tr, "TLS", s->auth_user);
		transcript_event(s->tr, "TLS negotiated and started");
		return true;
	}
	if (rc == 0) {
		tls_free(&s->client);
		str_lcpy(err, "handshake timed out", sizeof(err));
	}
	if (s->smtps) {
		log_verror("unable to start SMTPS due to a protocol failure; "
		    "closing connection");
		s->smtps_failed = true;
		return true;
	}
	log_verror("unable to start SSL/TLS connection: %s", err);
	session_reply(s, R_FAILED_TLS, 454, NULL);
	return true;
}

/*
 * SMTPS (7.2 item 2): the handshake before anything else.  -1 when the
 * session must end (logged).
 */
int
session_smtps(struct session *s)
{
	char err[1024];

	if (!tls_configured(s->opt) || server(s, err, sizeof(err)) == -1) {
		log_error("unable to start SMTPS because TLS support is not "
		    "available or an SSL/TLS certificate is not available; "
		    "closing connection");
		return -1;
	}
	s->smtps = true;
	if (tls_start(s->tls_srv, &s->client, err, sizeof(err)) == -1) {
		log_verror("unable to start SMTPS due to a protocol failure; "
		    "closing connection");
		return -1;
	}
	s->handshaking = true;
	s->hs_deadline = loop_now_ms() + TLS_HANDSHAKE_MAX_MS;
	if (s->opt->idle_timeout_secs > 0 &&
	    (uint64_t)s->opt->idle_timeout_secs * 1000 < TLS_HANDSHAKE_MAX_MS)
		s->hs_deadline = loop_now_ms() +
		    (uint64_t)s->opt->idle_timeout_secs * 1000;
	while (s->handshaking) {
		session_tls_wait(s);
		session_tls_progress(s);
	}
	return s->smtps_failed ? -1 : 0;
}

/*
 * Wait (at most 100 ms) for what the TLS layer needs on the client: used
 * only where nothing else runs (SMTPS start, the end of the session).
 */
void
session_tls_wait(struct session *s)
{
	struct pollfd p[2];
	unsigned w = tls_wants(&s->client);
	nfds_t n = 1;

	if (w == 0)
		w = IO_READ;
	p[0].fd = s->client.rfd;
	p[0].events = (w & IO_READ) ? POLLIN : 0;
	p[0].revents = 0;
	if (s->client.wfd == s->client.rfd) {
		if (w & IO_WRITE)
			p[0].events |= POLLOUT;
	} else {
		p[1].fd = s->client.wfd;
		p[1].events = (w & IO_WRITE) ? POLLOUT : 0;
		p[1].revents = 0;
		n = 2;
	}
	if (poll(p, n, 100) == -1 && errno != EINTR)
		s->client.werr = true;
}

/* End TLS at exit: close_notify for at most 5 s, then free. */
void
session_tls_end(struct session *s)
{
	uint64_t until = loop_now_ms() + TLS_SHUTDOWN_MAX_MS;

	if (tls_active(&s->client)) {
		while (conn_pending(&s->client) > 0 && !s->client.werr &&
		    loop_now_ms() < until) {
			if (conn_flush(&s->client) != 1)
				break;
			session_tls_wait(s);
		}
		while (!s->client.werr && tls_shutdown(&s->client) == 0 &&
		    loop_now_ms() < until)
			session_tls_wait(s);
		transcript_event(s->tr, "TLS ended and closed");
		tls_free(&s->client);
	}
	if (s->tls_srv != NULL)
		tls_server_free(s->tls_srv);
	s->tls_srv = NULL;
}
