/*
 * sender.c - the MAIL FROM chain (session.md 2.4, 5.4, 6.5): sender
 * white- and blacklists and the reject-sender checks (not-local,
 * authentication mismatch, no-mx).  The RHS lists on the sender domain
 * live in dnsbl.c.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "config/options.h"
#include "dns/dns.h"
#include "filters/filter.h"
#include "filters/local.h"
#include "filters/match.h"
#include "log/log.h"
#include "session.h"
#include "util/str.h"

static char *
addr_text(const struct smtp_addr *a, char *dst, size_t n)
{
	return smtp_addr_format(a, dst, n);
}

/* 2.4 step 3. */
static bool
sw_enabled(const struct options *opt)
{
	return opt->sender_whitelist_entry.n > 0 ||
	    opt->sender_whitelist_file.n > 0;
}

static void
sw_decide(struct session *s, unsigned ph, struct decision *d)
{
	struct match_result m;
	char tail[MATCH_PATHLEN + 32], a[1100];

	(void)ph;
	if (match_addr(s->sender.local, s->sender.domain,
	    &s->opt->sender_whitelist_entry, &s->opt->sender_whitelist_file, 0,
	    &m) != 1)
		return;
	log_filter("FILTER_SENDER_WHITELIST sender: %s %s",
	    addr_text(&s->sender, a, sizeof(a)),
	    match_filter_tail(&m, tail, sizeof(tail)));
	decision_whitelist(d);
}

const struct filter filter_sender_whitelist = {
	"sender-whitelist", PH_MAIL, FK_WHITE, sw_enabled, NULL, sw_decide,
};

/* 2.4 step 5. */
static bool
sb_enabled(const struct options *opt)
{
	return opt->sender_blacklist_entry.n > 0 ||
	    opt->sender_blacklist_file.n > 0;
}

static void
sb_decide(struct session *s, unsigned ph, struct decision *d)
{
	struct match_result m;
	char tail[MATCH_PATHLEN + 32], reason[MATCH_PATHLEN + 32], a[1100];

	(void)ph;
	/* Compat: files.md 6, "fred@" entries also block "fred.x@...". */
	if (match_addr(s->sender.local, s->sender.domain,
	    &s->opt->sender_blacklist_entry, &s->opt->sender_blacklist_file,
	    MATCH_ADDR_DOT_ENTRIES, &m) != 1)
		return;
	log_filter("FILTER_SENDER_BLACKLIST sender: %s %s",
	    addr_text(&s->sender, a, sizeof(a)),
	    match_filter_tail(&m, tail, sizeof(tail)));
	decision_reject(d, R_SENDER_BLACKLISTED,
	    match_reason(&m, reason, sizeof(reason)), NULL);
}

const struct filter filter_sender_blacklist = {
	"sender-blacklist", PH_MAIL, FK_BLOCK, sb_enabled, NULL, sb_decide,
};

/* 2.4 step 7 and 5.4. */
static bool
rs_enabled(const struct options *opt)
{
	return opt->reject_sender != 0;
}

static bool
not_loopback(const char *a)
{
	return strcmp(a, "127.0.0.1") != 0;
}

static void
mx_host_done(struct session *s, const struct dns_result *res, void *arg)
{
	size_t i;

	(void)arg;
	if (res->status != DNS_FOUND)
		return;
	for (i = 0; i < res->nrr; i++)
		if (res->rr[i]->type == DNS_T_A &&
		    not_loopback(res->rr[i]->data))
			s->fs.sender_mx = 1;
}

/* 6.5: MX hosts (IP literal or A), else the domain's own A record. */
static void
mx_done(struct session *s, const struct dns_result *res, void *arg)
{
	struct in_addr ia;
	bool have_mx = false;
	size_t i;

	(void)arg;
	if (res->status != DNS_FOUND)
		return;
	for (i = 0; i < res->nrr; i++) {
		const struct dns_rr *rr = res->rr[i];

		if (rr->type != DNS_T_MX || rr->data[0] == '\0' ||
		    strcmp(rr->data, ".") == 0)
			continue;
		have_mx = true;
		if (inet_pton(AF_INET, rr->data, &ia) == 1) {
			log_verror("found IP address in MX record where only "
			    "are legal: %s domain: %s", rr->data, res->name);
			if (not_loopback(rr->data))
				s->fs.sender_mx = 1;
			continue;
		}
		session_lookup(s, rr->data, DNS_T_A | DNS_T_CNAME, DNS_T_A,
		    mx_host_done, NULL, 0);
	}
	if (have_mx)
		return;
	for (i = 0; i < res->nrr; i++)
		if (res->rr[i]->type == DNS_T_A &&
		    not_loopback(res->rr[i]->data))
			s->fs.sender_mx = 1;
}

static void
rs_start(struct session *s, unsigned ph)
{
	unsigned qt = s->opt->dns_query_type_mx, types = 0;

	(void)ph;
	s->fs.sender_mx = -1;
	if (!(s->opt->reject_sender & RS_NO_MX) ||
	    s->sender.domain[0] == '\0' ||
	    (local_configured(s->opt) &&
	    local_domain(s->opt, s->sender.domain) == 1))
		return;
	if (qt & QT_MX)
		types |= DNS_T_MX;
	if (qt & QT_A)
		types |= DNS_T_A;
	if (qt & QT_CNAME)
		types |= DNS_T_CNAME;
	s->fs.sender_mx = 0;
	if (types == 0 || session_lookup(s, s->sender.domain, types,
	    DNS_T_MX, mx_done, NULL, 0) == -1)
		s->fs.sender_mx = 0;
}

static void
rs_decide(struct session *s, unsigned ph, struct decision *d)
{
	const struct options *opt = s->opt;
	const char *dom = s->sender.domain, *at;
	bool authd = d->state == D_AUTHENTICATED, local;
	char a[1100];

	(void)ph;
	if (dom[0] == '\0' || (d->state >= D_REJECT && !authd))
		return;
	/* 5.4 item 1: without a source every sender counts as local. */
	local = !local_configured(opt) || local_domain(opt, dom) == 1;
	if ((opt->reject_sender & RS_NOT_LOCAL) && !authd && !local) {
		log_filter("FILTER_SENDER_NOT_LOCAL domain: %s", dom);
		decision_reject(d, R_SENDER_NOT_LOCAL, NULL, NULL);
		return;
	}
	if ((opt->reject_sender & RS_AUTH_MISMATCH) && authd) {
		bool ok;

		addr_text(&s->sender, a, sizeof(a));
		ok = strchr(s->auth_user, '@') != NULL ?
		    str_eq_ci(s->auth_user, a) :
		    str_eq_ci(s->auth_user, s->sender.local);
		if (!ok) {
			log_filter("FILTER_SENDER_NOT_AUTH sender: %s "
			    "username: %s", a, s->auth_user);
			d->state = D_UNDECIDED;
			decision_reject(d, R_SENDER_NOT_AUTH, NULL, NULL);
			return;
		}
	}
	if ((opt->reject_sender & RS_AUTH_DOMAIN_MISMATCH) && authd &&
	    (at = strchr(s->auth_user, '@')) != NULL &&
	    !str_eq_ci(at + 1, dom)) {
		log_filter("FILTER_SENDER_NOT_AUTH_DOMAIN domain: %s "
		    "username: %s", dom, at + 1);
		d->state = D_UNDECIDED;
		decision_reject(d, R_SENDER_NOT_AUTH, NULL, NULL);
		return;
	}
	if ((opt->reject_sender & RS_NO_MX) && !authd && !local &&
	    s->fs.sender_mx == 0) {
		log_filter("FILTER_SENDER_NO_MX domain: %s", dom);
		decision_reject(d, R_SENDER_NO_MX, NULL, NULL);
	}
}

const struct filter filter_reject_sender = {
	"reject-sender", PH_MAIL, FK_SPECIAL, rs_enabled, rs_start, rs_decide,
};
