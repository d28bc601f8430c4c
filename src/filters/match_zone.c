/*
 * match_zone.c - DNS list zones (files.md 8) and the ZONE=CODES Addition
 * (options.md 5): which zones a DNSBL/DNSWL/RHSBL/RHSWL filter queries,
 * and whether an A answer from a zone lists the client.
 *
 * Zones come from the -entry values, then from each file in order (one
 * zone per line, files.md 0 rules).  If any file cannot be opened the
 * whole filter is skipped for this evaluation.  Building query names and
 * reading answers belong to dns/.
 *
 * Entry points: match_zone_parse(), match_zones_load(), match_zones_free(),
 * match_zone_listed().
 */
#include <sys/socket.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filters/match.h"
#include "log/log.h"
#include "util/ip.h"
#include "util/listfile.h"

#define REFUSED_NET	0x7fffff00u	/* 127.255.255.0/24 */

static bool
isws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

static uint32_t
v4_host(const struct ip_addr *a)
{
	return (uint32_t)a->a[0] << 24 | (uint32_t)a->a[1] << 16 |
	    (uint32_t)a->a[2] << 8 | a->a[3];
}

/* One IPv4 address of n bytes; -1 if it is not one. */
static int
v4_parse(const char *s, size_t n, uint32_t *v)
{
	struct ip_addr a;

	if (memchr(s, ':', n) != NULL || ip_parse_n(s, n, &a) == -1 ||
	    a.family != AF_INET)
		return -1;
	*v = v4_host(&a);
	return 0;
}

/* "N" (0-255) of n bytes; -1 if it is not one. */
static int
octet_parse(const char *s, size_t n, uint32_t *v)
{
	size_t i;

	if (n == 0 || n > 3)
		return -1;
	for (i = 0, *v = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (uint32_t)(s[i] - '0');
	}
	return *v > 255 ? -1 : 0;
}

/* One code: A.B.C.D[/LEN], A.B.C.D-E.F.G.H, N or N-M (127.0.0.N). */
static int
code_parse(const char *s, size_t n, uint32_t *lo, uint32_t *hi)
{
	char tmp[32];
	struct ip_addr net;
	const char *dash = memchr(s, '-', n);
	unsigned bits;
	uint32_t mask;

	if (memchr(s, '.', n) == NULL) {
		if (dash == NULL)
			dash = s + n;
		if (octet_parse(s, (size_t)(dash - s), lo) == -1)
			return -1;
		*hi = *lo;
		if (dash < s + n && octet_parse(dash + 1,
		    (size_t)(s + n - dash - 1), hi) == -1)
			return -1;
		*lo |= 0x7f000000u;
		*hi |= 0x7f000000u;
	} else if (dash != NULL) {
		if (v4_parse(s, (size_t)(dash - s), lo) == -1 ||
		    v4_parse(dash + 1, (size_t)(s + n - dash - 1), hi) == -1)
			return -1;
	} else {
		if (n >= sizeof(tmp) || memchr(s, ':', n) != NULL)
			return -1;
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		if (ip_parse_cidr(tmp, &net, &bits) == -1 ||
		    net.family != AF_INET)
			return -1;
		mask = bits == 0 ? 0 : UINT32_MAX << (32 - bits);
		*lo = v4_host(&net) & mask;
		*hi = *lo | ~mask;
	}
	return *lo <= *hi ? 0 : -1;
}

int
match_zone_parse(const char *text, size_t n, struct zone *z, char *err,
    size_t errlen)
{
	const char *end = text + n, *eq, *p, *q;
	size_t zl;

	z->name[0] = '\0';
	z->ncodes = 0;
	/* Improvement: blanks around a zone can never be part of it. */
	while (text < end && isws((unsigned char)*text))
		text++;
	while (end > text && isws((unsigned char)end[-1]))
		end--;
	if (memchr(text, '\0', (size_t)(end - text)) != NULL) {
		snprintf(err, errlen, "NUL byte in zone");
		return -1;
	}
	eq = memchr(text, '=', (size_t)(end - text));
	zl = (size_t)((eq != NULL ? eq : end) - text);
	if (zl == 0 || zl >= sizeof(z->name)) {
		snprintf(err, errlen, "zone name empty or longer than 253");
		return -1;
	}
	memcpy(z->name, text, zl);
	z->name[zl] = '\0';
	if (eq == NULL)
		return 0;
	for (p = eq + 1; ; p = q + 1) {
		if ((q = memchr(p, ',', (size_t)(end - p))) == NULL)
			q = end;
		if (z->ncodes == ZONE_MAXCODES) {
			snprintf(err, errlen, "more than %d return codes",
			    ZONE_MAXCODES);
			return -1;
		}
		if (code_parse(p, (size_t)(q - p), &z->codes[z->ncodes].lo,
		    &z->codes[z->ncodes].hi) == -1) {
			snprintf(err, errlen, "invalid return code \"%.*s\"",
			    (int)(q - p > 64 ? 64 : q - p), p);
			return -1;
		}
		z->ncodes++;
		if (q == end)
			break;
	}
	return 0;
}

/* Parse and append one zone; blank text is skipped. -1: out of memory. */
static int
add(struct zonelist *out, const char *text, size_t n, const char *file,
    unsigned line)
{
	char err[128];
	struct zone *v;
	size_t i, cap;

	for (i = 0; i < n && isws((unsigned char)text[i]); i++)
		;
	if (i == n)
		return 0;
	if (out->n == out->cap) {
		cap = out->cap == 0 ? 8 : out->cap * 2;
		if ((v = realloc(out->v, cap * sizeof(*v))) == NULL) {
			log_error("out of memory - unable to allocate %zu "
			    "bytes", cap * sizeof(*v));
			return -1;
		}
		out->v = v;
		out->cap = cap;
	}
	if (match_zone_parse(text, n, &out->v[out->n], err, sizeof(err)) == 0)
		out->n++;
	else if (file != NULL)
		log_error("invalid DNS list zone in file %s line %u: %s", file,
		    line, err);
	else
		log_error("invalid DNS list zone %.*s: %s",
		    (int)(n > 256 ? 256 : n), text, err);
	return 0;
}

static int
load_file(const char *path, struct zonelist *out)
{
	struct listfile lf;
	const char *line;
	size_t len;
	int rc;

	if (listfile_open(&lf, path) == -1) {
		log_error("unable to open file %s: %s", path, strerror(errno));
		return -1;
	}
	while ((rc = listfile_next(&lf, &line, &len)) == 1)
		if (add(out, line, len, path, lf.lineno) == -1) {
			listfile_close(&lf);
			return -1;
		}
	if (rc == -1)
		log_error("unable to read file %s: %s", path, strerror(errno));
	listfile_close(&lf);
	return rc == -1 ? -1 : 0;
}

int
match_zones_load(const struct strlist *entries, const struct strlist *files,
    struct zonelist *out)
{
	size_t i, n0 = out->n;

	for (i = 0; entries != NULL && i < entries->n; i++)
		if (add(out, entries->v[i], strlen(entries->v[i]), NULL,
		    0) == -1)
			goto fail;
	for (i = 0; files != NULL && i < files->n; i++)
		if (load_file(files->v[i], out) == -1)
			goto fail;
	return 0;
fail:
	out->n = n0;
	return -1;
}

void
match_zones_free(struct zonelist *zl)
{
	free(zl->v);
	zl->v = NULL;
	zl->n = zl->cap = 0;
}

bool
match_zone_listed(const struct zone *z, const unsigned char addr[4])
{
	uint32_t a = (uint32_t)addr[0] << 24 | (uint32_t)addr[1] << 16 |
	    (uint32_t)addr[2] << 8 | addr[3];
	size_t i;

	if (z->ncodes == 0)
		return (a & 0xffffff00u) != REFUSED_NET;
	for (i = 0; i < z->ncodes; i++)
		if (a >= z->codes[i].lo && a <= z->codes[i].hi)
			return true;
	return false;
}
