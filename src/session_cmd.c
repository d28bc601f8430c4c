/*
 * session_cmd.c - the policy path for client commands (session.md 2.2,
 * 2.4-2.7, 2.9, 2.10).
 *
 * Each complete command line is classified by verb, checked, and then
 * forwarded byte for byte (bare LF turned into CRLF), or answered here.
 * While a forwarded command awaits its reply no further input is
 * processed.  Pending rejections are delivered following the grace table
 * of 2.2; once the backend is cut off every command is answered locally.
 */
#include <stdio.h>
#include <string.h>

#include "config/options.h"
#include "log/log.h"
#include "log/transcript.h"
#include "session.h"
#include "smtp/cmd.h"
#include "util/str.h"

#define CMD_LINE_MAX		4096	/* Improvement 2.9 */
#define AUTH_LINE_MAX		12288
#define LOCAL_REPLY_LIMIT	100	/* Improvement 2.10 */

static const char line_too_long[] = "500 5.5.2 Line too long.\r\n";

/* Forward one raw command line, its bare LF turned into CRLF (1.4). */
static void
forward_line(struct session *s, const char *raw, size_t rawlen,
    enum await aw)
{
	if (rawlen > 0 && raw[rawlen - 1] == '\n' &&
	    (rawlen == 1 || raw[rawlen - 2] != '\r')) {
		session_to_backend(s, raw, rawlen - 1);
		session_to_backend(s, "\r\n", 2);
	} else
		session_to_backend(s, raw, rawlen);
	s->await = aw;
}

/* Current rejection, or the one that cut the backend. */
static enum reason
pending_reason(struct session *s, const char **suffix)
{
	if (decision_rejecting(&s->d)) {
		*suffix = s->d.suffix;
		return s->d.reason;
	}
	*suffix = s->cut_suffix;
	return s->cut_reason;
}

static bool
expired(struct session *s)
{
	return s->grace == G_EXPIRED && decision_rejecting(&s->d);
}

/* Announce the pending rejection with code, cut the backend (2.2). */
static void
reject_and_cut(struct session *s, int code)
{
	session_reply(s, s->d.reason, code, s->d.suffix);
	session_cut(s);
	s->grace = G_EXPIRED;
}

/* RCPT refused here: reply and one decision line (2.5 step 8). */
static void
refuse_rcpt(struct session *s, enum reason r, int code, const char *suffix,
    const char *detail)
{
	session_reply(s, r, code, suffix);
	session_decision_line(s, r, &s->rcpt, detail);
}

/*
 * The backend is cut off or was never started: answer locally (2.2,
 * 2.10 and its Improvements: every command gets a reply; after 100 of
 * them the session is closed with 421).
 */
static void
local_answer(struct session *s, enum smtp_verb verb, const char *arg,
    size_t argn)
{
	const char *suffix;
	enum reason r = pending_reason(s, &suffix);

	if (r == R_NONE)
		r = R_REJECT_ALL;	/* cannot happen: a cut has a reason */
	if (++s->local_replies > LOCAL_REPLY_LIMIT) {
		session_reply(s, r, 421, suffix);
		session_end(s);
		return;
	}
	switch (verb) {
	case CMD_QUIT:
		session_reply(s, r, 221, suffix);
		session_end(s);
		return;
	case CMD_HELO:
	case CMD_EHLO:
	case CMD_MAIL:
		/* 2.2: G <= NONE (HELO) and G <= AFTER_MAIL (MAIL) hold. */
		if (verb == CMD_MAIL)
			smtp_addr_parse(arg, argn, &s->sender);
		session_reply(s, r, 250, suffix);
		break;
	case CMD_STARTTLS:
		session_reply(s, r, 0, suffix);
		break;
	case CMD_RCPT:
		smtp_addr_parse(arg, argn, &s->rcpt);
		if (s->rcpt.local[0] == '\0') {
			session_reply(s, R_UNPARSEABLE, 0, NULL);
			break;
		}
		refuse_rcpt(s, r, 0, suffix, s->d.detail);
		break;
	case CMD_DATA:
		session_reply(s, r, 0, suffix);
		break;
	default:
		session_reply(s, r, 554, suffix);
		break;
	}
	s->grace = G_EXPIRED;
}

static void
cmd_ehlo(struct session *s, enum smtp_verb verb, const char *raw,
    size_t rawlen)
{
	const struct options *opt = s->opt;
	unsigned flags = 0;
	bool always;

	if (decision_rejecting(&s->d) && s->grace <= G_NONE) {
		reject_and_cut(s, 250);
		return;
	}
	if (verb == CMD_HELO) {
		forward_line(s, raw, rawlen, AW_HELO);
		return;
	}
	/* 2.8: flags chosen when EHLO is forwarded. */
	always = opt->smtp_auth_level >= AL_ALWAYS;
	flags = session_tls_ehlo_flags(s);
	if (opt->smtp_auth_require_tls && !session_tls_active(s))
		flags |= EHLO_REMOVE;	/* Addition: no AUTH before TLS */
	else if (opt->smtp_auth_command.n > 0 &&
	    opt->smtp_auth_level >= AL_ALWAYS)
		flags |= EHLO_ADD | EHLO_REMOVE;
	else if (opt->smtp_auth_command.n > 0 &&
	    opt->smtp_auth_level >= AL_ONDEMAND)
		flags |= EHLO_ADD;
	else if (opt->smtp_auth_level == AL_NONE)
		flags |= EHLO_REMOVE;
	ehlo_begin(&s->ehlo, flags, always,
	    opt->smtp_auth_level == AL_ONDEMAND_ENCRYPTED ||
	    opt->smtp_auth_level == AL_ALWAYS_ENCRYPTED ?
	    "AUTH LOGIN PLAIN CRAM-MD5" : "AUTH LOGIN PLAIN");
	forward_line(s, raw, rawlen, AW_EHLO);
}

static void
cmd_mail(struct session *s, const char *arg, size_t argn, const char *raw,
    size_t rawlen)
{
	smtp_addr_parse(arg, argn, &s->sender);
	s->cdir_base_valid = false;	/* a new sender: recompute (2.5) */
	/* 2.4: filters run only for a sender with a local part. */
	if (s->sender.local[0] != '\0' && s->opt->config_dir.n == 0) {
		chain_start(s, PH_MAIL);
		session_dns_wait(s);
		chain_run(s, PH_MAIL, &s->d);
	}
	if (decision_rejecting(&s->d) && s->grace <= G_AFTER_MAIL) {
		reject_and_cut(s, 250);
		return;
	}
	forward_line(s, raw, rawlen, AW_MAIL);
}

static void	 rcpt_decide(struct session *, const char *, size_t,
		    const char *, size_t);

static void
cmd_rcpt(struct session *s, const char *line, size_t n, const char *arg,
    size_t argn, const char *raw, size_t rawlen)
{
	char esc[CMD_LINE_MAX + 1];
	int cdir;

	smtp_addr_parse(arg, argn, &s->rcpt);
	smtp_addr_qmail_domain(arg, argn, s->rcpt_qdomain,
	    sizeof(s->rcpt_qdomain));
	if (s->rcpt.local[0] == '\0') {
		log_verror("unable to parse input: %s",
		    str_escape(esc, sizeof(esc), line, n));
		session_reply(s, R_UNPARSEABLE, 0, NULL);
		return;
	}
	s->saved = s->d;
	s->rcpt_pending_revert = true;
	cdir = session_cdir_begin(s);
	rcpt_decide(s, line, n, raw, rawlen);
	session_cdir_end(s, cdir);
}

/* 2.5 steps 4-8 for the parsed recipient, with s->opt in force. */
static void
rcpt_decide(struct session *s, const char *line, size_t n, const char *raw,
    size_t rawlen)
{
	char detail[DECISION_DETAIL_MAX], hint[64] = "";
	enum reason r;

	(void)line;
	(void)n;
	chain_run(s, PH_RCPT, &s->d);
	/*
	 * Improvement (2.5 step 7): require-auth and reject-all are
	 * evaluated again after the whitelists and before the reply, so an
	 * unauthenticated session under require-auth never gets a
	 * recipient accepted.
	 */
	if (s->opt->filter_level == FL_REQUIRE_AUTH && !s->d.locked)
		filter_level.decide(s, PH_RCPT, &s->d);
	if (s->d.state <= D_REJECT && decision_rejecting(&s->d)) {
		refuse_rcpt(s, s->d.reason, 0, s->d.suffix, s->d.detail);
		s->grace = G_EXPIRED;
		return;
	}
	r = recipient_filters(s, s->d.state > D_REJECT, detail,
	    sizeof(detail));
	if (r != R_NONE) {
		if (r == R_GRAYLISTED && s->retry_hint >= 0)
			snprintf(hint, sizeof(hint), " Retry after %ld "
			    "seconds.", s->retry_hint);
		refuse_rcpt(s, r, 0, hint, detail);
		return;
	}
	forward_line(s, raw, rawlen, AW_RCPT);
}

static void
cmd_data(struct session *s, const char *raw, size_t rawlen)
{
	if (s->naccepted > 0) {
		/* 2.6: every accepted recipient earned its acceptance. */
		if (s->d.state <= D_REJECT && !s->d.locked) {
			decision_init(&s->d);
			s->grace = G_NONE;
		}
		forward_line(s, raw, rawlen, AW_DATA);
		return;
	}
	if (decision_rejecting(&s->d)) {
		session_reply(s, s->d.reason, 0, s->d.suffix);
		session_cut(s);
		return;
	}
	session_reply(s, R_ZERO_RECIPIENTS, 0, NULL);
}

static void
cmd_starttls(struct session *s, const char *raw, size_t rawlen)
{
	const struct options *opt = s->opt;

	if (decision_rejecting(&s->d) && s->grace <= G_NONE &&
	    opt->tls_level != TLS_LEVEL_NONE) {
		reject_and_cut(s, 0);
		return;
	}
	if (expired(s)) {
		reject_and_cut(s, 554);
		return;
	}
	if (s->encryption == NULL && session_starttls(s) == 0)
		return;			/* spamdyke terminates TLS (7.2) */
	/* 7.1: without a certificate only plain passthrough is possible. */
	if (opt->tls_level != TLS_LEVEL_SMTP || s->encryption != NULL) {
		session_reply(s, R_FAILED_TLS, 554, NULL);
		return;
	}
	forward_line(s, raw, rawlen, AW_STARTTLS);
}

static void
cmd_auth(struct session *s, const char *arg, size_t argn, const char *raw,
    size_t rawlen)
{
	/* Improvement 2.7: level none promises nobody authenticates. */
	if (s->opt->smtp_auth_level == AL_NONE) {
		session_reply(s, R_UNKNOWN_AUTH, 0, NULL);
		return;
	}
	if (s->opt->smtp_auth_require_tls && !session_tls_active(s)) {
		session_to_client(s, "538 Encryption required for requested "
		    "authentication mechanism.\r\n", 65, true);
		return;
	}
	/* Improvement 4.7: credentials never reach the full log. */
	if (s->tr != NULL)
		transcript_data(s->tr, TR_REMOTE_TO_CHILD,
		    "AUTH [redacted]\r\n", 17, false);
	if (session_auth_processing(s)) {
		session_auth_command(s, arg, argn);
		return;
	}
	s->auth_observing = true;	/* 8.3 */
	session_auth_observe_start(s, arg, argn);
	forward_line(s, raw, rawlen, AW_AUTH);
}

static void
cmd_quit(struct session *s, const char *raw, size_t rawlen)
{
	if (decision_rejecting(&s->d) && s->grace <= G_NONE) {
		session_reply(s, s->d.reason, 221, s->d.suffix);
		session_end(s);
		return;
	}
	forward_line(s, raw, rawlen, AW_QUIT);
}

/* RSET and everything else qmail-smtpd answers (2.7 table). */
static void
cmd_other(struct session *s, enum smtp_verb verb, const char *raw,
    size_t rawlen)
{
	if (expired(s)) {
		reject_and_cut(s, 554);
		return;
	}
	if (verb == CMD_RSET) {
		memset(&s->sender, 0, sizeof(s->sender));
		memset(&s->rcpt, 0, sizeof(s->rcpt));
		s->naccepted = 0;
	}
	forward_line(s, raw, rawlen, AW_OTHER);
}

void
session_command(struct session *s, const char *raw, size_t rawlen)
{
	const char *arg;
	size_t n = rawlen, argn;
	enum smtp_verb verb;

	while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		n--;
	/* 2.1 rule 5: a per-recipient verdict lasts one RCPT. */
	if (s->rcpt_pending_revert) {
		s->rcpt_pending_revert = false;
		if (s->d.state == D_RCPT_REJECT ||
		    s->d.state == D_RCPT_ALLOW)
			s->d = s->saved;
	}
	if (s->auth_exchange) {
		/* 8.2: credentials, never forwarded nor logged. */
		if (s->tr != NULL)
			transcript_data(s->tr, TR_REMOTE_TO_CHILD,
			    "[redacted]\r\n", 12, false);
		session_auth_line(s, raw, n);
		return;
	}
	if (s->auth_observing) {
		/* AUTH data lines (8.3): forwarded, never logged. */
		session_auth_observe_line(s, raw, n);
		if (s->tr != NULL)
			transcript_data(s->tr, TR_REMOTE_TO_CHILD,
			    "[redacted]\r\n", 12, false);
		forward_line(s, raw, rawlen, AW_AUTH);
		return;
	}
	/* Improvement 1.4: a command with NUL is refused, not forwarded. */
	if (memchr(raw, '\0', n) != NULL) {
		session_reply(s, R_UNPARSEABLE, 0, NULL);
		return;
	}
	verb = smtp_cmd_classify(raw, n, &arg, &argn);
	if (s->backend_cut || !s->backend_started) {
		local_answer(s, verb, arg, argn);
		return;
	}
	switch (verb) {
	case CMD_HELO:
	case CMD_EHLO:
		cmd_ehlo(s, verb, raw, rawlen);
		break;
	case CMD_AUTH:
		cmd_auth(s, arg, argn, raw, rawlen);
		break;
	case CMD_STARTTLS:
		cmd_starttls(s, raw, rawlen);
		break;
	case CMD_MAIL:
		cmd_mail(s, arg, argn, raw, rawlen);
		break;
	case CMD_RCPT:
		cmd_rcpt(s, raw, n, arg, argn, raw, rawlen);
		break;
	case CMD_DATA:
		cmd_data(s, raw, rawlen);
		break;
	case CMD_QUIT:
		cmd_quit(s, raw, rawlen);
		break;
	default:
		cmd_other(s, verb, raw, rawlen);
		break;
	}
}

/*
 * Process buffered client input: complete command lines one at a time,
 * or message data in DATA mode.  Stops while a reply is awaited.
 */
void
session_client_input(struct session *s)
{
	struct buf *in = &s->client.in;
	size_t max;
	char *lf;

	while (in->len > 0 && !s->ending) {
		if (s->mode == M_PASSTHROUGH) {
			session_to_backend(s, in->data, in->len);
			buf_reset(in);
			return;
		}
		if (s->await != AW_NONE || s->auth_waiting || s->handshaking)
			return;
		if (conn_pending(&s->backend) >= (256u << 10))
			return;
		if (s->mode == M_DATA) {
			if (!session_data_scan(s))
				return;
			continue;
		}
		max = s->auth_observing || s->auth_exchange ? AUTH_LINE_MAX :
		    CMD_LINE_MAX;
		lf = memchr(in->data, '\n', in->len);
		if (lf == NULL) {
			if (s->discarding) {
				buf_reset(in);
			} else if (in->len > max) {
				session_to_client(s, line_too_long,
				    sizeof(line_too_long) - 1, true);
				s->discarding = true;
				buf_reset(in);
			}
			return;
		}
		if (s->discarding) {
			s->discarding = false;
			buf_consume(in, (size_t)(lf - in->data) + 1);
			continue;
		}
		if ((size_t)(lf - in->data) > max) {
			/* Improvement 2.9: never split into two commands. */
			session_to_client(s, line_too_long,
			    sizeof(line_too_long) - 1, true);
		} else
			session_command(s, in->data,
			    (size_t)(lf - in->data) + 1);
		buf_consume(in, (size_t)(lf - in->data) + 1);
		if (s->discard_input) {
			/* 7.2: nothing pipelined after STARTTLS is run. */
			s->discard_input = false;
			buf_reset(in);
		}
	}
}
