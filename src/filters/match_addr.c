/*
 * match_addr.c - sender and recipient address lists (files.md 6).
 *
 * The target is rebuilt from the parsed local part and domain; an entry
 * is "user@domain" (exact), "@domain" (that domain or any subdomain),
 * "user@" (that local part anywhere) or anything else (exact, so in
 * practice nothing).  No wildcards, no leading-dot form.
 *
 * Entry point: match_addr().
 */
#include <stdio.h>
#include <string.h>

#include "filters/match.h"

#define TARGETLEN	1024

struct addrctx {
	const char	*t;		/* target, lowercased */
	size_t		 n;
	size_t		 at;		/* offset of '@' in t, or n */
	bool		 dot;		/* sender-blacklist-entry quirk */
};

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool
eq_ci(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return false;
	return true;
}

static bool
addr_pred(const char *e, size_t n, void *ctx)
{
	const struct addrctx *x = ctx;
	size_t d, u;

	/* "@" and "@@" match nothing (5.0.1 hangs or crashes on them). */
	if (n == 0 || (n == 1 && e[0] == '@') ||
	    (n == 2 && e[0] == '@' && e[1] == '@'))
		return false;
	if (e[0] == '@') {
		/* "@domain": the domain itself or a subdomain of it. */
		d = n - 1;
		if (x->at == x->n || x->n - x->at - 1 < d ||
		    !eq_ci(x->t + x->n - d, e + 1, d))
			return false;
		return x->n - d - 1 == x->at || x->t[x->n - d - 1] == '.';
	}
	if (e[n - 1] == '@') {
		/* "user@": the local part; a target's end counts as '@'. */
		u = n - 1;
		if (x->n < u || !eq_ci(x->t, e, u))
			return false;
		return x->n == u || x->t[u] == '@' ||
		    (x->dot && x->t[u] == '.');
	}
	return x->n == n && eq_ci(x->t, e, n);
}

int
match_addr(const char *local, const char *domain,
    const struct strlist *entries, const struct strlist *files,
    unsigned flags, struct match_result *res)
{
	char t[TARGETLEN];
	struct addrctx x;
	int k;

	res->src = MS_NONE;
	res->entry[0] = res->file[0] = res->path[0] = '\0';
	res->line = 0;
	if (local == NULL)
		local = "";
	if (domain == NULL || domain[0] == '\0')
		k = snprintf(t, sizeof(t), "%s", local);
	else
		k = snprintf(t, sizeof(t), "%s@%s", local, domain);
	/* An empty target (the null sender) is never looked up. */
	if (k <= 0 || (size_t)k >= sizeof(t))
		return 0;
	x.t = t;
	x.n = (size_t)k;
	x.at = domain != NULL && domain[0] != '\0' ? strlen(local) : x.n;
	x.dot = (flags & MATCH_ADDR_DOT_ENTRIES) != 0;
	if (match_lists(entries, NULL, "file for searching", addr_pred, &x,
	    res) == 1)
		return 1;
	x.dot = false;
	return match_lists(NULL, files, "file for searching", addr_pred, &x,
	    res);
}
