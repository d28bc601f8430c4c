/*
 * ip.h - IPv4 and IPv6 addresses: parsing, RFC 5952 printing, reverse
 * names for PTR and DNSBL queries, prefix matching.
 *
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is always stored as the
 * IPv4 address a.b.c.d (session.md 1.3 Improvement), so every other module
 * sees one form per address.  Nothing here allocates.
 */
#ifndef SPAMDYKE_UTIL_IP_H
#define SPAMDYKE_UTIL_IP_H

#include <stdbool.h>
#include <stddef.h>

/* Longest ip_format() output plus NUL (as INET6_ADDRSTRLEN). */
#define IP_STRLEN	46
/* Longest bare reverse form: 32 nibbles and 31 dots, plus NUL. */
#define IP_REVLEN	64

struct ip_addr {
	int		 family;	/* AF_INET or AF_INET6 */
	unsigned char	 a[16];		/* network order; IPv4 in a[0..3] */
};

/*
 * Parse a complete address: a strict dotted quad (four decimal octets
 * 0-255 of 1-3 digits, leading zeros read as decimal, nothing before or
 * after) or IPv6 text as inet_pton(3) reads it; ::ffff:a.b.c.d becomes
 * IPv4.  0 ok, -1 not an address (*ip unchanged).
 */
int	 ip_parse(const char *s, struct ip_addr *ip);
/* As ip_parse on the n bytes at s (no NUL needed). */
int	 ip_parse_n(const char *s, size_t n, struct ip_addr *ip);
/*
 * Parse "ADDR" or "ADDR/LEN" (IPv6 ADDR may be in brackets: "[::1]/64").
 * LEN defaults to the full width and must be 0-32 or 0-128; a mapped
 * IPv6 prefix ::ffff:a.b.c.d/LEN (LEN >= 96) becomes IPv4 a.b.c.d/LEN-96.
 * 0 ok, -1 malformed.
 */
int	 ip_parse_cidr(const char *s, struct ip_addr *net, unsigned *len);
/*
 * Print an address: dotted quad, or RFC 5952 IPv6 (lowercase, no leading
 * zeros, the longest run of two or more zero groups - the first of equal
 * runs - as "::").  Returns dst; dstlen IP_STRLEN always suffices (a
 * smaller buffer gets a truncated, NUL-terminated string).
 */
char	*ip_format(const struct ip_addr *ip, char *dst, size_t dstlen);
/*
 * DNSBL/DNSWL query name: "d.c.b.a" or the 32 nibbles of an IPv6 address
 * in reverse order, followed by "." and zone unless zone is NULL or empty
 * (then the bare reversed form; a trailing dot of zone is dropped).
 * 0 ok, -1 dst too small (dst then holds "").
 */
int	 ip_dnsbl_name(const struct ip_addr *ip, const char *zone, char *dst,
	    size_t dstlen);
/* The PTR query name: d.c.b.a.in-addr.arpa or nibbles.ip6.arpa; as above. */
int	 ip_reverse_name(const struct ip_addr *ip, char *dst, size_t dstlen);
/* Same family and same address. */
bool	 ip_equal(const struct ip_addr *a, const struct ip_addr *b);
/*
 * Does ip lie in net/len?  Families must be equal; len beyond the
 * family's width never matches; len 0 matches every address of the family.
 */
bool	 ip_cidr_match(const struct ip_addr *ip, const struct ip_addr *net,
	    unsigned len);
/* Address width in bits: 32, 128, or 0 for an unset address. */
unsigned ip_bits(const struct ip_addr *ip);

#endif
