/*
 * match_header.c - the header blacklist (files.md 7): one unfolded header
 * field against "Header-Name:glob" entries and files.
 *
 * The field and each entry are normalised alike (whitespace runs become
 * one space, lowercase, trailing spaces dropped) and the entry is applied
 * to the whole field with fnmatch(3) and no flags, as 5.0.1 does: since
 * both sides are lowercased first, FNM_CASEFOLD is not needed and bracket
 * ranges behave exactly as in 5.0.1.  Rebuilding the field from folded
 * lines is the caller's job.
 *
 * Entry point: match_header().
 */
#include <fnmatch.h>
#include <string.h>

#include "filters/match.h"

#define FIELD_MAX	16383	/* files.md 7 item 4 */
#define ENTRY_MAX	65535	/* a list line */

/* Scratch for one call at a time; sized by the specification's limits. */
static char	 field_buf[FIELD_MAX + 1];
static char	 entry_buf[ENTRY_MAX + 1];

static bool
isws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

/*
 * Normalise n bytes of s into dst (room for n + 1).  nul_ws: a NUL byte
 * counts as whitespace; otherwise the text is refused (false).
 */
static bool
normalise(const char *s, size_t n, char *dst, bool nul_ws)
{
	size_t i, k = 0;
	int c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\0' && !nul_ws)
			return false;
		if (isws(c) || c == '\0') {
			if (k == 0 || dst[k - 1] != ' ')
				dst[k++] = ' ';
			continue;
		}
		dst[k++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	while (k > 0 && dst[k - 1] == ' ')
		k--;
	dst[k] = '\0';
	return true;
}

static bool
header_pred(const char *e, size_t n, void *ctx)
{
	const char *field = ctx, *p = entry_buf;

	/* Entries without ':' are ignored; a NUL byte matches nothing. */
	if (n == 0 || n > ENTRY_MAX || memchr(e, ':', n) == NULL ||
	    !normalise(e, n, entry_buf, false))
		return false;
	/*
	 * Until the first special character the glob is literal: most
	 * entries of a long file fail on the header name here, without
	 * fnmatch().
	 */
	for (; *p != '*' && *p != '?' && *p != '[' && *p != '\\'; p++, field++)
		if (*p != *field)
			return false;
		else if (*p == '\0')
			return true;
	return fnmatch(p, field, 0) == 0;
}

int
match_header(const char *field, size_t len, const struct strlist *entries,
    const struct strlist *files, struct match_result *res)
{
	res->src = MS_NONE;
	res->entry[0] = res->file[0] = res->path[0] = '\0';
	res->line = 0;
	if (len > FIELD_MAX)
		len = FIELD_MAX;
	/*
	 * Improvement: a NUL inside the field counts as whitespace, so it
	 * cannot hide the rest of the field from the globs.
	 */
	normalise(field, len, field_buf, true);
	if (strchr(field_buf, ':') == NULL)
		return 0;
	return match_lists(entries, files, "file for searching", header_pred,
	    field_buf, res);
}
