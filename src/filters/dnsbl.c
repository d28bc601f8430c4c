/*
 * dnsbl.c - DNS white- and blacklists (session.md 2.3 rows 15-18, 2.4
 * steps 4 and 6, 2.11, 6.3, 6.4): RWL and RBL on the reversed client
 * address, RHSWL and RHSBL on the rDNS name or the sender domain and each
 * parent down to two labels.
 *
 * All queries of a phase leave together; the first positive answer (in
 * order of arrival) names the list.  Addition: a zone given as ZONE=CODES
 * counts only A answers within CODES; without CODES an A answer in
 * 127.255.255.0/24 ("query refused") is an error, never a listing.
 * Improvement: the TXT text is joined, made printable and clipped; a
 * clean client costs one A and one TXT query per list (5.0.1 also asked
 * CNAME: alias chains come with the A and TXT answers), and with
 * config-dir every name is asked once per connection.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/options.h"
#include "dns/dns.h"
#include "filters/filter.h"
#include "filters/match.h"
#include "log/log.h"
#include "session.h"
#include "util/ip.h"
#include "util/str.h"

#define TXT_MAX		200

enum bl_kind { K_RWL, K_RBL, K_RHSWL, K_RHSBL, K_SRHSWL, K_SRHSBL, K_COUNT };

#define OBS_MAX_A	8

/*
 * What one DNS list name answered, kept for the whole connection: with
 * config-dir the lists are evaluated again for every recipient, and the
 * Improvement of session.md 2.3 asks each name only once.
 */
struct bl_obs {
	char		 name[512];
	bool		 done;		/* answered (found or not) */
	bool		 found;
	size_t		 na;
	unsigned char	 a[OBS_MAX_A][4];
	char		 atext[OBS_MAX_A][16];
	bool		 have_txt;
	char		 txt[TXT_MAX + 1];
};

struct bl_state {
	struct zonelist	 zones[4];	/* rwl, rbl, rhswl, rhsbl */
	bool		 loaded[4];
	struct bl_obs	*obs;
	size_t		 nobs, capobs;
};

struct bl_query {
	enum bl_kind	 kind;
	size_t		 zone;		/* index in its zonelist */
	char		 domain[256];	/* RHS candidate */
	char		 name[512];	/* the name asked */
};

static int
zone_set(enum bl_kind k)
{
	switch (k) {
	case K_RWL:
		return 0;
	case K_RBL:
		return 1;
	case K_RHSWL:
	case K_SRHSWL:
		return 2;
	default:
		return 3;
	}
}

static struct dnsbl_hit *
hit_of(struct session *s, enum bl_kind k)
{
	switch (k) {
	case K_RWL:
		return &s->fs.rwl;
	case K_RBL:
		return &s->fs.rbl;
	case K_RHSWL:
		return &s->fs.rhswl;
	case K_RHSBL:
		return &s->fs.rhsbl;
	case K_SRHSWL:
		return &s->fs.s_rhswl;
	default:
		return &s->fs.s_rhsbl;
	}
}

static struct zonelist *
zones(struct session *s, enum bl_kind k)
{
	const struct options *opt = s->opt;
	struct bl_state *st = s->zones;
	int i = zone_set(k);

	if (st == NULL && (st = s->zones = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	if (!st->loaded[i]) {
		static const size_t ent[4] = {
			offsetof(struct options, dns_whitelist_entry),
			offsetof(struct options, dns_blacklist_entry),
			offsetof(struct options, rhs_whitelist_entry),
			offsetof(struct options, rhs_blacklist_entry),
		}, fil[4] = {
			offsetof(struct options, dns_whitelist_file),
			offsetof(struct options, dns_blacklist_file),
			offsetof(struct options, rhs_whitelist_file),
			offsetof(struct options, rhs_blacklist_file),
		};

		st->loaded[i] = true;
		match_zones_load((const struct strlist *)(const void *)
		    ((const char *)opt + ent[i]),
		    (const struct strlist *)(const void *)
		    ((const char *)opt + fil[i]), &st->zones[i]);
	}
	return &st->zones[i];
}

void
dnsbl_free(struct session *s)
{
	struct bl_state *st = s->zones;

	if (st == NULL)
		return;
	dnsbl_reload(s);
	free(st->obs);
	free(st);
	s->zones = NULL;
}

void
dnsbl_reload(struct session *s)
{
	struct bl_state *st = s->zones;
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < 4; i++) {
		match_zones_free(&st->zones[i]);
		st->loaded[i] = false;
	}
}

/* The cached observation of name, or a new empty one (NULL: no memory). */
static struct bl_obs *
obs_get(struct session *s, const char *name, bool create)
{
	struct bl_state *st = s->zones;
	size_t i;

	if (st == NULL)
		return NULL;
	for (i = 0; i < st->nobs; i++)
		if (strcmp(st->obs[i].name, name) == 0)
			return &st->obs[i];
	if (!create)
		return NULL;
	if (st->nobs == st->capobs) {
		size_t ncap = st->capobs ? st->capobs * 2 : 16;
		struct bl_obs *o = realloc(st->obs, ncap * sizeof(*o));

		if (o == NULL)
			return NULL;
		st->obs = o;
		st->capobs = ncap;
	}
	memset(&st->obs[st->nobs], 0, sizeof(st->obs[0]));
	str_lcpy(st->obs[st->nobs].name, name, sizeof(st->obs[0].name));
	return &st->obs[st->nobs++];
}

/* Printable ASCII only, at most TXT_MAX characters (3.1 Improvement). */
static void
clean_txt(char *dst, size_t dstlen, const char *src, size_t n)
{
	if (n > TXT_MAX)
		n = TXT_MAX;
	str_escape(dst, dstlen, src, n);
}

static unsigned	 rbl_types(const struct options *);


static void	 answer(struct session *, const struct dns_result *, void *);

/*
 * Judge one observation for one query.  The first listing answer, in
 * order of arrival, names the list; when A and TXT both answer within
 * the round, the TXT text is used (6.4 Improvement).
 */
static void
evaluate(struct session *s, const struct bl_query *q, const struct bl_obs *o)
{
	struct dnsbl_hit *h = hit_of(s, q->kind);
	struct zonelist *zl = zones(s, q->kind);
	const struct zone *z;
	bool listed = false;
	size_t i;

	if (zl == NULL || q->zone >= zl->n || !o->found)
		return;
	z = &zl->v[q->zone];
	for (i = 0; i < o->na; i++) {
		if (match_zone_listed(z, o->a[i]))
			listed = true;
		else if (z->ncodes == 0 && o->a[i][0] == 127 &&
		    o->a[i][1] == 255 && o->a[i][2] == 255)
			log_error("DNS list %s refused the query (answer %s); "
			    "ignoring it", z->name, o->atext[i]);
	}
	/* Without CODES a TXT answer alone lists; with CODES only A does. */
	if (h->hit || (!listed && !(z->ncodes == 0 && o->have_txt)))
		return;
	h->hit = true;
	str_lcpy(h->list, z->name, sizeof(h->list));
	str_lcpy(h->domain, q->domain, sizeof(h->domain));
	h->txt[0] = '\0';
	if (o->have_txt)
		str_lcpy(h->txt, o->txt, sizeof(h->txt));
}

static void
answer(struct session *s, const struct dns_result *res, void *arg)
{
	const struct bl_query *q = arg;
	struct bl_obs *o = obs_get(s, q->name, true), tmp;
	size_t i;

	if (o == NULL) {
		memset(&tmp, 0, sizeof(tmp));
		o = &tmp;
	}
	o->done = true;
	if (res->status == DNS_FOUND) {
		o->found = true;
		for (i = 0; i < res->nrr; i++) {
			const struct dns_rr *rr = res->rr[i];

			if (rr->type == DNS_T_A && o->na < OBS_MAX_A) {
				memcpy(o->a[o->na], rr->addr, 4);
				str_lcpy(o->atext[o->na], rr->data,
				    sizeof(o->atext[0]));
				o->na++;
			} else if (rr->type == DNS_T_TXT && rr->len > 0 &&
			    !o->have_txt) {
				clean_txt(o->txt, sizeof(o->txt), rr->data,
				    rr->len);
				o->have_txt = true;
			}
		}
	}
	evaluate(s, q, o);
}

/* Ask name for q, or use what the connection already learned. */
static void
ask(struct session *s, struct bl_query *q, const char *name, unsigned types)
{
	struct bl_obs *o = obs_get(s, name, false);

	str_lcpy(q->name, name, sizeof(q->name));
	if (o != NULL && o->done) {
		evaluate(s, q, o);
		return;
	}
	session_lookup(s, name, types, DNS_T_TXT, answer, q, sizeof(*q));
}

/*
 * The record types asked: A and TXT together (each one query), aliases
 * followed without a query of their own.  Improvement: 5.0.1 also sent a
 * CNAME query to every list; an A or TXT answer already carries the
 * alias chain.
 */
static unsigned
rbl_types(const struct options *opt)
{
	unsigned qt = opt->dns_query_type_rbl, t = 0;

	if (qt & QT_A)
		t |= DNS_T_A;
	if (qt & QT_TXT)
		t |= DNS_T_TXT;
	if ((qt & QT_CNAME) && t != 0)
		t |= DNS_T_CNAME;
	return t;
}

/* Ask every zone of kind about the client address. */
static void
ask_ip(struct session *s, enum bl_kind k)
{
	struct zonelist *zl = zones(s, k);
	struct ip_addr ip;
	struct bl_query q;
	char name[512];
	unsigned types = rbl_types(s->opt);

	if (zl == NULL || types == 0 || ip_parse(s->ip, &ip) == -1)
		return;
	memset(&q, 0, sizeof(q));
	q.kind = k;
	for (q.zone = 0; q.zone < zl->n; q.zone++)
		if (ip_dnsbl_name(&ip, zl->v[q.zone].name, name,
		    sizeof(name)) == 0)
			ask(s, &q, name, types);
}

/* Ask every zone of kind about name and its parents (6.3). */
static void
ask_name(struct session *s, enum bl_kind k, const char *domain)
{
	struct zonelist *zl = zones(s, k);
	const char *cand = domain, *dot;
	struct bl_query q;
	char name[600];
	unsigned types = rbl_types(s->opt);
	size_t labels = 1;

	if (zl == NULL || types == 0 || domain[0] == '\0')
		return;
	for (dot = domain; (dot = strchr(dot, '.')) != NULL; dot++)
		labels++;
	memset(&q, 0, sizeof(q));
	q.kind = k;
	for (;;) {
		str_lcpy(q.domain, cand, sizeof(q.domain));
		for (q.zone = 0; q.zone < zl->n; q.zone++) {
			str_lcpy(name, cand, sizeof(name));
			str_lcat(name, ".", sizeof(name));
			str_lcat(name, zl->v[q.zone].name, sizeof(name));
			ask(s, &q, name, types);
		}
		if (labels <= 2 || (dot = strchr(cand, '.')) == NULL)
			break;
		cand = dot + 1;
		labels--;
	}
}

static bool
local_client(const struct session *s)
{
	return strcmp(s->ip, "127.0.0.1") == 0;
}

/* Row 15: RWL. */
static bool
rwl_enabled(const struct options *opt)
{
	return opt->dns_whitelist_entry.n > 0 ||
	    opt->dns_whitelist_file.n > 0;
}

static void
rwl_start(struct session *s, unsigned ph)
{
	if (ph == PH_CONNECT && !local_client(s) &&
	    strcmp(s->ip, "0.0.0.0") != 0 && rwl_enabled(s->opt))
		ask_ip(s, K_RWL);
}

static void
rwl_decide(struct session *s, unsigned ph, struct decision *d)
{
	(void)ph;
	if (!s->fs.rwl.hit)
		return;
	log_filter("FILTER_RWL_MATCH ip: %s rwl: %s", s->ip, s->fs.rwl.list);
	decision_whitelist(d);
}

const struct filter filter_rwl = {
	"dns-whitelist", PH_CONNECT, FK_WHITE, rwl_enabled, rwl_start,
	rwl_decide,
};

/* Row 17: RBL. */
static bool
rbl_enabled(const struct options *opt)
{
	return opt->dns_blacklist_entry.n > 0 ||
	    opt->dns_blacklist_file.n > 0;
}

static void
rbl_start(struct session *s, unsigned ph)
{
	if (ph == PH_CONNECT && !local_client(s) &&
	    strcmp(s->ip, "0.0.0.0") != 0 && rbl_enabled(s->opt))
		ask_ip(s, K_RBL);
}

/* Reply suffix: "<list>" or "<list>: <TXT>" (3.1). */
static void
suffix_of(const struct dnsbl_hit *h, char *dst, size_t n)
{
	str_lcpy(dst, h->list, n);
	if (h->txt[0] != '\0') {
		str_lcat(dst, ": ", n);
		str_lcat(dst, h->txt, n);
	}
}

static void
rbl_decide(struct session *s, unsigned ph, struct decision *d)
{
	char suffix[DECISION_SUFFIX_MAX];

	(void)ph;
	if (!s->fs.rbl.hit)
		return;
	log_filter("FILTER_RBL_MATCH ip: %s rbl: %s", s->ip, s->fs.rbl.list);
	suffix_of(&s->fs.rbl, suffix, sizeof(suffix));
	decision_reject(d, R_RBL_MATCH, s->fs.rbl.list, suffix);
}

const struct filter filter_rbl = {
	"dns-blacklist", PH_CONNECT, FK_BLOCK, rbl_enabled, rbl_start,
	rbl_decide,
};

/* Rows 16 and 18 on the rDNS name; MAIL steps 4 and 6 on the sender. */
static bool
rhswl_enabled(const struct options *opt)
{
	return opt->rhs_whitelist_entry.n > 0 || opt->rhs_whitelist_file.n > 0;
}

static bool
rhsbl_enabled(const struct options *opt)
{
	return opt->rhs_blacklist_entry.n > 0 || opt->rhs_blacklist_file.n > 0;
}

static void
rhswl_start(struct session *s, unsigned ph)
{
	if (!rhswl_enabled(s->opt))
		return;
	if (ph == PH_RDNS && !local_client(s))
		ask_name(s, K_RHSWL, s->rdns);
	else if (ph == PH_MAIL) {
		s->fs.s_rhswl.hit = false;
		ask_name(s, K_SRHSWL, s->sender.domain);
	}
}

static void
rhsbl_start(struct session *s, unsigned ph)
{
	if (!rhsbl_enabled(s->opt))
		return;
	if (ph == PH_RDNS && !local_client(s))
		ask_name(s, K_RHSBL, s->rdns);
	else if (ph == PH_MAIL) {
		s->fs.s_rhsbl.hit = false;
		ask_name(s, K_SRHSBL, s->sender.domain);
	}
}

static void
rhswl_decide(struct session *s, unsigned ph, struct decision *d)
{
	const struct dnsbl_hit *h = ph == PH_MAIL ? &s->fs.s_rhswl :
	    &s->fs.rhswl;

	if (!h->hit)
		return;
	log_filter("FILTER_RHSWL_MATCH domain: %s rhswl: %s", h->domain,
	    h->list);
	decision_whitelist(d);
}

static void
rhsbl_decide(struct session *s, unsigned ph, struct decision *d)
{
	const struct dnsbl_hit *h = ph == PH_MAIL ? &s->fs.s_rhsbl :
	    &s->fs.rhsbl;
	char suffix[DECISION_SUFFIX_MAX];

	if (!h->hit)
		return;
	log_filter("FILTER_RHSBL_MATCH domain: %s rhsbl: %s", h->domain,
	    h->list);
	suffix_of(h, suffix, sizeof(suffix));
	decision_reject(d, R_RHSBL_MATCH, h->list, suffix);
}

const struct filter filter_rhswl = {
	"rhs-whitelist", PH_CONNECT | PH_RDNS | PH_MAIL, FK_WHITE,
	rhswl_enabled, rhswl_start, rhswl_decide,
};

const struct filter filter_rhsbl = {
	"rhs-blacklist", PH_CONNECT | PH_RDNS | PH_MAIL, FK_BLOCK,
	rhsbl_enabled, rhsbl_start, rhsbl_decide,
};
