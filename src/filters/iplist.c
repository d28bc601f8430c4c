/*
 * iplist.c - IP white- and blacklists and the IP-in-rDNS keyword lists
 * (session.md 2.3 rows 10-13, 2.11; files.md 3 and 5).
 */
#include <stdlib.h>

#include "config/options.h"
#include "filters/filter.h"
#include "filters/match.h"
#include "log/log.h"
#include "session.h"

static void
client_of(const struct session *s, struct match_client *c)
{
	c->ip = s->ip;
	c->rdns = s->rdns;
	c->info = getenv("TCPREMOTEINFO");
}

/* Row 10. */
static bool
ipw_enabled(const struct options *opt)
{
	return opt->ip_whitelist_entry.n > 0 || opt->ip_whitelist_file.n > 0;
}

static void
ipw_decide(struct session *s, unsigned ph, struct decision *d)
{
	struct match_client c;
	struct match_result m;
	char tail[MATCH_PATHLEN + 32];

	(void)ph;
	client_of(s, &c);
	if (match_ip(&c, &s->opt->ip_whitelist_entry,
	    &s->opt->ip_whitelist_file, &m) != 1)
		return;
	log_filter("FILTER_WHITELIST_IP ip: %s %s", s->ip,
	    match_filter_tail(&m, tail, sizeof(tail)));
	decision_whitelist(d);
}

const struct filter filter_ip_whitelist = {
	"ip-whitelist", PH_CONNECT, FK_WHITE, ipw_enabled, NULL, ipw_decide,
};

/* Row 11. */
static bool
ipb_enabled(const struct options *opt)
{
	return opt->ip_blacklist_entry.n > 0 || opt->ip_blacklist_file.n > 0;
}

static void
ipb_decide(struct session *s, unsigned ph, struct decision *d)
{
	struct match_client c;
	struct match_result m;
	char tail[MATCH_PATHLEN + 32], reason[MATCH_PATHLEN + 32];

	(void)ph;
	client_of(s, &c);
	if (match_ip(&c, &s->opt->ip_blacklist_entry,
	    &s->opt->ip_blacklist_file, &m) != 1)
		return;
	log_filter("FILTER_BLACKLIST_IP ip: %s %s", s->ip,
	    match_filter_tail(&m, tail, sizeof(tail)));
	decision_reject(d, R_BLACKLIST_IP,
	    match_reason(&m, reason, sizeof(reason)), NULL);
}

const struct filter filter_ip_blacklist = {
	"ip-blacklist", PH_CONNECT, FK_BLOCK, ipb_enabled, NULL, ipb_decide,
};

/* FILTER_IP_IN_RDNS_* tail: "keyword: K file: (none)" or "file: F(L)". */
static void
keyword_line(const char *name, const struct session *s,
    const struct match_result *m)
{
	if (m->src == MS_FILE)
		log_filter("%s ip: %s rdns: %s keyword: %s file: %s(%u)", name,
		    s->ip, s->rdns, m->entry, m->file, m->line);
	else
		log_filter("%s ip: %s rdns: %s keyword: %s file: (none)", name,
		    s->ip, s->rdns, m->entry);
}

/* Row 12. */
static bool
kww_enabled(const struct options *opt)
{
	return opt->ip_in_rdns_keyword_whitelist_entry.n > 0 ||
	    opt->ip_in_rdns_keyword_whitelist_file.n > 0;
}

static void
kww_decide(struct session *s, unsigned ph, struct decision *d)
{
	struct match_result m;

	(void)ph;
	if (s->rdns[0] == '\0' || match_keyword(s->ip, s->rdns,
	    &s->opt->ip_in_rdns_keyword_whitelist_entry,
	    &s->opt->ip_in_rdns_keyword_whitelist_file, &m) != 1)
		return;
	keyword_line("FILTER_IP_IN_RDNS_WHITELIST", s, &m);
	decision_whitelist(d);
}

const struct filter filter_keyword_whitelist = {
	"ip-in-rdns-keyword-whitelist", PH_CONNECT, FK_WHITE, kww_enabled,
	NULL, kww_decide,
};

/* Row 13. */
static bool
kwb_enabled(const struct options *opt)
{
	return opt->ip_in_rdns_keyword_blacklist_entry.n > 0 ||
	    opt->ip_in_rdns_keyword_blacklist_file.n > 0;
}

static void
kwb_decide(struct session *s, unsigned ph, struct decision *d)
{
	struct match_result m;
	char reason[MATCH_PATHLEN + 32];

	(void)ph;
	if (s->rdns[0] == '\0' || match_keyword(s->ip, s->rdns,
	    &s->opt->ip_in_rdns_keyword_blacklist_entry,
	    &s->opt->ip_in_rdns_keyword_blacklist_file, &m) != 1)
		return;
	keyword_line("FILTER_IP_IN_RDNS_BLACKLIST", s, &m);
	decision_reject(d, R_IP_IN_RDNS,
	    match_reason(&m, reason, sizeof(reason)), NULL);
}

const struct filter filter_keyword_blacklist = {
	"ip-in-rdns-keyword-blacklist", PH_CONNECT, FK_BLOCK, kwb_enabled,
	NULL, kwb_decide,
};
