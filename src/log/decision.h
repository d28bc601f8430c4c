/*
 * decision.h - the fixed decision line administrators grep for
 * (session.md 4.2).
 */
#ifndef SPAMDYKE_LOG_DECISION_H
#define SPAMDYKE_LOG_DECISION_H

struct decision_fields {
	const char	*token;		/* ALLOWED, DENIED_..., TIMEOUT */
	const char	*from;		/* formatted address or "(unknown)" */
	const char	*to;
	const char	*ip;
	const char	*rdns;		/* NULL or "" -> "(unknown)" */
	const char	*auth;		/* NULL or "" -> "(unknown)" */
	const char	*encryption;	/* NULL -> "(none)" */
	const char	*reason;	/* NULL or "" -> "(empty)"; spaces -> _ */
};

/* Write one decision line at level info. */
void	 log_decision(const struct decision_fields *);
/* Format the line into dst (for tests); returns dst. */
char	*log_decision_format(const struct decision_fields *, char *dst,
	    unsigned long dstlen);

#endif
