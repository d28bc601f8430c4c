/*
 * session_data.c - message data and the backend's replies (session.md
 * 1.4, 2.5 step 8, 2.6, 2.8, 7.3).
 *
 * The DATA scanner is the hot path of the relay: it finds line ends with
 * memchr(), forwards whole runs of lines at once and looks closer only at
 * a bare LF or a line starting with '.'.  End of data is exactly
 * CRLF "." CRLF.  Improvement (SMTP smuggling): a "." line ended by a bare
 * LF (or by anything but a single CRLF), or following a line that ended in
 * a bare LF, is an ambiguous end of data: the backend is cut off (nothing
 * is delivered), the client gets 554 and the connection is closed.
 */
#include <stdlib.h>
#include <string.h>

#include "config/options.h"
#include "io/loop.h"
#include "log/log.h"
#include "log/transcript.h"
#include "session.h"
#include "util/str.h"

static void
refuse_bare_lf(struct session *s)
{
	size_t i;

	session_cut(s);
	session_reply(s, R_BARE_LF, 0, NULL);
	for (i = 0; i < s->naccepted; i++)
		session_decision_line(s, R_BARE_LF, &s->accepted[i], NULL);
	s->naccepted = 0;
	s->mode = M_COMMAND;
	buf_reset(&s->client.in);
	session_end(s);
}

/*
 * Handle a line that starts with '.' at p (a complete line through lf).
 * Returns true when it ended the data (or the session).
 */
/* End of data: the refusal decided during DATA, or forward the dot. */
static void
end_of_data(struct session *s)
{
	size_t i;

	if (s->in_headers) {
		session_header_final(s);
		session_header_end(s);
	}
	s->mode = M_COMMAND;
	if (decision_rejecting(&s->d)) {
		/* 2.6 end of data, item 1 (header blacklist). */
		session_reply(s, s->d.reason, 0, s->d.suffix);
		for (i = 0; i < s->naccepted; i++)
			session_decision_line(s, s->d.reason, &s->accepted[i],
			    s->d.detail);
		s->naccepted = 0;
		s->swallowing = false;
		session_cut(s);
		s->grace = G_EXPIRED;
		return;
	}
	session_to_backend(s, ".\r\n", 3);
	s->await = AW_DATAEND;
}

/*
 * Handle a line that starts with '.' at p (a complete line through lf).
 * Returns true when it ended the data (or the session).
 */
static bool
dot_line(struct session *s, const char *p, const char *lf)
{
	size_t n = (size_t)(lf - p) + 1;
	const char *q = p + 1;

	while (q < lf && *q == '\r')
		q++;
	if (q != lf)
		return false;		/* dot-stuffed text: an ordinary line */
	if (n == 3 && p[1] == '\r' && !s->prev_bare) {
		end_of_data(s);
		return true;
	}
	refuse_bare_lf(s);
	return true;
}

/*
 * Forward as much buffered message data as can be decided now.  Returns
 * false when more input is needed (or data mode ended), true to be called
 * again.
 */
bool
session_data_scan(struct session *s)
{
	struct buf *in = &s->client.in;
	const char *p = in->data, *end = in->data + in->len, *run = p, *lf;
	bool more = true, bare;

	while (p < end) {
		if (s->bol && *p == '.') {
			const char *q = p + 1;

			while (q < end && *q == '\r')
				q++;
			if (q == end) {		/* "." so far: wait for more */
				more = false;
				break;
			}
			if (*q == '\n') {
				session_to_backend(s, run, (size_t)(p - run));
				run = p;
				if (dot_line(s, p, q)) {
					if (s->ending)
						return false;
					p = q + 1;
					run = p;
					more = true;
					goto out;
				}
			}
		}
		lf = memchr(p, '\n', (size_t)(end - p));
		if (lf == NULL) {
			if (s->in_headers && in->len < in->max) {
				more = false;	/* a header line: wait for it */
				break;
			}
			if (s->in_headers)	/* no line end in a full buffer */
				session_header_end(s);
			s->bol = false;
			s->prev_cr = end[-1] == '\r';
			p = end;
			break;
		}
		/* A bare LF (also across reads) becomes CRLF (1.4). */
		bare = lf > in->data ? lf[-1] != '\r' : !s->prev_cr;
		if (s->in_headers) {
			if (session_header_line(s, p, (size_t)(lf - p) + 1,
			    bare))
				session_header_end(s);
			run = lf + 1;
		} else if (bare) {
			session_to_backend(s, run, (size_t)(lf - run));
			session_to_backend(s, "\r\n", 2);
			run = lf + 1;
		}
		s->prev_bare = bare;
		s->bol = true;
		s->prev_cr = false;
		p = lf + 1;
	}
	if (p == end)
		more = false;
out:
	session_to_backend(s, run, (size_t)(p - run));
	buf_consume(in, (size_t)(p - in->data));
	return more && s->mode == M_DATA;
}

/* Is this reply line the last of its reply ("NNN " or short)? */
static bool
final_line(const char *line, size_t n)
{
	return n < 4 || line[3] != '-';
}

static void
add_accepted(struct session *s)
{
	if (s->naccepted == s->capaccepted) {
		size_t ncap = s->capaccepted ? s->capaccepted * 2 : 8;
		struct smtp_addr *a = realloc(s->accepted,
		    ncap * sizeof(*a));

		if (a == NULL) {
			log_error("out of memory - unable to allocate %zu "
			    "bytes", ncap * sizeof(*a));
			return;
		}
		s->accepted = a;
		s->capaccepted = ncap;
	}
	s->accepted[s->naccepted++] = s->rcpt;
}

/* The backend refused: FILTER_OTHER and DENIED_OTHER (2.5, 2.6). */
static void
backend_refused(struct session *s, const char *text, size_t n,
    const struct smtp_addr *rcpt)
{
	char esc[1024];

	str_escape(esc, sizeof(esc), text, n);
	log_filter("FILTER_OTHER response: \"%s\"", esc);
	session_decision_line(s, R_OTHER, rcpt, esc);
}

/* The final line of a backend reply: act on what it answered (2.5, 2.6). */
static void
reply_complete(struct session *s, const char *raw, size_t n)
{
	size_t i;

	switch (s->await) {
	case AW_RCPT:
		if (n >= 3 && memcmp(raw, "250", 3) == 0)
			add_accepted(s);
		else
			backend_refused(s, raw, n, &s->rcpt);
		break;
	case AW_DATA:
		/* Improvement 2.6: data mode only after the backend's 354. */
		if (n >= 3 && memcmp(raw, "354", 3) == 0) {
			s->mode = M_DATA;
			s->bol = true;
			s->prev_cr = false;
			s->prev_bare = false;
		}
		break;
	case AW_DATAEND:
		for (i = 0; i < s->naccepted; i++) {
			if (n >= 3 && memcmp(raw, "250", 3) == 0) {
				char reason[1024];

				str_escape(reason, sizeof(reason), raw, n);
				session_decision_line(s, R_ALLOWED,
				    &s->accepted[i], reason);
			} else
				backend_refused(s, raw, n, &s->accepted[i]);
		}
		s->naccepted = 0;
		break;
	case AW_STARTTLS:
		if (n >= 3 && memcmp(raw, "220", 3) == 0) {
			/* 7.3: raw copy both ways from now on. */
			buf_reset(&s->client.in);
			s->mode = M_PASSTHROUGH;
			s->encryption = "TLS_PASSTHROUGH";
			transcript_set_state(s->tr, "TLS_PASSTHROUGH", NULL);
			transcript_event(s->tr, "TLS passthrough started");
			session_decision_line(s, R_TLS_ENCRYPTED, NULL, NULL);
		}
		break;
	case AW_AUTH:
		if (raw[0] == '3')
			break;		/* the exchange goes on */
		s->auth_observing = false;
		if (n >= 3 && memcmp(raw, "235", 3) == 0) {
			s->authenticated = true;
			str_lcpy(s->auth_user, s->auth_pending,
			    sizeof(s->auth_user));
			decision_authenticated(&s->d);
			transcript_set_state(s->tr, s->encryption, s->auth_user);
			transcript_event(s->tr, "Authentication successful");
		} else if (raw[0] == '5')
			transcript_event(s->tr, "Authentication failed: %s",
			    s->auth_pending);
		s->auth_pending[0] = '\0';
		break;
	default:
		break;
	}
	s->await = AW_NONE;
}

/* One line from qmail-smtpd (LF included when there was one). */
void
session_backend_line(struct session *s, const char *raw, size_t rawlen)
{
	size_t n = rawlen;
	bool fin;

	if (s->backend_cut) {
		if (s->tr != NULL)
			transcript_data(s->tr, TR_CHILD_FILTERED, raw, rawlen,
			    false);
		return;
	}
	while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		n--;
	s->last_activity_ms = loop_now_ms();
	fin = final_line(raw, n);
	switch (s->await) {
	case AW_EHLO: {
		struct buf out;

		buf_init(&out, 4096);
		if (ehlo_line(&s->ehlo, raw, n, &out) == 0)
			session_to_client(s, out.data, out.len, false);
		buf_free(&out);
		if (fin)
			s->spamdyke_auth = s->ehlo.spamdyke_auth;
		break;
	}
	case AW_DATA:
		/*
		 * 2.6: with the header filter active spamdyke answers 354
		 * itself (Improvement: only after the backend's own 354).
		 */
		if (fin && n >= 3 && memcmp(raw, "354", 3) == 0 &&
		    session_header_filter_on(s)) {
			if (s->tr != NULL)
				transcript_data(s->tr, TR_CHILD_FILTERED, raw,
				    rawlen, false);
			session_to_client(s, "354 Proceed.\r\n", 14, true);
			session_header_begin(s);
			break;
		}
		session_to_client(s, raw, rawlen, false);
		break;
	default:
		session_to_client(s, raw, rawlen, false);
		break;
	}
	if (fin)
		reply_complete(s, raw, n);
}
