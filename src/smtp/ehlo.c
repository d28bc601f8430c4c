/*
 * ehlo.c - EHLO capability rewriting, rule by rule as session.md 2.8
 * gives them, so the output matches 5.0.1 line for line.
 *
 * Improvement: the rewritten reply always ends with exactly one final
 * line.  Where 5.0.1 drops a final AUTH or STARTTLS line while an addition
 * is still pending (rules 2 and 4, and the same case of rule 1), we run the
 * TAIL additions instead of leaving the reply unterminated.
 */
#include <string.h>

#include "smtp/ehlo.h"
#include "util/buf.h"
#include "util/str.h"

void
ehlo_begin(struct ehlo_rw *e, unsigned flags, bool always,
    const char *auth_text)
{
	e->flags = flags;
	e->always = always;
	e->tail = false;
	e->spamdyke_auth = false;
	e->auth_text = auth_text;
}

static int
emit(struct buf *out, char sep, const char *text, size_t n)
{
	if (buf_append(out, "250", 3) == -1 || buf_putc(out, sep) == -1 ||
	    buf_append(out, text, n) == -1 || buf_append(out, "\r\n", 2) == -1)
		return -1;
	return 0;
}

static int
run_tail(struct ehlo_rw *e, struct buf *out)
{
	if (e->flags & EHLO_ADD) {
		if (emit(out, (e->flags & EHLO_ADD_TLS) ? '-' : ' ',
		    e->auth_text, strlen(e->auth_text)) == -1)
			return -1;
		e->flags &= ~EHLO_ADD;
		e->spamdyke_auth = true;
		if (!(e->flags & EHLO_ADD_TLS))
			e->tail = false;
	}
	if (e->flags & EHLO_ADD_TLS) {
		if (emit(out, '-', "STARTTLS", 8) == -1)
			return -1;
		e->flags &= ~EHLO_ADD_TLS;
	}
	if (e->tail) {
		e->tail = false;
		return emit(out, ' ', "X-NOTHING", 9);
	}
	return 0;
}

int
ehlo_line(struct ehlo_rw *e, const char *line, size_t n, struct buf *out)
{
	bool cont, is_auth, is_tls;
	const char *cap = line + 4;
	size_t capn = n > 4 ? n - 4 : 0;

	if (n < 3 || memcmp(line, "250", 3) != 0) {
		if (buf_append(out, line, n) == -1 ||
		    buf_append(out, "\r\n", 2) == -1)
			return -1;
		return 0;
	}
	cont = n > 3 && line[3] == '-';
	is_auth = n > 4 && (str_prefix_ci(cap, capn, "AUTH ") ||
	    str_prefix_ci(cap, capn, "AUTH="));
	is_tls = n > 4 && str_prefix_ci(cap, capn, "STARTTLS");

	if (is_auth && (e->flags & EHLO_ADD)) {			/* rule 1 */
		e->flags &= ~EHLO_ADD;
		if (e->always) {
			e->spamdyke_auth = true;
			if (!cont && (e->flags & EHLO_ADD_TLS)) {
				e->tail = true;
				cont = true;
			}
			if (emit(out, cont ? '-' : ' ', e->auth_text,
			    strlen(e->auth_text)) == -1)
				return -1;
		} else {
			if (!cont && (e->flags & EHLO_ADD_TLS)) {
				e->tail = true;
				if (emit(out, '-', cap, capn) == -1)
					return -1;
			} else if (buf_append(out, line, n) == -1 ||
			    buf_append(out, "\r\n", 2) == -1)
				return -1;
		}
	} else if (is_auth && (e->flags & EHLO_REMOVE)) {	/* rule 2 */
		if (!cont) {
			if (e->flags & EHLO_ADD_TLS)
				e->tail = true;
			else if (emit(out, ' ', "X-NOTHING", 9) == -1)
				return -1;
		}
	} else if (is_tls && (e->flags & EHLO_ADD_TLS)) {	/* rule 3 */
		e->flags &= ~EHLO_ADD_TLS;
		if (!cont)
			e->tail = true;
		if (emit(out, '-', "STARTTLS", 8) == -1)
			return -1;
	} else if (is_tls && (e->flags & EHLO_REMOVE_TLS)) {	/* rule 4 */
		e->flags &= ~EHLO_REMOVE_TLS;
		if (!cont) {
			if (e->flags & EHLO_ADD)
				e->tail = true;
			else if (emit(out, ' ', "X-NOTHING", 9) == -1)
				return -1;
		}
	} else {						/* rule 5 */
		if (!cont && (e->flags & (EHLO_ADD | EHLO_ADD_TLS))) {
			e->tail = true;
			if (emit(out, '-', cap, capn) == -1)
				return -1;
		} else if (buf_append(out, line, n) == -1 ||
		    buf_append(out, "\r\n", 2) == -1)
			return -1;
	}
	return e->tail ? run_tail(e, out) : 0;
}
