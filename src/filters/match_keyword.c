/*
 * match_keyword.c - IP-in-rDNS detection (files.md 5): is the client's
 * IPv4 address written into its rDNS name (26 patterns, 5.1), the
 * country-code rule (5.2) and the keyword rule with keyword entries and
 * keyword files (5.3).
 *
 * The "S" search of 5.1 is reproduced exactly, quirks included: a
 * mismatch resets the pattern without re-testing the name byte, so some
 * embeddings are missed on purpose.  IPv6 clients never match.
 *
 * Entry points: match_ip_in_name(), match_ip_in_cc_rdns(),
 * match_keyword_line(), match_keyword().
 */
#include <sys/socket.h>
#include <stdio.h>
#include <string.h>

#include "filters/match.h"
#include "util/ip.h"
#include "util/str.h"

/* The octets as written (a b c d), zero-padded (A B C D), as numbers. */
struct octets {
	char		 w[4][4];
	char		 p[4][4];
	unsigned	 v[4];
};

/*
 * The 26 patterns of 5.1 in order.  'a'-'d': octet as written, 'A'-'D':
 * padded to 3 digits, 'N': c*256+d, 'R': the byte-reversed integer
 * d*2^24+c*2^16+b*2^8+a (Compat: not the natural order), 'H': %02x of
 * a, b, c, d; '.' is a separator.  S = separated search, else literal.
 */
static const struct {
	const char	*tmpl;
	bool		 sep;
} patterns[] = {
	{ "a.b.c.d", true }, { "A.B.C.D", true }, { "a.B.C.D", true },
	{ "a.b.C.D", true }, { "a.b.c.D", true }, { "d.c.b.a", true },
	{ "D.C.B.A", true }, { "d.C.B.A", true }, { "d.c.B.A", true },
	{ "d.c.b.A", true }, { "d.a.b.c", true }, { "c.b.a.d", true },
	{ "d.c.ab", true }, { "cd.a.b", true }, { "a.b.N", true },
	{ "abcd", false }, { "a.b.cd", true }, { "a.bcd", true },
	{ "ABCD", false }, { "aBCD", false }, { "abCD", false },
	{ "abcD", false }, { "dcba", false }, { "DCBA", false },
	{ "R", false }, { "H", false },
};

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static bool
isalnum_ascii(int c)
{
	return isdig(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A dotted quad as written: four runs of 1-3 digits, each 0-255. */
static bool
octets_written(const char *s, struct octets *o)
{
	size_t i, n;

	for (i = 0; i < 4; i++) {
		if (i > 0 && *s++ != '.')
			return false;
		for (n = 0, o->v[i] = 0; n < 3 && isdig((unsigned char)s[n]);
		    n++)
			o->v[i] = o->v[i] * 10 + (unsigned)(s[n] - '0');
		if (n == 0 || o->v[i] > 255)
			return false;
		memcpy(o->w[i], s, n);
		o->w[i][n] = '\0';
		s += n;
	}
	return *s == '\0';
}

static bool
octets_init(const char *ip, struct octets *o)
{
	struct ip_addr a;
	char text[IP_STRLEN];
	size_t i;

	if (ip == NULL)
		return false;
	if (!octets_written(ip, o)) {
		/* An IPv4-mapped text counts as its IPv4 address. */
		if (ip_parse(ip, &a) == -1 || a.family != AF_INET)
			return false;
		ip_format(&a, text, sizeof(text));
		if (!octets_written(text, o))
			return false;
	}
	for (i = 0; i < 4; i++)
		snprintf(o->p[i], sizeof(o->p[i]), "%03u", o->v[i]);
	return true;
}

static void
expand(const struct octets *o, const char *t, char *dst, size_t len)
{
	size_t n = 0;
	int k = 0;

	dst[0] = '\0';
	for (; *t != '\0' && n < len; t++, n += (size_t)(k > 0 ? k : 0)) {
		if (*t >= 'a' && *t <= 'd')
			k = snprintf(dst + n, len - n, "%s", o->w[*t - 'a']);
		else if (*t >= 'A' && *t <= 'D')
			k = snprintf(dst + n, len - n, "%s", o->p[*t - 'A']);
		else if (*t == 'N')
			k = snprintf(dst + n, len - n, "%u",
			    o->v[2] * 256 + o->v[3]);
		else if (*t == 'R')
			k = snprintf(dst + n, len - n, "%lu",
			    (unsigned long)o->v[3] << 24 |
			    (unsigned long)o->v[2] << 16 |
			    (unsigned long)o->v[1] << 8 | o->v[0]);
		else if (*t == 'H')
			k = snprintf(dst + n, len - n, "%02x%02x%02x%02x",
			    o->v[0], o->v[1], o->v[2], o->v[3]);
		else
			k = snprintf(dst + n, len - n, "%c", *t);
	}
}

/* files.md 5.1 mode S, exactly as specified: no backtracking. */
static bool
sep_search(const char *name, size_t n, const char *pat)
{
	size_t j = 0, k = 0, m = strlen(pat);

	while (k < n && j < m) {
		if (pat[j] == '.') {
			while (k < n && !isdig((unsigned char)name[k]))
				k++;
			j++;
			continue;
		}
		if (pat[j] == name[k])
			j++;
		else
			j = 0;	/* Compat: name[k] is not tested again */
		k++;
	}
	return j == m;
}

/* First occurrence of p (m bytes) in s (n bytes) at or after from. */
static size_t
find_ci(const char *s, size_t n, size_t from, const char *p, size_t m)
{
	size_t k, i;

	for (k = from; m <= n && k <= n - m; k++) {
		for (i = 0; i < m; i++)
			if (lc((unsigned char)s[k + i]) !=
			    lc((unsigned char)p[i]))
				break;
		if (i == m)
			return k;
	}
	return SIZE_MAX;
}

bool
match_ip_in_name(const char *ip, const char *rdns)
{
	struct octets o;
	char pat[64];
	size_t i, n;

	if (rdns == NULL || (n = strlen(rdns)) == 0 || !octets_init(ip, &o))
		return false;
	for (i = 0; i < nitems(patterns); i++) {
		expand(&o, patterns[i].tmpl, pat, sizeof(pat));
		if (patterns[i].sep ? sep_search(rdns, n, pat) :
		    find_ci(rdns, n, 0, pat, strlen(pat)) != SIZE_MAX)
			return true;
	}
	return false;
}

bool
match_ip_in_cc_rdns(const char *ip, const char *rdns)
{
	const char *dot;

	if (rdns == NULL || (dot = strrchr(rdns, '.')) == NULL ||
	    strlen(dot + 1) != 2)
		return false;
	return match_ip_in_name(ip, rdns);
}

/* Does one sub-keyword (m bytes) occur acceptably (5.3 step 5)? */
static bool
subkeyword(const char *name, size_t n, size_t t, const char *kw, size_t m)
{
	size_t at, from = 0;
	bool pos, before, after;

	while ((at = find_ci(name, n, from, kw, m)) != SIZE_MAX) {
		pos = kw[0] == '.' || at < t;
		before = at == 0 || !isalnum_ascii((unsigned char)kw[0]) ||
		    !isalnum_ascii((unsigned char)name[at - 1]);
		after = at + m == n ||
		    !isalnum_ascii((unsigned char)kw[m - 1]) ||
		    !isalnum_ascii((unsigned char)name[at + m]);
		if (pos && before && after)
			return true;
		from = at + m;
	}
	return false;
}

/* The name as the keyword rule sees it: length and T (5.3 step 2). */
struct kwname {
	const char	*s;
	size_t		 n;
	size_t		 t;
	bool		 ok;		/* at least two dots */
};

static void
kwname_init(struct kwname *nm, const char *rdns)
{
	const char *last = NULL, *prev = NULL, *p;

	nm->s = rdns;
	nm->n = rdns != NULL ? strlen(rdns) : 0;
	for (p = rdns; p != NULL && (p = strchr(p, '.')) != NULL; p++) {
		prev = last;
		last = p;
	}
	nm->ok = prev != NULL;
	nm->t = prev != NULL ? (size_t)(prev + 1 - rdns) : 0;
}

/*
 * 5.3 steps 2-5.  Improvement: keywords compare case-insensitively.  A
 * pattern without any sub-keyword (only spaces) matches nothing (files.md
 * 0: such a line is an entry that matches nothing).
 */
static bool
kw_match(const struct kwname *nm, const char *pat, size_t len)
{
	const char *p, *end = pat + len, *s;
	size_t nkw = 0;

	if (!nm->ok)
		return false;
	for (p = pat; p < end; p = s) {
		while (p < end && *p == ' ')
			p++;
		for (s = p; s < end && *s != ' '; s++)
			;
		if (s == p)
			continue;
		if (!subkeyword(nm->s, nm->n, nm->t, p, (size_t)(s - p)))
			return false;
		nkw++;
	}
	return nkw > 0;
}

bool
match_keyword_line(const char *rdns, const char *pat, size_t len)
{
	struct kwname nm;

	kwname_init(&nm, rdns);
	return kw_match(&nm, pat, len);
}

static bool
kw_pred(const char *line, size_t len, void *ctx)
{
	return kw_match(ctx, line, len);
}

int
match_keyword(const char *ip, const char *rdns,
    const struct strlist *entries, const struct strlist *files,
    struct match_result *res)
{
	struct kwname nm;

	res->src = MS_NONE;
	res->entry[0] = res->file[0] = res->path[0] = '\0';
	res->line = 0;
	if (!match_ip_in_name(ip, rdns))
		return 0;
	kwname_init(&nm, rdns);
	return match_lists(entries, files, "keywords file", kw_pred, &nm,
	    res);
}
