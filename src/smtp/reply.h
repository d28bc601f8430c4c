/*
 * reply.h - every refusal spamdyke can give: one row per reason, indexed by
 * enum (session.md 3.1), and the formatting of reply lines with the policy
 * URL (3.2).
 */
#ifndef SPAMDYKE_SMTP_REPLY_H
#define SPAMDYKE_SMTP_REPLY_H

#include <stdbool.h>
#include <stddef.h>

struct options;
struct buf;

enum reason {
	R_NONE = 0,
	R_UNPARSEABLE,
	R_TOO_MANY_RECIPIENTS,
	R_UNQUALIFIED_RECIPIENT,
	R_GRAYLISTED,
	R_RDNS_MISSING,
	R_RDNS_RESOLVE,
	R_IP_IN_CC_RDNS,
	R_IP_IN_RDNS,
	R_EARLYTALKER,
	R_BLACKLIST_NAME,
	R_BLACKLIST_IP,
	R_TIMEOUT,
	R_SENDER_BLACKLISTED,
	R_RECIPIENT_BLACKLISTED,
	R_SENDER_NO_MX,
	R_RBL_MATCH,
	R_RHSBL_MATCH,
	R_FAILED_AUTH,
	R_UNKNOWN_AUTH,
	R_RELAYING,
	R_ZERO_RECIPIENTS,
	R_AUTH_REQUIRED,
	R_REJECT_ALL,
	R_IDENTICAL_SENDER_RECIPIENT,
	R_HEADER_BLACKLISTED,
	R_INVALID_RECIPIENT,
	R_UNAVAILABLE_RECIPIENT,
	R_SENDER_NOT_LOCAL,
	R_SENDER_NOT_AUTH,
	R_FAILED_TLS,
	R_BARE_LF,
	R_OTHER,
	R_ALLOWED,
	R_TLS_ENCRYPTED,
	R_COUNT
};

struct reason_row {
	int		 code;		/* own SMTP code; 0 = none */
	const char	*token;		/* decision-line token / URL anchor */
	const char	*text;		/* default text */
	bool		 url;		/* policy URL appended */
	size_t		 text_opt;	/* offsetof the rejection-text option, or 0 */
};

#define REPLY_MAX_LINE	1023	/* whole reply line, CRLF included (3.1) */

/* The row of a reason; never NULL for r < R_COUNT. */
const struct reason_row	*reason_row(enum reason r);
/* The reason's own code. */
int		 reason_code(enum reason r);
/* The token ("DENIED_RBL_MATCH"). */
const char	*reason_token(enum reason r);

/*
 * Append one complete reply line "<code> <text><suffix>[ See: URL...]\r\n"
 * to out.  code 0 means the reason's own code.  suffix may be NULL (it is
 * the RBL list name and TXT text).  The line is cut at REPLY_MAX_LINE.
 * Returns 0, or -1 when out is full.
 */
int		 reply_format(struct buf *out, const struct options *,
		    enum reason r, int code, const char *suffix);
/* Append a fixed reply "<code> <text>\r\n" (3.3 texts); as reply_format. */
int		 reply_fixed(struct buf *out, int code, const char *text);

#endif
