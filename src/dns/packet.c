/*
 * packet.c - DNS packets: queries built with res_nmkquery(3), answers read
 * with ns_initparse(3)/ns_parserr(3)/dn_expand(3).  Names are never
 * decoded by hand (STYLE.md 7), so compression loops, pointers out of the
 * packet and overlong names are libresolv's to refuse.
 *
 * An answer counts only if its id and its one question (name compared
 * case-insensitively, type, class IN) are ours, and of its records only
 * those owned by the question's name, or by a name the answer's own CNAME
 * records lead to, are taken (no glue from elsewhere in the packet).
 * Sockets, servers and timing are resolver.c's.
 *
 * Entry points: dns_packet_query(), dns_packet_parse(), dns_rr_free(),
 * dns_name_ok() and the type helpers.
 */
#include <sys/types.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>

#include <errno.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dns.h"
#include "util/ip.h"
#include "util/str.h"

static const struct {
	unsigned	 bit;
	int		 code;
	const char	*name;
} types[] = {
	{ DNS_T_A, ns_t_a, "A" },
	{ DNS_T_AAAA, ns_t_aaaa, "AAAA" },
	{ DNS_T_CNAME, ns_t_cname, "CNAME" },
	{ DNS_T_MX, ns_t_mx, "MX" },
	{ DNS_T_PTR, ns_t_ptr, "PTR" },
	{ DNS_T_TXT, ns_t_txt, "TXT" },
	{ DNS_T_NS, ns_t_ns, "NS" },
	{ DNS_T_SOA, ns_t_soa, "SOA" },
	{ DNS_T_ANY, ns_t_any, "ANY" },
};

unsigned
dns_type_bit(int code)
{
	size_t i;

	for (i = 0; i < nitems(types); i++)
		if (types[i].code == code)
			return types[i].bit;
	return 0;
}

int
dns_type_code(unsigned bit)
{
	size_t i;

	for (i = 0; i < nitems(types); i++)
		if (types[i].bit == bit)
			return types[i].code;
	return 0;
}

const char *
dns_type_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < nitems(types); i++)
		if (types[i].bit == bit)
			return types[i].name;
	return "?";
}

bool
dns_name_ok(const char *name, char *out, size_t outlen)
{
	size_t n = strlen(name), i, label = 0;

	if (n > 0 && name[n - 1] == '.')
		n--;
	/* Improvement: never send what the protocol cannot carry (6.2). */
	if (n == 0 || n > DNS_MAX_NAME || n >= outlen)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '.') {
			if (label == 0)
				return false;
			label = 0;
			continue;
		}
		/* No escapes for res_mkquery to interpret, no blanks. */
		if (c <= ' ' || c == 0x7f || c == '\\')
			return false;
		if (++label > 63)
			return false;
	}
	if (label == 0)
		return false;		/* "a.b..": empty last label */
	memcpy(out, name, n);
	out[n] = '\0';
	return true;
}

int
dns_packet_query(unsigned char *buf, size_t buflen, uint16_t id,
    const char *name, int rrtype)
{
	struct __res_state st;
	char clean[DNS_MAX_NAME + 1];
	int n;

	if (!dns_name_ok(name, clean, sizeof(clean)) || buflen > INT32_MAX)
		return -1;
	/*
	 * A private, uninitialised state: res_ninit() would read
	 * /etc/resolv.conf, and only the options matter to res_nmkquery.
	 */
	memset(&st, 0, sizeof(st));
	st.options = RES_RECURSE;
	n = res_nmkquery(&st, ns_o_query, clean, ns_c_in, rrtype, NULL, 0,
	    NULL, buf, (int)buflen);
	if (n < NS_HFIXEDSZ)
		return -1;
	ns_put16(id, buf);
	buf[2] |= 0x01;			/* RD, whatever the state said */
	return n;
}

void
dns_rr_free(struct dns_rr *rr)
{
	free(rr);			/* one block, see rr_new() */
}

/* One allocation holding the record and its strings. */
static struct dns_rr *
rr_new(unsigned type, const char *owner, const void *data, size_t len,
    const char *rname)
{
	size_t olen = strlen(owner), rlen = rname != NULL ? strlen(rname) : 0;
	struct dns_rr *rr;
	char *p;

	rr = calloc(1, sizeof(*rr) + olen + 1 + len + 1 + rlen + 1);
	if (rr == NULL)
		return NULL;
	p = (char *)(rr + 1);
	rr->type = type;
	rr->owner = p;
	memcpy(p, owner, olen);
	str_lower(p, olen);
	p += olen + 1;
	rr->data = p;
	memcpy(p, data, len);
	rr->len = len;
	p += len + 1;
	if (rname != NULL) {
		rr->soa_rname = p;
		memcpy(p, rname, rlen);
		str_lower(p, rlen);
	}
	return rr;
}

/* Expand the name at p, which must end exactly at end. */
static int
expand(const ns_msg *m, const unsigned char *p, const unsigned char *end,
    char *out, size_t outlen)
{
	int n = dn_expand(ns_msg_base(*m), ns_msg_end(*m), p, out,
	    (int)outlen);

	if (n < 0 || (end != NULL && p + n != end))
		return -1;
	return n;
}

/* Decode the rdata of rr into a record; NULL when malformed or ENOMEM. */
static struct dns_rr *
decode(const ns_msg *m, ns_rr *rr, unsigned bit, const char *owner)
{
	const unsigned char *rd = ns_rr_rdata(*rr);
	const unsigned char *end = rd + ns_rr_rdlen(*rr);
	char name[NS_MAXDNAME], rname[NS_MAXDNAME], txt[DNS_MAX_TXT];
	struct ip_addr ip;
	struct dns_rr *r = NULL;
	size_t rdlen = ns_rr_rdlen(*rr), tlen = 0, first = 0, i;
	int n, nstr = 0;

	switch (bit) {
	case DNS_T_A:
	case DNS_T_AAAA:
		if (rdlen != (bit == DNS_T_A ? 4u : 16u))
			return NULL;
		memset(&ip, 0, sizeof(ip));
		ip.family = bit == DNS_T_A ? AF_INET : AF_INET6;
		memcpy(ip.a, rd, rdlen);
		ip_format(&ip, name, sizeof(name));
		/* An IPv4-mapped AAAA prints as IPv4; keep the raw bytes. */
		if ((r = rr_new(bit, owner, name, strlen(name), NULL)) != NULL)
			memcpy(r->addr, rd, rdlen);
		return r;
	case DNS_T_PTR:
	case DNS_T_CNAME:
	case DNS_T_NS:
		if (expand(m, rd, end, name, sizeof(name)) == -1)
			return NULL;
		str_lower(name, strlen(name));
		return rr_new(bit, owner, name, strlen(name), NULL);
	case DNS_T_MX:
		if (rdlen < 3 || expand(m, rd + 2, end, name,
		    sizeof(name)) == -1)
			return NULL;
		str_lower(name, strlen(name));
		if ((r = rr_new(bit, owner, name, strlen(name), NULL)) != NULL)
			r->pref = ns_get16(rd);
		return r;
	case DNS_T_TXT:
		for (i = 0; i < rdlen; i += 1 + rd[i], nstr++) {
			size_t l = rd[i], k;

			if (i + 1 + l > rdlen)
				return NULL;	/* string runs past rdata */
			k = l < sizeof(txt) - tlen ? l : sizeof(txt) - tlen;
			memcpy(txt + tlen, rd + i + 1, k);
			tlen += k;
			if (nstr == 0)
				first = k;
		}
		if ((r = rr_new(bit, owner, txt, tlen, NULL)) != NULL)
			r->txt_first = first;
		return r;
	case DNS_T_SOA:
		if ((n = expand(m, rd, NULL, name, sizeof(name))) == -1)
			return NULL;
		rd += n;
		if ((n = expand(m, rd, NULL, rname, sizeof(rname))) == -1)
			return NULL;
		rd += n;
		if (end - rd != 20)
			return NULL;
		str_lower(name, strlen(name));
		if ((r = rr_new(bit, owner, name, strlen(name), rname)) != NULL)
			for (i = 0; i < 5; i++)
				r->soa[i] = ns_get32(rd + 4 * i);
		return r;
	}
	return NULL;
}

/* Names equal in ASCII case-insensitive comparison, final dots ignored. */
static bool
name_eq(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;

	if (la > 0 && a[la - 1] == '.')
		la--;
	if (lb > 0 && b[lb - 1] == '.')
		lb--;
	if (la != lb)
		return false;
	for (i = 0; i < la; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return true;
}

/* Append rec to the growing array; -1 ENOMEM. */
static int
push(struct dns_rr ***rrs, size_t *nrr, struct dns_rr *rec)
{
	struct dns_rr **n = realloc(*rrs, (*nrr + 1) * sizeof(*n));

	if (n == NULL)
		return -1;
	n[(*nrr)++] = rec;
	*rrs = n;
	return 0;
}

/* Check the question by itself, so that a truncated answer can pass. */
static enum dns_perr
check_question(const unsigned char *pkt, size_t len, const char *qname,
    int rrtype)
{
	char name[NS_MAXDNAME];
	const unsigned char *p = pkt + NS_HFIXEDSZ;
	int n;

	if (ns_get16(pkt + 4) != 1)
		return DNS_P_QUESTION;
	n = dn_expand(pkt, pkt + len, p, name, sizeof(name));
	if (n < 0)
		return DNS_P_MALFORMED;
	p += n;
	if ((size_t)(p - pkt) + 4 > len)
		return DNS_P_MALFORMED;
	if (!name_eq(name, qname) || (int)ns_get16(p) != rrtype ||
	    ns_get16(p + 2) != ns_c_in)
		return DNS_P_QUESTION;
	return DNS_P_OK;
}

/*
 * Walk the answer section along the alias chain that starts at qname and
 * collect the records we want.  0 ok, -1 malformed or ENOMEM.
 */
static int
walk(ns_msg *m, const char *qname, int rrtype, bool want_cname,
    struct dns_reply *r, struct dns_rr ***rrs, size_t *nrr)
{
	char cur[NS_MAXDNAME], next[NS_MAXDNAME], target[NS_MAXDNAME];
	int count = ns_msg_count(*m, ns_s_an), i, hop;
	unsigned want = dns_type_bit(rrtype);

	str_lcpy(cur, qname, sizeof(cur));
	for (hop = 0; hop <= DNS_MAX_CHAIN; hop++) {
		next[0] = '\0';
		for (i = 0; i < count; i++) {
			struct dns_rr *rec = NULL;
			unsigned bit;
			ns_rr rr;

			if (ns_parserr(m, ns_s_an, i, &rr) == -1)
				return -1;
			if (ns_rr_class(rr) != ns_c_in ||
			    !name_eq(ns_rr_name(rr), cur))
				continue;
			bit = dns_type_bit(ns_rr_type(rr));
			if (bit == DNS_T_CNAME && next[0] == '\0') {
				if (expand(m, ns_rr_rdata(rr), ns_rr_rdata(rr) +
				    ns_rr_rdlen(rr), target,
				    sizeof(target)) == -1)
					return -1;
				str_lcpy(next, target, sizeof(next));
			}
			if (bit == 0 || (bit != want && want != DNS_T_ANY &&
			    !(bit == DNS_T_CNAME && want_cname)))
				continue;
			if ((rec = decode(m, &rr, bit, ns_rr_name(rr))) == NULL)
				return -1;
			if (push(rrs, nrr, rec) == -1) {
				dns_rr_free(rec);
				return -1;
			}
			if (bit == want || want == DNS_T_ANY)
				r->nfound++;
		}
		if (next[0] == '\0' || r->nfound > 0)
			break;
		/* A chain back to a name already seen ends here (loop). */
		if (name_eq(next, qname) || name_eq(next, cur))
			break;
		str_lcpy(cur, next, sizeof(cur));
		r->nalias++;
	}
	/* A longer name cannot be sent: the chain ends here. */
	if (r->nfound == 0 && r->nalias > 0 && strlen(cur) <= DNS_MAX_NAME) {
		str_lcpy(r->alias, cur, sizeof(r->alias));
		str_lower(r->alias, strlen(r->alias));
	}
	return 0;
}

enum dns_perr
dns_packet_parse(const unsigned char *pkt, size_t len, uint16_t id,
    const char *qname, int rrtype, bool want_cname, struct dns_reply *r,
    struct dns_rr ***rrs, size_t *nrr)
{
	size_t nrr0 = *nrr;
	enum dns_perr e;
	ns_msg m;

	memset(r, 0, sizeof(*r));
	if (len < NS_HFIXEDSZ)
		return DNS_P_SHORT;
	if (ns_get16(pkt) != id)
		return DNS_P_ID;
	/* QR set, opcode QUERY (RFC 1035 4.1.1). */
	if ((pkt[2] & 0x80) == 0 || (pkt[2] & 0x78) != 0)
		return DNS_P_NOTREPLY;
	if ((e = check_question(pkt, len, qname, rrtype)) != DNS_P_OK)
		return e;
	r->rcode = pkt[3] & 0x0f;
	r->tc = (pkt[2] & 0x02) != 0;
	r->ra = (pkt[3] & 0x80) != 0;
	if (len > INT32_MAX || ns_initparse(pkt, (int)len, &m) == -1)
		/* A truncated answer may end anywhere: keep its flags. */
		return r->tc ? DNS_P_OK : DNS_P_MALFORMED;
	if (walk(&m, qname, rrtype, want_cname, r, rrs, nrr) == -1) {
		while (*nrr > nrr0)
			dns_rr_free((*rrs)[--*nrr]);
		memset(r, 0, sizeof(*r));
		return DNS_P_MALFORMED;
	}
	return DNS_P_OK;
}
