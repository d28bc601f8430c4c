/*
 * test_dns_packet.c - building queries and reading answers, normal and
 * hostile (src/dns/packet.c; session.md 6.2, STYLE.md 7).
 *
 * Answers are assembled byte by byte with a tiny writer, so that every
 * malformation (cut packets, compression loops, bad lengths, foreign
 * owners) can be produced exactly.
 */
#include <sys/types.h>
#include <arpa/nameser.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dns/dns.h"
#include "util/str.h"

/* ---- a packet writer ---- */

struct pw {
	unsigned char	 b[16384];
	size_t		 n;
};

static void
put8(struct pw *w, unsigned v)
{
	w->b[w->n++] = (unsigned char)v;
}

static void
put16(struct pw *w, unsigned v)
{
	put8(w, v >> 8);
	put8(w, v & 0xff);
}

static void
put32(struct pw *w, uint32_t v)
{
	put16(w, v >> 16);
	put16(w, v & 0xffff);
}

/* Labels of a dotted name, then the root label. */
static void
putname(struct pw *w, const char *name)
{
	const char *p = name, *dot;

	while (*p != '\0') {
		size_t l;

		dot = strchr(p, '.');
		l = dot != NULL ? (size_t)(dot - p) : strlen(p);
		put8(w, (unsigned)l);
		memcpy(w->b + w->n, p, l);
		w->n += l;
		p += l;
		if (*p == '.')
			p++;
	}
	put8(w, 0);
}

static void
putptr(struct pw *w, unsigned off)
{
	put16(w, 0xc000 | off);
}

/* Header and one question; returns the question name's offset (12). */
static void
header(struct pw *w, unsigned id, unsigned flags, unsigned qd, unsigned an)
{
	w->n = 0;
	put16(w, id);
	put16(w, flags);
	put16(w, qd);
	put16(w, an);
	put16(w, 0);
	put16(w, 0);
}

static void
question(struct pw *w, const char *name, unsigned type, unsigned class)
{
	putname(w, name);
	put16(w, type);
	put16(w, class);
}

/* RR header with the owner as a pointer to the question (offset 12). */
static void
rrhead(struct pw *w, unsigned type, unsigned rdlen)
{
	putptr(w, 12);
	put16(w, type);
	put16(w, ns_c_in);
	put32(w, 300);
	put16(w, rdlen);
}

static void
rr_a(struct pw *w, unsigned a, unsigned b, unsigned c, unsigned d)
{
	rrhead(w, ns_t_a, 4);
	put8(w, a);
	put8(w, b);
	put8(w, c);
	put8(w, d);
}

#define REPLY	0x8180u		/* QR RD RA, NOERROR */

struct parsed {
	enum dns_perr		 e;
	struct dns_reply	 r;
	struct dns_rr		**rr;
	size_t			 nrr;
};

static void
parse(struct parsed *p, const struct pw *w, unsigned id, const char *qname,
    int type, bool want_cname)
{
	memset(p, 0, sizeof(*p));
	p->e = dns_packet_parse(w->b, w->n, (uint16_t)id, qname, type,
	    want_cname, &p->r, &p->rr, &p->nrr);
}

static void
parsed_free(struct parsed *p)
{
	size_t i;

	for (i = 0; i < p->nrr; i++)
		dns_rr_free(p->rr[i]);
	free(p->rr);
	p->rr = NULL;
	p->nrr = 0;
}

/* ---- names and queries ---- */

static char *
repeat(char *buf, char c, size_t n)
{
	memset(buf, c, n);
	buf[n] = '\0';
	return buf;
}

static void
test_name_ok(void **state)
{
	char l63[64], l64[65], n253[300], n254[310], out[DNS_MAX_NAME + 1];
	size_t i;
	static const struct {
		const char	*label;
		const char	*in;
		const char	*want;	/* NULL: refused */
	} cases[] = {
		{ "plain", "mail.example.com", "mail.example.com" },
		{ "final dot dropped", "example.com.", "example.com" },
		{ "one label", "localhost", "localhost" },
		{ "case kept", "MiXeD.Example", "MiXeD.Example" },
		{ "underscore", "_dmarc.example", "_dmarc.example" },
		{ "empty", "", NULL },
		{ "root only", ".", NULL },
		{ "empty label", "a..b", NULL },
		{ "leading dot", ".a.b", NULL },
		{ "two final dots", "a.b..", NULL },
		{ "backslash", "a\\.b", NULL },
		{ "space", "a b.example", NULL },
		{ "tab", "a\tb", NULL },
		{ "newline", "a\nb", NULL },
		{ "DEL", "a\x7f" "b", NULL },
	};

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		bool ok = dns_name_ok(cases[i].in, out, sizeof(out));

		if (ok != (cases[i].want != NULL) ||
		    (ok && strcmp(out, cases[i].want) != 0)) {
			print_error("%s: got %d [%s], want [%s]\n",
			    cases[i].label, ok, ok ? out : "",
			    cases[i].want ? cases[i].want : "(refused)");
			fail();
		}
	}
	/* Label and name limits (RFC 1035 2.3.4; 6.2 Improvement). */
	repeat(l63, 'a', 63);
	repeat(l64, 'a', 64);
	assert_true(dns_name_ok(l63, out, sizeof(out)));
	assert_false(dns_name_ok(l64, out, sizeof(out)));
	/* 63+1+63+1+63+1+61 = 253 */
	snprintf(n253, sizeof(n253), "%s.%s.%s.%.*s", l63, l63, l63, 61, l63);
	assert_int_equal(strlen(n253), 253);
	assert_true(dns_name_ok(n253, out, sizeof(out)));
	snprintf(n254, sizeof(n254), "%s.", n253);
	assert_true(dns_name_ok(n254, out, sizeof(out)));	/* final dot */
	snprintf(n254, sizeof(n254), "%s.%s.%s.%.*s", l63, l63, l63, 62, l63);
	assert_false(dns_name_ok(n254, out, sizeof(out)));
	/* The output buffer bounds it too. */
	assert_false(dns_name_ok("abcdef", out, 6));
	assert_true(dns_name_ok("abcdef", out, 7));
}

static void
test_query(void **state)
{
	unsigned char buf[512];
	char l64[65];
	int n;
	static const unsigned char want[] = {
		0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'C', 'O', 'M', 0,
		0, 16, 0, 1,
	};

	(void)state;
	n = dns_packet_query(buf, sizeof(buf), 0x1234, "Example.COM.",
	    ns_t_txt);
	assert_int_equal(n, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
	n = dns_packet_query(buf, sizeof(buf), 0xfffe, "a.b", ns_t_ptr);
	assert_int_equal(n, 12 + 5 + 4);
	assert_int_equal(buf[0], 0xff);
	assert_int_equal(buf[1], 0xfe);
	assert_int_equal(buf[2] & 0x01, 1);		/* RD */
	assert_int_equal(buf[11], 0);			/* no EDNS record */
	/* Refused names and small buffers. */
	assert_int_equal(dns_packet_query(buf, sizeof(buf), 1, "a..b", ns_t_a),
	    -1);
	assert_int_equal(dns_packet_query(buf, sizeof(buf), 1,
	    repeat(l64, 'x', 64), ns_t_a), -1);
	assert_int_equal(dns_packet_query(buf, 20, 1, "example.com", ns_t_a),
	    -1);
	assert_int_equal(dns_packet_query(buf, 29, 1, "example.com", ns_t_a),
	    29);
}

static void
test_types(void **state)
{
	unsigned bit;

	(void)state;
	for (bit = 1; bit <= DNS_T_ALL; bit <<= 1) {
		assert_int_not_equal(dns_type_code(bit), 0);
		assert_int_equal(dns_type_bit(dns_type_code(bit)), bit);
		assert_string_not_equal(dns_type_name(bit), "?");
	}
	assert_int_equal(dns_type_code(DNS_T_MX), ns_t_mx);
	assert_int_equal(dns_type_bit(ns_t_srv), 0);
	assert_int_equal(dns_type_code(DNS_T_A | DNS_T_MX), 0);
	assert_string_equal(dns_type_name(DNS_T_AAAA), "AAAA");
	assert_string_equal(dns_type_name(0x8000), "?");
}

/* ---- well-formed answers ---- */

static void
test_answer_a(void **state)
{
	struct pw w;
	struct parsed p;

	(void)state;
	header(&w, 0x4242, REPLY, 1, 2);
	question(&w, "mail.example", ns_t_a, ns_c_in);
	rr_a(&w, 192, 0, 2, 1);
	rr_a(&w, 192, 0, 2, 2);
	parse(&p, &w, 0x4242, "MAIL.Example.", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.rcode, ns_r_noerror);
	assert_false(p.r.tc);
	assert_true(p.r.ra);
	assert_int_equal(p.r.nfound, 2);
	assert_int_equal(p.nrr, 2);
	assert_int_equal(p.rr[0]->type, DNS_T_A);
	assert_string_equal(p.rr[0]->data, "192.0.2.1");
	assert_string_equal(p.rr[0]->owner, "mail.example");
	assert_int_equal(p.rr[0]->addr[3], 1);
	assert_string_equal(p.rr[1]->data, "192.0.2.2");
	parsed_free(&p);
}

static void
test_answer_types(void **state)
{
	static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0,
	    0, 0, 0, 0, 0, 0, 0, 0, 1 };
	struct pw w;
	struct parsed p;
	size_t at;

	(void)state;
	/* MX: preference, host lowercased, compressed into the question. */
	header(&w, 7, REPLY, 1, 2);
	question(&w, "Example.ORG", ns_t_mx, ns_c_in);
	rrhead(&w, ns_t_mx, 2 + 5 + 2);
	put16(&w, 20);
	put8(&w, 4);
	memcpy(w.b + w.n, "MAIL", 4);
	w.n += 4;
	putptr(&w, 12);
	rrhead(&w, ns_t_mx, 2 + 2);
	put16(&w, 0);
	putptr(&w, 12);			/* MX pointing at the domain itself */
	parse(&p, &w, 7, "example.org", ns_t_mx, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.nrr, 2);
	assert_int_equal(p.rr[0]->pref, 20);
	assert_string_equal(p.rr[0]->data, "mail.example.org");
	assert_int_equal(p.rr[1]->pref, 0);
	assert_string_equal(p.rr[1]->data, "example.org");
	parsed_free(&p);

	/* PTR lowercased. */
	header(&w, 8, REPLY, 1, 1);
	question(&w, "1.2.0.192.in-addr.arpa", ns_t_ptr, ns_c_in);
	rrhead(&w, ns_t_ptr, 16);
	putname(&w, "Host.EXAMPLE.n");
	assert_int_equal(w.n, 12 + 24 + 4 + 12 + 16);
	parse(&p, &w, 8, "1.2.0.192.in-addr.arpa", ns_t_ptr, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_string_equal(p.rr[0]->data, "host.example.n");
	parsed_free(&p);

	/* AAAA printed per RFC 5952. */
	header(&w, 9, REPLY, 1, 1);
	question(&w, "v6.example", ns_t_aaaa, ns_c_in);
	rrhead(&w, ns_t_aaaa, 16);
	memcpy(w.b + w.n, v6, 16);
	w.n += 16;
	parse(&p, &w, 9, "v6.example", ns_t_aaaa, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.rr[0]->type, DNS_T_AAAA);
	assert_string_equal(p.rr[0]->data, "2001:db8::1");
	assert_memory_equal(p.rr[0]->addr, v6, 16);
	parsed_free(&p);

	/* TXT: strings joined, the first one's length kept. */
	header(&w, 10, REPLY, 1, 1);
	question(&w, "2.0.0.127.rbl.test", ns_t_txt, ns_c_in);
	rrhead(&w, ns_t_txt, 1 + 6 + 1 + 0 + 1 + 5);
	put8(&w, 6);
	memcpy(w.b + w.n, "Listed", 6);
	w.n += 6;
	put8(&w, 0);
	put8(&w, 5);
	memcpy(w.b + w.n, " here", 5);
	w.n += 5;
	parse(&p, &w, 10, "2.0.0.127.rbl.test", ns_t_txt, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.rr[0]->len, 11);
	assert_string_equal(p.rr[0]->data, "Listed here");
	assert_int_equal(p.rr[0]->txt_first, 6);
	parsed_free(&p);

	/* SOA. */
	header(&w, 11, REPLY, 1, 1);
	question(&w, "example", ns_t_soa, ns_c_in);
	at = w.n;
	rrhead(&w, ns_t_soa, 0);
	putname(&w, "NS.example");
	putname(&w, "Host.Master");
	put32(&w, 2024010101);
	put32(&w, 7200);
	put32(&w, 900);
	put32(&w, 1209600);
	put32(&w, 300);
	w.b[at + 10] = 0;
	w.b[at + 11] = (unsigned char)(w.n - at - 12);
	parse(&p, &w, 11, "example", ns_t_soa, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_string_equal(p.rr[0]->data, "ns.example");
	assert_string_equal(p.rr[0]->soa_rname, "host.master");
	assert_int_equal(p.rr[0]->soa[0], 2024010101);
	assert_int_equal(p.rr[0]->soa[4], 300);
	parsed_free(&p);
}

static void
test_answer_rcode_nodata(void **state)
{
	struct pw w;
	struct parsed p;

	(void)state;
	header(&w, 5, 0x8183, 1, 0);		/* NXDOMAIN */
	question(&w, "nope.example", ns_t_a, ns_c_in);
	parse(&p, &w, 5, "nope.example", ns_t_a, true);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.rcode, ns_r_nxdomain);
	assert_int_equal(p.r.nfound, 0);
	assert_int_equal(p.nrr, 0);
	assert_string_equal(p.r.alias, "");

	/* NODATA: an answer of another type is not ours. */
	header(&w, 6, REPLY, 1, 1);
	question(&w, "x.example", ns_t_txt, ns_c_in);
	rr_a(&w, 10, 0, 0, 1);
	parse(&p, &w, 6, "x.example", ns_t_txt, true);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.nfound, 0);
	assert_int_equal(p.nrr, 0);

	/* SERVFAIL with nothing. */
	header(&w, 6, 0x8182, 1, 0);
	question(&w, "x.example", ns_t_a, ns_c_in);
	parse(&p, &w, 6, "x.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.rcode, ns_r_servfail);
}

/* ---- aliases in the answer ---- */

static void
test_cname_chain(void **state)
{
	struct pw w;
	struct parsed p;
	size_t b_off;

	(void)state;
	/* a CNAME b, b A: the A counts, owned by b. */
	header(&w, 1, REPLY, 1, 2);
	question(&w, "a.example", ns_t_a, ns_c_in);
	rrhead(&w, ns_t_cname, 4);
	b_off = w.n;
	put8(&w, 1);
	put8(&w, 'B');
	putptr(&w, 14);			/* "example" of the question */
	putptr(&w, (unsigned)b_off);
	put16(&w, ns_t_a);
	put16(&w, ns_c_in);
	put32(&w, 60);
	put16(&w, 4);
	put32(&w, 0x0a000001);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.nfound, 1);
	assert_int_equal(p.nrr, 1);
	assert_string_equal(p.rr[0]->owner, "b.example");
	assert_string_equal(p.rr[0]->data, "10.0.0.1");
	assert_int_equal(p.r.nalias, 1);
	assert_string_equal(p.r.alias, "");	/* chain completed */
	parsed_free(&p);
	/* With want_cname the alias record is reported too, first. */
	parse(&p, &w, 1, "a.example", ns_t_a, true);
	assert_int_equal(p.nrr, 2);
	assert_int_equal(p.rr[0]->type, DNS_T_CNAME);
	assert_string_equal(p.rr[0]->data, "b.example");
	assert_int_equal(p.rr[1]->type, DNS_T_A);
	parsed_free(&p);

	/* Target's record first, alias after: order does not matter. */
	header(&w, 2, REPLY, 1, 2);
	question(&w, "a.example", ns_t_a, ns_c_in);
	b_off = w.n;
	put8(&w, 1);
	put8(&w, 'b');
	putptr(&w, 14);
	put16(&w, ns_t_a);
	put16(&w, ns_c_in);
	put32(&w, 60);
	put16(&w, 4);
	put32(&w, 0x0a000002);
	rrhead(&w, ns_t_cname, 2);
	putptr(&w, (unsigned)b_off);
	parse(&p, &w, 2, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.nfound, 1);
	assert_string_equal(p.rr[0]->data, "10.0.0.2");
	parsed_free(&p);

	/* Alias whose target has no data here: tell where it ended. */
	header(&w, 3, REPLY, 1, 1);
	question(&w, "a.example", ns_t_txt, ns_c_in);
	rrhead(&w, ns_t_cname, 12);
	putname(&w, "Other.Test");
	parse(&p, &w, 3, "a.example", ns_t_txt, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.nfound, 0);
	assert_int_equal(p.nrr, 0);
	assert_string_equal(p.r.alias, "other.test");
	assert_int_equal(p.r.nalias, 1);
}

static void
test_cname_loop(void **state)
{
	struct pw w;
	struct parsed p;
	size_t b_off;

	(void)state;
	/* a CNAME b, b CNAME a: terminates, nothing found. */
	header(&w, 4, REPLY, 1, 2);
	question(&w, "a.example", ns_t_a, ns_c_in);
	rrhead(&w, ns_t_cname, 4);
	b_off = w.n;
	put8(&w, 1);
	put8(&w, 'b');
	putptr(&w, 14);
	putptr(&w, (unsigned)b_off);
	put16(&w, ns_t_cname);
	put16(&w, ns_c_in);
	put32(&w, 60);
	put16(&w, 2);
	putptr(&w, 12);
	parse(&p, &w, 4, "a.example", ns_t_a, true);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.nfound, 0);
	assert_true(p.nrr <= 2 * (DNS_MAX_CHAIN + 1));
	parsed_free(&p);
}

/* ---- answers that are not ours ---- */

static void
test_not_ours(void **state)
{
	struct pw w;
	struct parsed p;

	(void)state;
	header(&w, 0x1111, REPLY, 1, 1);
	question(&w, "a.example", ns_t_a, ns_c_in);
	rr_a(&w, 6, 6, 6, 6);
	parse(&p, &w, 0x1112, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_ID);
	assert_int_equal(p.nrr, 0);
	parse(&p, &w, 0x1111, "b.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_QUESTION);
	parse(&p, &w, 0x1111, "a.example.org", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_QUESTION);
	parse(&p, &w, 0x1111, "a.example", ns_t_txt, false);
	assert_int_equal(p.e, DNS_P_QUESTION);
	assert_int_equal(p.nrr, 0);

	/* Class CHAOS question. */
	header(&w, 1, REPLY, 1, 0);
	question(&w, "a.example", ns_t_a, ns_c_chaos);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_QUESTION);

	/* No question, two questions. */
	header(&w, 1, REPLY, 0, 0);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_QUESTION);
	header(&w, 1, REPLY, 2, 0);
	question(&w, "a.example", ns_t_a, ns_c_in);
	question(&w, "a.example", ns_t_a, ns_c_in);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_QUESTION);

	/* A query (QR clear) echoed back, and a NOTIFY. */
	header(&w, 1, 0x0100, 1, 0);
	question(&w, "a.example", ns_t_a, ns_c_in);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_NOTREPLY);
	header(&w, 1, 0x8000 | (4 << 11), 1, 0);
	question(&w, "a.example", ns_t_a, ns_c_in);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_NOTREPLY);

	/* Too short for a header. */
	w.n = 11;
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_SHORT);
	w.n = 0;
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_SHORT);
}

static void
test_foreign_owner(void **state)
{
	struct pw w;
	struct parsed p;

	(void)state;
	/* Records for other names in the answer are not taken (poisoning). */
	header(&w, 9, REPLY, 1, 2);
	question(&w, "a.example", ns_t_a, ns_c_in);
	putname(&w, "evil.example");
	put16(&w, ns_t_a);
	put16(&w, ns_c_in);
	put32(&w, 60);
	put16(&w, 4);
	put32(&w, 0x06060606);
	/* And a record of the right owner but class CHAOS. */
	putptr(&w, 12);
	put16(&w, ns_t_a);
	put16(&w, ns_c_chaos);
	put32(&w, 60);
	put16(&w, 4);
	put32(&w, 0x06060607);
	parse(&p, &w, 9, "a.example", ns_t_a, true);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.nfound, 0);
	assert_int_equal(p.nrr, 0);
}

/* ---- malformed answers ---- */

static void
test_truncated(void **state)
{
	struct pw w, cut;
	struct parsed p;
	size_t full, i;

	(void)state;
	header(&w, 3, REPLY, 1, 2);
	question(&w, "host.example", ns_t_a, ns_c_in);
	rr_a(&w, 192, 0, 2, 1);
	rr_a(&w, 192, 0, 2, 2);
	full = w.n;
	/* Every proper prefix past the header is refused, never read. */
	for (i = 12; i < full; i++) {
		cut = w;
		cut.n = i;
		parse(&p, &cut, 3, "host.example", ns_t_a, false);
		if (p.e != DNS_P_MALFORMED || p.nrr != 0) {
			print_error("cut at %zu: got %d with %zu records\n", i,
			    (int)p.e, p.nrr);
			fail();
		}
	}
	/* With TC set, a cut answer keeps its flags and gives no records. */
	cut = w;
	cut.b[2] |= 0x02;
	cut.n = full - 3;
	parse(&p, &cut, 3, "host.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_true(p.r.tc);
	assert_int_equal(p.nrr, 0);
	/* But a question cut even with TC set is malformed. */
	cut.n = 20;
	parse(&p, &cut, 3, "host.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);
}

static void
test_compression_loops(void **state)
{
	struct pw w;
	struct parsed p;

	(void)state;
	/* Question name pointing at itself. */
	header(&w, 1, REPLY, 1, 0);
	putptr(&w, 12);
	put16(&w, ns_t_a);
	put16(&w, ns_c_in);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);

	/* Two pointers pointing at each other in the answer owner. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_a, ns_c_in);
	putptr(&w, (unsigned)w.n + 2);
	putptr(&w, (unsigned)w.n - 2);
	put16(&w, ns_t_a);
	put16(&w, ns_c_in);
	put32(&w, 60);
	put16(&w, 4);
	put32(&w, 1);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);
	assert_int_equal(p.nrr, 0);

	/* A PTR target that points at itself. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_ptr, ns_c_in);
	rrhead(&w, ns_t_ptr, 2);
	putptr(&w, (unsigned)w.n);
	parse(&p, &w, 1, "a.example", ns_t_ptr, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);
	assert_int_equal(p.nrr, 0);

	/* A CNAME target pointing past the end of the packet. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_a, ns_c_in);
	rrhead(&w, ns_t_cname, 2);
	putptr(&w, 0x3000);
	parse(&p, &w, 1, "a.example", ns_t_a, true);
	assert_int_equal(p.e, DNS_P_MALFORMED);
}

static void
test_bad_rdata(void **state)
{
	struct pw w;
	struct parsed p;

	(void)state;
	/* A record of 3 bytes. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_a, ns_c_in);
	rrhead(&w, ns_t_a, 3);
	put8(&w, 1);
	put8(&w, 2);
	put8(&w, 3);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);

	/* TXT string running past its rdata. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_txt, ns_c_in);
	rrhead(&w, ns_t_txt, 4);
	put8(&w, 10);
	put8(&w, 'a');
	put8(&w, 'b');
	put8(&w, 'c');
	parse(&p, &w, 1, "a.example", ns_t_txt, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);

	/* MX too short for preference and name. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_mx, ns_c_in);
	rrhead(&w, ns_t_mx, 2);
	put16(&w, 10);
	parse(&p, &w, 1, "a.example", ns_t_mx, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);

	/* PTR name shorter than its rdata claims (trailing bytes). */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_ptr, ns_c_in);
	rrhead(&w, ns_t_ptr, 5);
	put8(&w, 1);
	put8(&w, 'x');
	put8(&w, 0);
	put8(&w, 0);
	put8(&w, 0);
	parse(&p, &w, 1, "a.example", ns_t_ptr, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);

	/* rdlength past the end of the packet. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "a.example", ns_t_a, ns_c_in);
	rrhead(&w, ns_t_a, 400);
	put32(&w, 1);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);

	/* A good record, then a bad one: nothing is kept. */
	header(&w, 1, REPLY, 1, 2);
	question(&w, "a.example", ns_t_a, ns_c_in);
	rr_a(&w, 1, 2, 3, 4);
	rrhead(&w, ns_t_a, 5);
	put32(&w, 1);
	put8(&w, 0);
	parse(&p, &w, 1, "a.example", ns_t_a, false);
	assert_int_equal(p.e, DNS_P_MALFORMED);
	assert_int_equal(p.nrr, 0);
	assert_int_equal(p.r.nfound, 0);
	free(p.rr);
}

static void
test_oversized_txt(void **state)
{
	struct pw w;
	struct parsed p;
	size_t i, at;

	(void)state;
	/* 40 strings of 255 bytes = 10200 bytes of text, over TCP. */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "big.example", ns_t_txt, ns_c_in);
	at = w.n;
	rrhead(&w, ns_t_txt, 0);
	for (i = 0; i < 40; i++) {
		put8(&w, 255);
		memset(w.b + w.n, 'a' + (int)(i % 26), 255);
		w.n += 255;
	}
	w.b[at + 10] = (unsigned char)((w.n - at - 12) >> 8);
	w.b[at + 11] = (unsigned char)((w.n - at - 12) & 0xff);
	parse(&p, &w, 1, "big.example", ns_t_txt, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.nrr, 1);
	assert_int_equal(p.rr[0]->len, DNS_MAX_TXT);
	assert_int_equal(p.rr[0]->txt_first, 255);
	assert_int_equal(p.rr[0]->data[DNS_MAX_TXT], '\0');
	assert_int_equal(p.rr[0]->data[255], 'b');
	parsed_free(&p);

	/* NUL bytes inside TXT survive (callers escape them). */
	header(&w, 1, REPLY, 1, 1);
	question(&w, "nul.example", ns_t_txt, ns_c_in);
	rrhead(&w, ns_t_txt, 4);
	put8(&w, 3);
	put8(&w, 'a');
	put8(&w, 0);
	put8(&w, 'b');
	parse(&p, &w, 1, "nul.example", ns_t_txt, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.rr[0]->len, 3);
	assert_int_equal(p.rr[0]->data[2], 'b');
	parsed_free(&p);
}

static void
test_any(void **state)
{
	struct pw w;
	struct parsed p;

	(void)state;
	header(&w, 1, REPLY, 1, 3);
	question(&w, "a.example", ns_t_any, ns_c_in);
	rr_a(&w, 1, 2, 3, 4);
	rrhead(&w, ns_t_txt, 2);
	put8(&w, 1);
	put8(&w, 'x');
	rrhead(&w, ns_t_srv, 0);		/* unknown to us: skipped */
	parse(&p, &w, 1, "a.example", ns_t_any, false);
	assert_int_equal(p.e, DNS_P_OK);
	assert_int_equal(p.r.nfound, 2);
	assert_int_equal(p.nrr, 2);
	assert_int_equal(p.rr[0]->type, DNS_T_A);
	assert_int_equal(p.rr[1]->type, DNS_T_TXT);
	parsed_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_ok),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_answer_a),
		cmocka_unit_test(test_answer_types),
		cmocka_unit_test(test_answer_rcode_nodata),
		cmocka_unit_test(test_cname_chain),
		cmocka_unit_test(test_cname_loop),
		cmocka_unit_test(test_not_ours),
		cmocka_unit_test(test_foreign_owner),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_compression_loops),
		cmocka_unit_test(test_bad_rdata),
		cmocka_unit_test(test_oversized_txt),
		cmocka_unit_test(test_any),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
