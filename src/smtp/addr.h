/*
 * addr.h - envelope address extraction for MAIL FROM / RCPT TO
 * (session.md 2.9).
 */
#ifndef SPAMDYKE_SMTP_ADDR_H
#define SPAMDYKE_SMTP_ADDR_H

#include <stddef.h>

#define SMTP_ADDR_PART_MAX	511	/* each part is truncated to this */

struct smtp_addr {
	char	local[SMTP_ADDR_PART_MAX + 1];
	char	domain[SMTP_ADDR_PART_MAX + 1];
};

/*
 * Extract the address from the argument of MAIL/RCPT (the text after the
 * verb).  Both parts come out lowercased and NUL-terminated; either may be
 * empty (an empty local part means "unparseable", an empty domain means
 * "unqualified").  Never fails.
 */
void	 smtp_addr_parse(const char *arg, size_t n, struct smtp_addr *);
/*
 * The domain qmail-smtpd will deliver to for the same argument: its own
 * address parser (first '<' to the next unquoted '>', quotes and
 * backslashes removed, a leading source route dropped), then the text
 * after the LAST '@', lowercased; "" when there is no '@'.  The relay
 * check uses it so that no form that spamdyke reads differently from
 * qmail-smtpd can open a relay.  Returns dst.
 */
char	*smtp_addr_qmail_domain(const char *arg, size_t n, char *dst,
	    size_t dstlen);
/*
 * Format for a decision line (session.md 4.2): local@domain, local,
 * @domain, or "(unknown)" when both are empty.  Returns dst.
 */
char	*smtp_addr_format(const struct smtp_addr *, char *dst, size_t dstlen);

#endif
