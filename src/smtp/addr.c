/*
 * addr.c - envelope address extraction (session.md 2.9).
 *
 * The parser walks a cursor over the argument and never fails: whatever
 * cannot be understood yields an empty local part, which the callers treat
 * as "unparseable".  Entry points: smtp_addr_parse, smtp_addr_format.
 */
#include <stdbool.h>
#include <string.h>

#include "smtp/addr.h"
#include "util/str.h"

/* RFC 5322 atext plus '.', as 5.0.1 allows in both parts. */
static bool
is_atext(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr(".!#$%&'*+-/=?^_`{}|~", c) != NULL;
}

/* Specials that 5.0.1 keeps in a local part (flagged illegal there). */
static bool
is_special(unsigned char c)
{
	return c != '\0' && strchr("\",:;[]\\", c) != NULL;
}

static bool
is_addr_char(unsigned char c)
{
	return is_atext(c) || is_special(c) || c == '@' || c == '<' ||
	    c == '>';
}

/* Copy at most SMTP_ADDR_PART_MAX bytes, lowercased. */
static void
put_part(char *dst, const char *src, size_t n)
{
	if (n > SMTP_ADDR_PART_MAX)
		n = SMTP_ADDR_PART_MAX;
	memcpy(dst, src, n);
	dst[n] = '\0';
	str_lower(dst, n);
}

/* Length of the local part starting at p (quoted string or a run). */
static size_t
local_len(const char *p, const char *end)
{
	const char *q = p;

	if (q < end && *q == '"') {
		q++;
		while (q < end && *q != '"') {
			if (*q == '\\' && q + 1 < end)
				q++;
			q++;
		}
		if (q < end)
			q++;		/* closing quote */
		return (size_t)(q - p);
	}
	while (q < end && (is_atext((unsigned char)*q) ||
	    is_special((unsigned char)*q)))
		q++;
	return (size_t)(q - p);
}

/* BATV (session.md 2.9 step 4): prvs=tag=user -> user, prvs=user/tag -> user. */
static void
strip_batv(char *local)
{
	char *eq, *slash;
	size_t n;

	if (strncmp(local, "prvs=", 5) != 0)
		return;
	eq = strrchr(local, '=');
	n = strlen(eq + 1);
	memmove(local, eq + 1, n + 1);
	if ((slash = strchr(local, '/')) != NULL)
		*slash = '\0';
}

void
smtp_addr_parse(const char *arg, size_t n, struct smtp_addr *a)
{
	const char *p = arg, *end = arg + n, *colon, *lt;
	size_t len;

	a->local[0] = a->domain[0] = '\0';
	/* The address is the text after the first ':' (when there is one). */
	if ((colon = memchr(p, ':', n)) != NULL)
		p = colon + 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	/*
	 * Improvement: qmail-smtpd takes the address from the first '<' of
	 * the argument wherever it stands; so do we, so that the filters
	 * see the address qmail-smtpd will use ("MAIL FROM: x <a@b>").
	 */
	if (p < end && *p != '<' && (lt = memchr(p, '<', (size_t)(end - p)))
	    != NULL)
		p = lt;
	if (p < end && *p == '<') {
		const char *gt = NULL, *q;

		p++;
		for (q = p; q < end; q++)
			if (*q == '>')
				gt = q;
		if (gt != NULL)
			end = gt;
	} else {
		const char *q = p;

		while (q < end && is_addr_char((unsigned char)*q))
			q++;
		end = q;
	}
	/* Skip what cannot start an address; trim what cannot end one. */
	while (p < end && !is_atext((unsigned char)*p) && *p != '"' &&
	    *p != '@')
		p++;
	while (end > p && !is_atext((unsigned char)end[-1]) &&
	    end[-1] != '"' && end[-1] != ']')
		end--;
	/* Single-hop source route: @relay:user@dom -> user@dom. */
	if (p < end && *p == '@') {
		const char *c = memchr(p, ':', (size_t)(end - p));

		if (c == NULL)
			return;		/* "@domain" alone: no local part */
		p = c + 1;
	}
	len = local_len(p, end);
	put_part(a->local, p, len);
	strip_batv(a->local);
	p += len;
	if (p < end && *p == '@') {
		const char *d = ++p;

		if (p < end && *p == '[') {
			const char *rb = memchr(p, ']', (size_t)(end - p));

			len = rb != NULL ? (size_t)(rb - p) + 1 :
			    (size_t)(end - p);
			put_part(a->domain, d, len);
			return;
		}
		while (p < end && is_atext((unsigned char)*p))
			p++;
		while (d < p && *d == '.')
			d++;
		while (p > d && p[-1] == '.')
			p--;
		put_part(a->domain, d, (size_t)(p - d));
	}
}

char *
smtp_addr_format(const struct smtp_addr *a, char *dst, size_t dstlen)
{
	char l[SMTP_ADDR_PART_MAX + 1], d[SMTP_ADDR_PART_MAX + 1];

	/* Remote text: escape control bytes before it reaches a log line. */
	str_escape(l, sizeof(l), a->local, strlen(a->local));
	str_escape(d, sizeof(d), a->domain, strlen(a->domain));
	if (l[0] == '\0' && d[0] == '\0')
		str_lcpy(dst, "(unknown)", dstlen);
	else if (d[0] == '\0')
		str_lcpy(dst, l, dstlen);
	else {
		str_lcpy(dst, l, dstlen);
		str_lcat(dst, "@", dstlen);
		str_lcat(dst, d, dstlen);
	}
	return dst;
}

char *
smtp_addr_qmail_domain(const char *arg, size_t n, char *dst, size_t dstlen)
{
	const char *p = arg, *end = arg + n, *lt, *at = NULL;
	char term = '>', addr[1024];
	bool esc = false, quoted = false;
	size_t k = 0;

	/* qmail-smtpd 1.03 addrparse(). */
	if ((lt = memchr(p, '<', n)) != NULL)
		p = lt + 1;
	else {
		const char *c = memchr(p, ':', n);

		term = ' ';
		if (c != NULL)
			p = c + 1;
		while (p < end && *p == ' ')
			p++;
	}
	if (p < end && *p == '@')
		while (p < end)
			if (*p++ == ':')
				break;
	for (; p < end && k + 1 < sizeof(addr); p++) {
		if (esc) {
			addr[k++] = *p;
			esc = false;
		} else if (!quoted && *p == term)
			break;
		else if (*p == '\\')
			esc = true;
		else if (*p == '"')
			quoted = !quoted;
		else
			addr[k++] = *p;
	}
	addr[k] = '\0';
	for (p = addr; *p != '\0'; p++)
		if (*p == '@')
			at = p;
	str_lcpy(dst, at != NULL ? at + 1 : "", dstlen);
	str_lower(dst, strlen(dst));
	return dst;
}
