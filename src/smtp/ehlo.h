/*
 * ehlo.h - the one place where qmail-smtpd's EHLO reply is rewritten
 * (session.md 2.8): AUTH and STARTTLS capabilities added or removed.
 */
#ifndef SPAMDYKE_SMTP_EHLO_H
#define SPAMDYKE_SMTP_EHLO_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define EHLO_ADD		0x1u	/* offer AUTH_TEXT */
#define EHLO_REMOVE		0x2u	/* remove the backend's AUTH */
#define EHLO_ADD_TLS		0x4u	/* offer STARTTLS */
#define EHLO_REMOVE_TLS		0x8u	/* remove the backend's STARTTLS */

struct ehlo_rw {
	unsigned	 flags;
	bool		 always;	/* smtp-auth-level always*: replace AUTH */
	bool		 tail;
	bool		 spamdyke_auth;	/* out: spamdyke advertised AUTH */
	const char	*auth_text;	/* "AUTH LOGIN PLAIN[ CRAM-MD5]" */
};

/* Start rewriting one EHLO reply. */
void	 ehlo_begin(struct ehlo_rw *, unsigned flags, bool always,
	    const char *auth_text);
/*
 * Rewrite one backend reply line (without CRLF); the resulting line(s),
 * each with CRLF, are appended to out.  Returns 0, -1 when out is full.
 */
int	 ehlo_line(struct ehlo_rw *, const char *line, size_t n,
	    struct buf *out);

#endif
