/*
 * ip.c - IPv4/IPv6 address text and reverse names (ip.h).
 *
 * IPv4 text is parsed here rather than by inet_pton(3) because the
 * specification wants leading zeros accepted ("010" is 10, session.md 1.3,
 * files.md 3.1) where glibc refuses them; IPv6 text goes to inet_pton(3).
 * Output is RFC 5952, written by hand so that it does not depend on the C
 * library's choice of mixed notation.  Matching of list files (tcprules
 * syntax, ranges, dotted masks) is the filters' business, not this file's.
 */
#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "util/ip.h"

static const unsigned char v4mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* Strict dotted quad of exactly n bytes. */
static int
parse_v4(const char *s, size_t n, unsigned char out[4])
{
	size_t i = 0;
	int octet;

	for (octet = 0; octet < 4; octet++) {
		unsigned v = 0, digits = 0;

		if (octet > 0) {
			if (i >= n || s[i] != '.')
				return -1;
			i++;
		}
		while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 3) {
			v = v * 10 + (unsigned)(s[i] - '0');
			i++;
			digits++;
		}
		if (digits == 0 || v > 255)
			return -1;
		out[octet] = (unsigned char)v;
	}
	return i == n ? 0 : -1;
}

/* Raw IPv6 text of n bytes, no mapping applied. */
static int
parse_v6(const char *s, size_t n, unsigned char out[16])
{
	char tmp[IP_STRLEN + 16];

	if (n == 0 || n >= sizeof(tmp) || memchr(s, '\0', n) != NULL)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	return inet_pton(AF_INET6, tmp, out) == 1 ? 0 : -1;
}

int
ip_parse_n(const char *s, size_t n, struct ip_addr *ip)
{
	unsigned char a[16];

	if (parse_v4(s, n, a) == 0) {
		memset(ip, 0, sizeof(*ip));
		ip->family = AF_INET;
		memcpy(ip->a, a, 4);
		return 0;
	}
	if (parse_v6(s, n, a) == -1)
		return -1;
	memset(ip, 0, sizeof(*ip));
	if (memcmp(a, v4mapped, sizeof(v4mapped)) == 0) {
		ip->family = AF_INET;
		memcpy(ip->a, a + 12, 4);
	} else {
		ip->family = AF_INET6;
		memcpy(ip->a, a, 16);
	}
	return 0;
}

int
ip_parse(const char *s, struct ip_addr *ip)
{
	return ip_parse_n(s, strlen(s), ip);
}

static int
parse_len(const char *s, unsigned max, unsigned *len)
{
	unsigned v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (unsigned)(*s - '0');
		if (v > max)
			return -1;
	}
	*len = v;
	return 0;
}

int
ip_parse_cidr(const char *s, struct ip_addr *net, unsigned *len)
{
	const char *slash = strchr(s, '/');
	const char *a = s, *end = slash != NULL ? slash : s + strlen(s);
	unsigned char raw[16];
	unsigned l;

	if (end > a && *a == '[') {
		if (end[-1] != ']')
			return -1;
		a++;
		end--;
		if (parse_v6(a, (size_t)(end - a), raw) == -1)
			return -1;
	} else if (parse_v4(a, (size_t)(end - a), raw) == 0) {
		l = 32;
		if (slash != NULL && parse_len(slash + 1, 32, &l) == -1)
			return -1;
		memset(net, 0, sizeof(*net));
		net->family = AF_INET;
		memcpy(net->a, raw, 4);
		*len = l;
		return 0;
	} else if (parse_v6(a, (size_t)(end - a), raw) == -1)
		return -1;

	l = 128;
	if (slash != NULL && parse_len(slash + 1, 128, &l) == -1)
		return -1;
	memset(net, 0, sizeof(*net));
	if (memcmp(raw, v4mapped, sizeof(v4mapped)) == 0 && l >= 96) {
		net->family = AF_INET;
		memcpy(net->a, raw + 12, 4);
		l -= 96;
	} else {
		net->family = AF_INET6;
		memcpy(net->a, raw, 16);
	}
	*len = l;
	return 0;
}

char *
ip_format(const struct ip_addr *ip, char *dst, size_t dstlen)
{
	char tmp[IP_STRLEN], *p = tmp;
	unsigned g[8];
	int i, best = -1, bestlen = 0, run = -1, runlen = 0;

	if (ip->family == AF_INET) {
		snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", ip->a[0], ip->a[1],
		    ip->a[2], ip->a[3]);
		goto out;
	}
	if (ip->family != AF_INET6) {
		tmp[0] = '\0';
		goto out;
	}
	for (i = 0; i < 8; i++) {
		g[i] = (unsigned)ip->a[2 * i] << 8 | ip->a[2 * i + 1];
		if (g[i] == 0) {
			if (run == -1) {
				run = i;
				runlen = 0;
			}
			runlen++;
			if (runlen > bestlen) {	/* strictly: first wins ties */
				best = run;
				bestlen = runlen;
			}
		} else
			run = -1;
	}
	if (bestlen < 2)		/* RFC 5952 4.2.2: one group stays 0 */
		best = -1;
	for (i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += bestlen - 1;
			continue;
		}
		p += snprintf(p, (size_t)(tmp + sizeof(tmp) - p), "%x%s", g[i],
		    i < 7 ? ":" : "");
	}
	*p = '\0';
out:
	if (dstlen > 0) {
		size_t n = strlen(tmp);

		if (n >= dstlen)
			n = dstlen - 1;
		memcpy(dst, tmp, n);
		dst[n] = '\0';
	}
	return dst;
}

int
ip_dnsbl_name(const struct ip_addr *ip, const char *zone, char *dst,
    size_t dstlen)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[IP_REVLEN];
	size_t zlen = zone != NULL ? strlen(zone) : 0;
	int i, n = 0;

	if (ip->family == AF_INET)
		n = snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", ip->a[3],
		    ip->a[2], ip->a[1], ip->a[0]);
	else if (ip->family == AF_INET6)
		for (i = 15; i >= 0; i--) {
			tmp[n++] = hex[ip->a[i] & 0xf];
			tmp[n++] = '.';
			tmp[n++] = hex[ip->a[i] >> 4];
			if (i > 0)
				tmp[n++] = '.';
		}
	tmp[n] = '\0';
	if (zlen > 0 && zone[zlen - 1] == '.')
		zlen--;
	if (dstlen > 0)
		dst[0] = '\0';
	if (n == 0 || (size_t)n + (zlen > 0 ? zlen + 1 : 0) >= dstlen)
		return -1;
	memcpy(dst, tmp, (size_t)n);
	if (zlen > 0) {
		dst[n] = '.';
		memcpy(dst + n + 1, zone, zlen);
		n += 1 + (int)zlen;
	}
	dst[n] = '\0';
	return 0;
}

int
ip_reverse_name(const struct ip_addr *ip, char *dst, size_t dstlen)
{
	return ip_dnsbl_name(ip, ip->family == AF_INET6 ? "ip6.arpa" :
	    "in-addr.arpa", dst, dstlen);
}

unsigned
ip_bits(const struct ip_addr *ip)
{
	if (ip->family == AF_INET)
		return 32;
	if (ip->family == AF_INET6)
		return 128;
	return 0;
}

bool
ip_equal(const struct ip_addr *a, const struct ip_addr *b)
{
	unsigned bits = ip_bits(a);

	return bits != 0 && a->family == b->family &&
	    memcmp(a->a, b->a, bits / 8) == 0;
}

bool
ip_cidr_match(const struct ip_addr *ip, const struct ip_addr *net,
    unsigned len)
{
	unsigned bits = ip_bits(ip), full = len / 8, rest = len % 8;
	unsigned char mask;

	if (bits == 0 || ip->family != net->family || len > bits)
		return false;
	if (memcmp(ip->a, net->a, full) != 0)
		return false;
	if (rest == 0)
		return true;
	mask = (unsigned char)(0xff00u >> rest);
	return ((ip->a[full] ^ net->a[full]) & mask) == 0;
}
