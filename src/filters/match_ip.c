/*
 * match_ip.c - IP list lines and entries (files.md 3): the tcprules-style
 * IPv4 forms (prefixes of whole octets, N-M ranges, /bits, /dotted-mask,
 * ":" catch-alls, "user@" and "=name" rules) and the IPv6 Improvement.
 *
 * The IPv4 line parser is written here because its quirks are part of
 * the format (it stops at the first unexpected byte, ignores masks after
 * fewer than four fields, leaves inverted ranges unconstrained); the
 * client address and IPv6 entries go through util/ip.
 *
 * Entry points: match_ip(), match_ip_line().
 */
#include <sys/socket.h>
#include <string.h>

#include "filters/match.h"
#include "util/ip.h"

struct ipctx {
	const struct match_client *c;
	struct ip_addr	 ip;
	bool		 valid;		/* the client address parsed */
	size_t		 rdns_len;
};

struct octet {
	unsigned	 lo, hi;	/* lo is N; hi is M or N */
	bool		 any;		/* quirk: N-M with M < N or M > 255 */
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
isblank_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
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

/* Up to 3 digits at *p (before end) into *v; false when there are none. */
static bool
digits3(const char **p, const char *end, unsigned *v)
{
	const char *s = *p, *q = s;
	unsigned n = 0;

	while (q < end && q - s < 3 && isdig((unsigned char)*q))
		n = n * 10 + (unsigned)(*q++ - '0');
	*p = q;
	*v = n;
	return q > s;
}

/*
 * One field of up to 7 bytes of [0-9-]: "N" or "N-M" (files.md 3.1).
 * Bytes after N (or after M) inside the field are ignored; "N-" without
 * digits is read as "N".  false: no N, or N > 255 (the line fails).
 */
static bool
octet_parse(const char *p, const char *end, struct octet *o)
{
	unsigned m;

	o->any = false;
	if (!digits3(&p, end, &o->lo) || o->lo > 255)
		return false;
	o->hi = o->lo;
	if (p < end && *p == '-') {
		p++;
		if (digits3(&p, end, &m)) {
			if (m < o->lo || m > 255)
				o->any = true;	/* Compat: kept on purpose */
			else
				o->hi = m;
		}
	}
	return true;
}

/*
 * Read up to max '.'-separated items of at most width bytes from [0-9]
 * (and '-' when dash) into start/stop; stop at the first byte that does
 * not fit.  Returns how many were read.
 */
static size_t
items(const char **p, const char *end, const char **start,
    const char **stop, size_t max, size_t width, bool dash)
{
	const char *s, *lim;
	size_t n;

	for (n = 0; n < max; n++) {
		if (n > 0) {
			if (*p >= end || **p != '.')
				break;
			(*p)++;
		}
		s = *p;
		lim = (size_t)(end - s) > width ? s + width : end;
		while (*p < lim && (isdig((unsigned char)**p) ||
		    (dash && **p == '-')))
			(*p)++;
		if (*p == s)
			break;
		start[n] = s;
		stop[n] = *p;
	}
	return n;
}

/* The IPv4 pattern part of a line (files.md 3.1 step 4). */
static bool
v4_match(const unsigned char ip[4], const char *p, const char *end)
{
	const char *fs[4], *fe[4], *ms[4], *me[4];
	struct octet o[4];
	size_t n, nm = 0, i;
	unsigned v;
	uint32_t a, net, mask;

	n = items(&p, end, fs, fe, 4, 7, true);
	if (n == 4 && p < end && *p == '/') {
		p++;
		nm = items(&p, end, ms, me, 4, 3, false);
	}
	if (n == 0 || (nm != 0 && nm != 1 && nm != 4))
		return false;
	for (i = 0; i < n; i++)
		if (!octet_parse(fs[i], fe[i], &o[i]))
			return false;
	if (nm == 0) {
		for (i = 0; i < n; i++)
			if (!o[i].any && (ip[i] < o[i].lo || ip[i] > o[i].hi))
				return false;
		return true;
	}
	a = (uint32_t)ip[0] << 24 | (uint32_t)ip[1] << 16 |
	    (uint32_t)ip[2] << 8 | ip[3];
	net = (uint32_t)o[0].lo << 24 | (uint32_t)o[1].lo << 16 |
	    (uint32_t)o[2].lo << 8 | o[3].lo;
	mask = 0;
	for (i = 0; i < nm; i++) {
		p = ms[i];
		(void)digits3(&p, me[i], &v);
		if (v > (nm == 1 ? 32u : 255u))
			return false;
		mask = nm == 1 ? (v == 0 ? 0 : UINT32_MAX << (32 - v)) :
		    mask << 8 | v;
	}
	return (a & mask) == (net & mask);
}

/*
 * Improvement (IPv6): is the first token an IPv6 address, optionally in
 * brackets and with /len?  colon is the line's first ':'.  1 yes (*hit
 * set), 0 not an IPv6 entry.
 */
static int
v6_entry(const struct ipctx *x, const char *line, const char *end,
    const char *colon, bool *hit)
{
	char tok[64];
	struct ip_addr net;
	const char *p;
	unsigned bits;

	for (p = line; p < colon; p++)
		if (isblank_ws((unsigned char)*p) || *p == '\0')
			return 0;	/* the ':' is not in the first token */
	while (p < end && !isblank_ws((unsigned char)*p) && *p != '\0')
		p++;
	if ((size_t)(p - line) >= sizeof(tok))
		return 0;
	memcpy(tok, line, (size_t)(p - line));
	tok[p - line] = '\0';
	if (ip_parse_cidr(tok, &net, &bits) == -1)
		return 0;
	*hit = x->valid && ip_cidr_match(&x->ip, &net, bits);
	return 1;
}

/* "=P" (files.md 3.1 step 3): P at a label start of the rDNS name. */
static bool
name_rule(const struct ipctx *x, const char *p, size_t n)
{
	const char *r = x->c->rdns;
	size_t k;

	if (x->rdns_len == 0)
		return false;
	if (n == 0)
		return true;
	for (k = 0; k + n <= x->rdns_len; k++)
		if (eq_ci(r + k, p, n))
			return k == 0 || p[0] == '.' || r[k - 1] == '.';
	return false;
}

static bool
line_match(const struct ipctx *x, const char *line, size_t len)
{
	const char *end = line + len, *p, *at, *colon;
	const char *info = x->c->info;
	bool hit;

	colon = memchr(line, ':', len);
	if (colon != NULL && v6_entry(x, line, end, colon, &hit))
		return hit;
	/* The client must be a dotted quad, even for ':' and '=' lines. */
	if (!x->valid || x->ip.family != AF_INET || len == 0)
		return false;
	if (colon == line)
		return true;
	if (colon != NULL)
		end = colon;
	p = line;
	if ((at = memchr(p, '@', (size_t)(end - p))) != NULL) {
		if (info == NULL || strlen(info) != (size_t)(at - p) ||
		    !eq_ci(info, p, (size_t)(at - p)))
			return false;
		p = at + 1;
	}
	if (p < end && *p == '=')
		return name_rule(x, p + 1, (size_t)(end - p - 1));
	return v4_match(x->ip.a, p, end);
}

static bool
ip_pred(const char *line, size_t len, void *ctx)
{
	return line_match(ctx, line, len);
}

static void
ctx_init(struct ipctx *x, const struct match_client *c)
{
	x->c = c;
	x->valid = c->ip != NULL && ip_parse(c->ip, &x->ip) == 0;
	x->rdns_len = c->rdns != NULL ? strlen(c->rdns) : 0;
}

bool
match_ip_line(const struct match_client *c, const char *line, size_t len)
{
	struct ipctx x;

	ctx_init(&x, c);
	return line_match(&x, line, len);
}

int
match_ip(const struct match_client *c, const struct strlist *entries,
    const struct strlist *files, struct match_result *res)
{
	struct ipctx x;

	ctx_init(&x, c);
	if (!x.valid) {
		res->src = MS_NONE;
		res->entry[0] = res->file[0] = res->path[0] = '\0';
		res->line = 0;
		return 0;
	}
	return match_lists(entries, files, "file for searching", ip_pred, &x,
	    res);
}
