/*
 * graylist_store.h - graylist entries on disk and the pass/refuse decision
 * for one recipient (files.md 9, session.md 9).
 *
 * Pure file-system logic: the caller computes the exception match
 * (graylist-exception-*) and the locality of the recipient domain
 * (rcpthosts, morercpthosts) and turns the result into a reply and log
 * lines.  Every GLR_REFUSE_* result means DENIED_GRAYLISTED (421); every
 * other result lets the recipient through.
 */
#ifndef SPAMDYKE_FILTERS_GRAYLIST_STORE_H
#define SPAMDYKE_FILTERS_GRAYLIST_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct strlist;

enum gl_result {
	GLR_PASS,		/* entry old enough: the recipient passes */
	GLR_REFUSE_NEW,		/* entry did not exist and was created */
	GLR_REFUSE_TOO_SOON,	/* entry empty and younger than min-secs */
	GLR_REFUSE_EXPIRED,	/* entry older than max-secs: emptied */
	GLR_REFUSE_NOT_FILE,	/* entry is not a regular file: never passes */
	GLR_NOT_APPLICABLE,	/* level, exception or domain dir: no graylist */
	GLR_ERROR,		/* file-system error, logged: fail open */
};

struct gl_request {
	const struct strlist	*dirs;		/* graylist-dir roots, in order */
	int			 level;		/* GL_* of config/options.h */
	bool			 exception;	/* graylist-exception-* matched */
	bool			 domain_is_local; /* rcpthosts/morercpthosts */
	long			 min_secs;	/* graylist-min-secs, 0 = off */
	long			 max_secs;	/* graylist-max-secs, 0 = off */
	const char		*rcpt_local;	/* envelope parts; may be */
	const char		*rcpt_domain;	/* hostile, "" or NULL when */
	const char		*sender_local;	/* absent (null sender: both */
	const char		*sender_domain;	/* sender parts empty) */
	const char		*ip;		/* client IP */
	const char		*rdns;		/* client rDNS name, "" if none */
	time_t			 now;		/* decision time; mtimes set to it */
};

/*
 * Run the graylist algorithm of files.md 9.4 for one recipient.  path_out
 * (pathlen bytes, may be NULL/0) receives the entry file's path once it is
 * known, "" before.  *retry_after_secs (may be NULL) receives, for
 * GLR_REFUSE_NEW/TOO_SOON/EXPIRED, the seconds from now after which a
 * retry of the same pair passes; -1 when no retry can pass or the result
 * is not a refusal.  Never follows a symbolic link below a root and never
 * writes outside the roots.
 */
enum gl_result	 graylist_check(const struct gl_request *, char *path_out,
		    size_t pathlen, long *retry_after_secs);
/* Does this result refuse the recipient (DENIED_GRAYLISTED)? */
bool		 graylist_refused(enum gl_result);

#endif
