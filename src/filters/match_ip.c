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
 * The same parser tells the sidecar index (match_index.c) which address
 * intervals a line covers, so the index and the scan cannot disagree.
 *
 * Entry points: match_ip(), match_ip_line(), match_ip_spans().
 */
#include <sys/socket.h>
#include <string.h>

#include "filters/match.h"
#include "filters/match_index.h"
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

/* An IPv4 pattern as read by v4_parse (files.md 3.1 step 4). */
struct v4pat {
	size_t		 n;		/* fields read, 1-4 */
	size_t		 nm;		/* mask items: 0, 1 (bits) or 4 */
	struct octet	 o[4];
	uint32_t	 net, mask;	/* when nm > 0 */
};

/* Read the pattern at [p, end); false when the line can never match. */
static bool
v4_parse(const char *p, const char *end, struct v4pat *pat)
{
	const char *fs[4], *fe[4], *ms[4], *me[4];
	size_t i;
	unsigned v;

	pat->nm = 0;
	pat->n = items(&p, end, fs, fe, 4, 7, true);
	if (pat->n == 4 && p < end && *p == '/') {
		p++;
		pat->nm = items(&p, end, ms, me, 4, 3, false);
	}
	if (pat->n == 0 || (pat->nm != 0 && pat->nm != 1 && pat->nm != 4))
		return false;
	for (i = 0; i < pat->n; i++)
		if (!octet_parse(fs[i], fe[i], &pat->o[i]))
			return false;
	if (pat->nm == 0)
		return true;
	pat->net = (uint32_t)pat->o[0].lo << 24 | (uint32_t)pat->o[1].lo << 16 |
	    (uint32_t)pat->o[2].lo << 8 | pat->o[3].lo;
	pat->mask = 0;
	for (i = 0; i < pat->nm; i++) {
		p = ms[i];
		(void)digits3(&p, me[i], &v);
		if (v > (pat->nm == 1 ? 32u : 255u))
			return false;
		pat->mask = pat->nm == 1 ? (v == 0 ? 0 : UINT32_MAX <<
		    (32 - v)) : pat->mask << 8 | v;
	}
	return true;
}

static bool
v4_eval(const struct v4pat *pat, const unsigned char ip[4])
{
	uint32_t a;
	size_t i;

	if (pat->nm == 0) {
		for (i = 0; i < pat->n; i++)
			if (!pat->o[i].any &&
			    (ip[i] < pat->o[i].lo || ip[i] > pat->o[i].hi))
				return false;
		return true;
	}
	a = (uint32_t)ip[0] << 24 | (uint32_t)ip[1] << 16 |
	    (uint32_t)ip[2] << 8 | ip[3];
	return (a & pat->mask) == (pat->net & pat->mask);
}

/*
 * A pattern with no '/' has no mask: its fields can be compared as they
 * are read, and the first field that fails to parse or to match settles
 * it (the line matches only if all of them parse and match).  This keeps
 * a scan of a large file cheap: most lines end at their first field.
 */
static bool
v4_prefix_match(const unsigned char ip[4], const char *p, const char *end)
{
	const char *s, *lim;
	struct octet o;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (i > 0) {
			if (p >= end || *p != '.')
				break;
			p++;
		}
		s = p;
		lim = (size_t)(end - s) > 7 ? s + 7 : end;
		while (p < lim && (isdig((unsigned char)*p) || *p == '-'))
			p++;
		if (p == s)
			break;
		if (!octet_parse(s, p, &o) ||
		    (!o.any && (ip[i] < o.lo || ip[i] > o.hi)))
			return false;
	}
	return i > 0;
}

static bool
v4_match(const unsigned char ip[4], const char *p, const char *end)
{
	struct v4pat pat;

	if (memchr(p, '/', (size_t)(end - p)) == NULL)
		return v4_prefix_match(ip, p, end);
	return v4_parse(p, end, &pat) && v4_eval(&pat, ip);
}

/*
 * Improvement (IPv6): is the first token an IPv6 address, optionally in
 * brackets and with /len?  colon is the line's first ':'.  true with
 * *net and *bits set (a mapped prefix comes back as IPv4), false when the
 * line is not an IPv6 entry.
 */
static bool
v6_token(const char *line, const char *end, const char *colon,
    struct ip_addr *net, unsigned *bits)
{
	char tok[64];
	const char *p;

	for (p = line; p < colon; p++)
		if (isblank_ws((unsigned char)*p) || *p == '\0')
			return false;	/* the ':' is not in the first token */
	while (p < end && !isblank_ws((unsigned char)*p) && *p != '\0')
		p++;
	if ((size_t)(p - line) >= sizeof(tok))
		return false;
	memcpy(tok, line, (size_t)(p - line));
	tok[p - line] = '\0';
	return ip_parse_cidr(tok, net, bits) == 0;
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
	struct ip_addr net;
	unsigned bits;

	colon = memchr(line, ':', len);
	if (colon != NULL && v6_token(line, end, colon, &net, &bits))
		return x->valid && ip_cidr_match(&x->ip, &net, bits);
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
	struct mx_key key;
	struct ipctx x;

	ctx_init(&x, c);
	if (!x.valid) {
		res->src = MS_NONE;
		res->entry[0] = res->file[0] = res->path[0] = '\0';
		res->line = 0;
		return 0;
	}
	key.kind = MX_IP;
	key.ip = &x.ip;
	key.name = NULL;
	key.namelen = 0;
	return match_lists_key(entries, files, "file for searching", ip_pred,
	    &x, &key, res);
}

/* ---- intervals for the index ---- */

static void
put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

static void
span4(struct mx_span *sp, uint32_t lo, uint32_t hi)
{
	memset(sp, 0, sizeof(*sp));
	sp->family = AF_INET;
	put32(sp->lo, lo);
	put32(sp->hi, hi);
}

/* net/bits as an interval of its family; 0 when bits is too wide. */
static int
cidr_span(const struct ip_addr *net, unsigned bits, struct mx_span *sp)
{
	unsigned width = ip_bits(net), i, b;

	if (width == 0 || bits > width)
		return 0;
	memset(sp, 0, sizeof(*sp));
	sp->family = net->family;
	for (i = 0; i < width / 8; i++) {
		b = bits >= 8 * (i + 1) ? 8 : bits > 8 * i ? bits - 8 * i : 0;
		/* the first b bits of byte i are the network's */
		sp->lo[i] = net->a[i] & (unsigned char)(0xff00u >> b);
		sp->hi[i] = sp->lo[i] | (unsigned char)(0xffu >> b);
	}
	return 1;
}

/*
 * Prefix patterns (no mask): the product of the per-octet ranges.  Octets
 * after the last constrained one are whole, so each combination of the
 * octets before it is one interval.  -1 when there are too many.
 */
static int
prefix_spans(const struct v4pat *pat, struct mx_span *spans)
{
	unsigned lo[4], hi[4], cur[4];
	size_t i, k, count = 1, n = 0;
	uint32_t a, b;

	for (i = 0; i < 4; i++) {
		lo[i] = i < pat->n && !pat->o[i].any ? pat->o[i].lo : 0;
		hi[i] = i < pat->n && !pat->o[i].any ? pat->o[i].hi : 255;
	}
	for (k = 4; k > 0 && lo[k - 1] == 0 && hi[k - 1] == 255; k--)
		continue;
	if (k == 0) {
		span4(&spans[0], 0, UINT32_MAX);
		return 1;
	}
	k--;			/* the last constrained octet */
	for (i = 0; i < k; i++)
		if ((count *= hi[i] - lo[i] + 1) > MX_MAXSPANS)
			return -1;
	memcpy(cur, lo, sizeof(cur));
	for (;;) {
		a = b = 0;
		for (i = 0; i < 4; i++) {
			a = a << 8 | (i < k ? cur[i] : lo[i]);
			b = b << 8 | (i < k ? cur[i] : hi[i]);
		}
		span4(&spans[n++], a, b);
		for (i = k; i > 0 && cur[i - 1] == hi[i - 1]; i--)
			cur[i - 1] = lo[i - 1];		/* odometer */
		if (i == 0)
			return (int)n;
		cur[i - 1]++;
	}
}

/* Follows line_match() step by step; see match_index.h. */
int
match_ip_spans(const char *line, size_t len, struct mx_span *spans)
{
	const char *end = line + len, *colon;
	struct ip_addr net;
	struct v4pat pat;
	unsigned bits;
	uint32_t inv;

	colon = memchr(line, ':', len);
	if (colon != NULL && v6_token(line, end, colon, &net, &bits))
		return cidr_span(&net, bits, &spans[0]);
	if (len == 0)
		return 0;
	if (colon == line) {
		span4(&spans[0], 0, UINT32_MAX);
		return 1;
	}
	if (colon != NULL)
		end = colon;
	if (memchr(line, '@', (size_t)(end - line)) != NULL || *line == '=')
		return -1;
	if (!v4_parse(line, end, &pat))
		return 0;
	if (pat.nm == 0)
		return prefix_spans(&pat, spans);
	inv = ~pat.mask;
	if ((inv & (inv + 1)) != 0)
		return -1;	/* a mask with holes: many intervals */
	span4(&spans[0], pat.net & pat.mask, (pat.net & pat.mask) | inv);
	return 1;
}
