/*
 * session_header.c - the header blacklist during DATA (session.md 2.6,
 * files.md 7).
 *
 * While a header blacklist is configured and the session is undecided,
 * the header section is held back (at most HOLD_MAX bytes) and each
 * unfolded header is checked when the next one starts or the section
 * ends.  A match cuts qmail-smtpd off before it has seen a byte of the
 * message and swallows the rest of it; the refusal is given after the
 * final dot.  A clean header section is then relayed byte for byte (bare
 * LF turned into CRLF, as everywhere) and the body streams as usual.
 */
#include <string.h>

#include "config/options.h"
#include "filters/match.h"
#include "log/log.h"
#include "session.h"
#include "util/str.h"

#define HOLD_MAX	524256	/* 2.6 */
#define HEADER_MAX	16383	/* one unfolded header */

bool
session_header_filter_on(const struct session *s)
{
	const struct options *opt = s->opt;

	return (opt->header_blacklist_entry.n > 0 ||
	    opt->header_blacklist_file.n > 0) && s->d.state < D_REJECT;
}

void
session_header_begin(struct session *s)
{
	s->in_headers = true;
	s->swallowing = false;
	buf_init(&s->hold, HOLD_MAX);
	buf_init(&s->header, HEADER_MAX);
}

static void
stop_holding(struct session *s)
{
	if (s->hold.len > 0)
		session_to_backend(s, s->hold.data, s->hold.len);
	buf_free(&s->hold);
	buf_init(&s->hold, 0);
	s->holding_off = true;
}

void
session_header_end(struct session *s)
{
	s->in_headers = false;
	if (!s->swallowing)
		stop_holding(s);
	s->holding_off = false;
	buf_free(&s->hold);
	buf_free(&s->header);
}

/* Check the header collected so far; true when it is blacklisted. */
static bool
check_header(struct session *s)
{
	const struct options *opt = s->opt;
	struct match_result m;
	char tail[MATCH_PATHLEN + 32], reason[MATCH_PATHLEN + 32];
	char esc[HEADER_MAX + 1];

	if (s->header.len == 0)
		return false;
	if (match_header(s->header.data, s->header.len,
	    &opt->header_blacklist_entry, &opt->header_blacklist_file,
	    &m) != 1) {
		buf_reset(&s->header);
		return false;
	}
	log_filter("FILTER_HEADER_BLACKLIST header: %s %s",
	    str_escape(esc, sizeof(esc), s->header.data, s->header.len),
	    match_filter_tail(&m, tail, sizeof(tail)));
	decision_reject(&s->d, R_HEADER_BLACKLISTED,
	    match_reason(&m, reason, sizeof(reason)), NULL);
	/* The backend never sees the message; the rest is swallowed. */
	buf_free(&s->hold);
	session_cut(s);
	s->swallowing = true;
	buf_reset(&s->header);
	return true;
}

/* Add one header line's text (no line end) to the unfolded header. */
static void
collect(struct session *s, const char *p, size_t n)
{
	size_t room = s->header.max - s->header.len;
	char esc[64];

	if (n > room) {
		log_verror("header line too long, truncated at %d bytes: %s",
		    HEADER_MAX, str_escape(esc, sizeof(esc), s->header.data,
		    s->header.len));
		n = room;
	}
	buf_append(&s->header, p, n);
}

/*
 * Hand one complete header-section line (raw, through its LF, already
 * known not to be the end of data) to the filter.  Returns true when the
 * header section ended with this line.
 */
bool
session_header_line(struct session *s, const char *p, size_t n, bool bare)
{
	size_t len = n;
	size_t i;
	bool blank = true;

	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
		len--;
	for (i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t')
			blank = false;
	if (!s->swallowing) {
		if (blank || (p[0] != ' ' && p[0] != '\t'))
			check_header(s);	/* the previous header is whole */
		if (!blank && !s->swallowing)
			collect(s, p, len);
	}
	if (!s->swallowing && !s->holding_off) {
		size_t need = bare ? len + 2 : n;

		if (s->hold.len + need > s->hold.max) {
			log_verror("unable to continue buffering message data, "
			    "%zu bytes of data retained, need %zu bytes, "
			    "maximum %zu bytes allowed; emptying buffer",
			    s->hold.len, need, s->hold.max);
			stop_holding(s);
		}
	}
	if (!s->swallowing) {
		if (s->holding_off) {
			if (bare) {
				session_to_backend(s, p, len);
				session_to_backend(s, "\r\n", 2);
			} else
				session_to_backend(s, p, n);
		} else if (bare) {
			buf_append(&s->hold, p, len);
			buf_append(&s->hold, "\r\n", 2);
		} else
			buf_append(&s->hold, p, n);
	}
	return blank;
}

/* End of data inside the header section: check the last header. */
void
session_header_final(struct session *s)
{
	if (!s->swallowing)
		check_header(s);
}
