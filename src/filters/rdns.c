/*
 * rdns.c - the rDNS filters of the connection chain (session.md 2.3 rows
 * 2-9 and 14, 2.11): missing rDNS, IP in a country-code rDNS name, rDNS
 * white- and blacklists (entries, files, directories) and "rDNS resolves".
 * The PTR lookup itself starts in session_dns.c.
 */
#include <string.h>

#include "config/options.h"
#include "dns/dns.h"
#include "filters/filter.h"
#include "filters/match.h"
#include "log/log.h"
#include "session.h"
#include "util/str.h"

static bool
has_rdns(const struct session *s)
{
	return s->rdns[0] != '\0';
}

/* Row 2. */
static bool
missing_enabled(const struct options *opt)
{
	return opt->reject_empty_rdns;
}

static void
missing_decide(struct session *s, unsigned ph, struct decision *d)
{
	(void)ph;
	if (has_rdns(s) || strcmp(s->ip, "0.0.0.0") == 0)
		return;
	log_filter("FILTER_RDNS_MISSING ip: %s", s->ip);
	decision_reject(d, R_RDNS_MISSING, NULL, NULL);
}

const struct filter filter_rdns_missing = {
	"reject-empty-rdns", PH_CONNECT, FK_BLOCK, missing_enabled, NULL,
	missing_decide,
};

/* Row 3. */
static bool
cc_enabled(const struct options *opt)
{
	return opt->reject_ip_in_cc_rdns;
}

static void
cc_decide(struct session *s, unsigned ph, struct decision *d)
{
	(void)ph;
	if (!has_rdns(s) || !match_ip_in_cc_rdns(s->ip, s->rdns))
		return;
	log_filter("FILTER_IP_IN_CC_RDNS ip: %s rdns: %s", s->ip, s->rdns);
	decision_reject(d, R_IP_IN_CC_RDNS, NULL, NULL);
}

const struct filter filter_ip_in_cc_rdns = {
	"reject-ip-in-cc-rdns", PH_CONNECT, FK_BLOCK, cc_enabled, NULL,
	cc_decide,
};

/* Rows 4-9: entries, then files, then directories; first match wins. */
static int
rdns_lists(const struct session *s, const struct strlist *entries,
    const struct strlist *files, const struct strlist *dirs,
    struct match_result *m)
{
	if (match_rdns(s->rdns, entries, files, m) == 1)
		return 1;
	return match_rdns_dir(s->rdns, dirs, m);
}

static bool
white_enabled(const struct options *opt)
{
	return opt->rdns_whitelist_entry.n > 0 ||
	    opt->rdns_whitelist_file.n > 0 || opt->rdns_whitelist_dir.n > 0;
}

static void
white_decide(struct session *s, unsigned ph, struct decision *d)
{
	const struct options *opt = s->opt;
	struct match_result m;
	char tail[MATCH_PATHLEN + 32];

	(void)ph;
	if (!has_rdns(s) || rdns_lists(s, &opt->rdns_whitelist_entry,
	    &opt->rdns_whitelist_file, &opt->rdns_whitelist_dir, &m) != 1)
		return;
	log_filter("FILTER_WHITELIST_NAME ip: %s rdns: %s %s", s->ip, s->rdns,
	    match_filter_tail(&m, tail, sizeof(tail)));
	decision_whitelist(d);
}

const struct filter filter_rdns_whitelist = {
	"rdns-whitelist", PH_CONNECT, FK_WHITE, white_enabled, NULL,
	white_decide,
};

static bool
black_enabled(const struct options *opt)
{
	return opt->rdns_blacklist_entry.n > 0 ||
	    opt->rdns_blacklist_file.n > 0 || opt->rdns_blacklist_dir.n > 0;
}

static void
black_decide(struct session *s, unsigned ph, struct decision *d)
{
	const struct options *opt = s->opt;
	struct match_result m;
	char tail[MATCH_PATHLEN + 32], reason[MATCH_PATHLEN + 32];

	(void)ph;
	if (!has_rdns(s) || rdns_lists(s, &opt->rdns_blacklist_entry,
	    &opt->rdns_blacklist_file, &opt->rdns_blacklist_dir, &m) != 1)
		return;
	log_filter("FILTER_BLACKLIST_NAME ip: %s rdns: %s %s", s->ip, s->rdns,
	    match_filter_tail(&m, tail, sizeof(tail)));
	decision_reject(d, R_BLACKLIST_NAME,
	    match_reason(&m, reason, sizeof(reason)), NULL);
}

const struct filter filter_rdns_blacklist = {
	"rdns-blacklist", PH_CONNECT, FK_BLOCK, black_enabled, NULL,
	black_decide,
};

/* Row 14: the rDNS name resolves to some address (2.11). */
static bool
resolve_enabled(const struct options *opt)
{
	return opt->reject_unresolvable_rdns;
}

static void
resolve_done(struct session *s, const struct dns_result *res, void *arg)
{
	(void)arg;
	s->fs.rdns_resolves = res->status;
}

static void
resolve_start(struct session *s, unsigned ph)
{
	unsigned types = 0, qt = s->opt->dns_query_type_a;

	if (ph != PH_RDNS || !resolve_enabled(s->opt) ||
	    str_prefix_ci(s->rdns, strlen(s->rdns), "localhost"))
		return;
	if (qt & QT_A)
		types |= DNS_T_A;
	if (qt & QT_AAAA)
		types |= DNS_T_AAAA;
	if (qt & QT_CNAME)
		types |= DNS_T_CNAME;
	if (types == 0)
		return;
	s->fs.rdns_resolves = DNS_NORESULT;
	session_lookup(s, s->rdns, types, 0, resolve_done, NULL, 0);
}

static void
resolve_decide(struct session *s, unsigned ph, struct decision *d)
{
	(void)ph;
	if (!has_rdns(s))
		return;
	/* 2.11: "localhost..." passes only for 127.0.0.1, without a lookup. */
	if (str_prefix_ci(s->rdns, strlen(s->rdns), "localhost")) {
		if (strncmp(s->ip, "127.0.0.1", 9) == 0)
			return;
	} else if (s->fs.rdns_resolves == DNS_FOUND)
		return;
	log_filter("FILTER_RDNS_RESOLVE ip: %s rdns: %s", s->ip, s->rdns);
	decision_reject(d, R_RDNS_RESOLVE, NULL, NULL);
}

const struct filter filter_rdns_resolve = {
	"reject-unresolvable-rdns", PH_CONNECT | PH_RDNS, FK_BLOCK,
	resolve_enabled, resolve_start, resolve_decide,
};
