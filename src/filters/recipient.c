/*
 * recipient.c - per-recipient filters (session.md 2.5 steps 4-6, 5.3, 9):
 * the recipient whitelist, max-recipients, identical sender and
 * recipient, the recipient blacklist, validity (unqualified, relaying)
 * and graylisting, with the precedence of the table in 2.5.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/options.h"
#include "io/child.h"
#include "filters/filter.h"
#include "filters/graylist_store.h"
#include "filters/local.h"
#include "filters/match.h"
#include "log/log.h"
#include "session.h"
#include "util/str.h"

#define VALIDATE_LIMIT_MS	30000	/* 5.6: validation command limit */

static char *
addr_text(const struct smtp_addr *a, char *dst, size_t n)
{
	return smtp_addr_format(a, dst, n);
}

/* 2.5 step 4: the recipient whitelist runs while state < RCPT-ALLOW. */
static bool
rw_enabled(const struct options *opt)
{
	return opt->recipient_whitelist_entry.n > 0 ||
	    opt->recipient_whitelist_file.n > 0;
}

static void
rw_decide(struct session *s, unsigned ph, struct decision *d)
{
	struct match_result m;
	char tail[MATCH_PATHLEN + 32], a[1100];

	(void)ph;
	if (d->state >= D_RCPT_ALLOW || match_addr(s->rcpt.local,
	    s->rcpt.domain, &s->opt->recipient_whitelist_entry,
	    &s->opt->recipient_whitelist_file, 0, &m) != 1)
		return;
	log_filter("FILTER_RECIPIENT_WHITELIST recipient: %s %s",
	    addr_text(&s->rcpt, a, sizeof(a)),
	    match_filter_tail(&m, tail, sizeof(tail)));
	d->state = D_RCPT_ALLOW;
}

const struct filter filter_recipient_whitelist = {
	"recipient-whitelist", PH_RCPT, FK_SPECIAL, rw_enabled, NULL,
	rw_decide,
};

/*
 * 5.3 step 5: ask each recipient-validation-command (normally
 * spamdyke-qrv) "<cmd> <domain> <local>" until one answers 1, 2 or 3.
 */
static enum reason
validate(struct session *s)
{
	const struct options *opt = s->opt;
	char a[1100];
	size_t i;

	if (!(opt->reject_recipient & (RR_INVALID | RR_UNAVAILABLE)))
		return R_NONE;
	for (i = 0; i < opt->recipient_validation_command.n; i++) {
		const char *cmd = opt->recipient_validation_command.v[i];
		char **argv = child_split(cmd), **full;
		size_t n = 0;
		int rc;

		if (argv == NULL)
			continue;
		while (argv[n] != NULL)
			n++;
		if ((full = calloc(n + 3, sizeof(*full))) == NULL) {
			child_split_free(argv);
			continue;
		}
		memcpy(full, argv, n * sizeof(*full));
		full[n] = s->rcpt.domain;
		full[n + 1] = s->rcpt.local;
		rc = child_run(full, VALIDATE_LIMIT_MS);
		free(full);
		child_split_free(argv);
		switch (rc) {
		case 0:
			continue;		/* no opinion */
		case 1:
			return R_NONE;
		case 2:
			if (!(opt->reject_recipient & RR_INVALID))
				return R_NONE;
			log_filter("FILTER_INVALID_RECIPIENT recipient: %s",
			    addr_text(&s->rcpt, a, sizeof(a)));
			return R_INVALID_RECIPIENT;
		case 3:
			if (!(opt->reject_recipient & RR_UNAVAILABLE))
				return R_NONE;
			log_filter("FILTER_UNAVAILABLE_RECIPIENT recipient: %s",
			    addr_text(&s->rcpt, a, sizeof(a)));
			return R_UNAVAILABLE_RECIPIENT;
		case -2:
		case -1:
			log_verror("command aborted abnormally: %s", cmd);
			continue;
		default:
			log_verror("unknown exit code from validation command, "
			    "code %d: %s", rc, cmd);
			continue;
		}
	}
	return R_NONE;
}

/* 5.3: unqualified, relaying, then validation. */
static enum reason
validity(struct session *s)
{
	const struct options *opt = s->opt;
	char domain[SMTP_ADDR_PART_MAX * 2 + 2], a[1100];
	bool authd = s->authenticated;

	str_lcpy(domain, s->rcpt.domain, sizeof(domain));
	if (s->relay_suffix[0] != '\0' && domain[0] != '\0')
		str_lcat(domain, s->relay_suffix, sizeof(domain));
	if (domain[0] == '\0' && s->relay_suffix[0] == '\0') {
		/* Improvement: RFC 5321 requires "postmaster". */
		if (!authd && strcmp(s->rcpt.local, "postmaster") != 0) {
			log_filter("FILTER_UNQUALIFIED_RECIPIENT recipient: "
			    "%s", addr_text(&s->rcpt, a, sizeof(a)));
			return R_UNQUALIFIED_RECIPIENT;
		}
		return R_NONE;
	}
	if (domain[0] == '\0')
		return validate(s);	/* suffix on the local part (step 2) */
	/*
	 * Improvement: when qmail-smtpd would read another domain out of
	 * the same argument ("user@ours@other", quoting, backslashes),
	 * that domain must pass the relay check too.  Otherwise a session
	 * for which spamdyke injected RELAYCLIENT= would be an open relay.
	 */
	if (s->relay_suffix[0] == '\0' && s->rcpt_qdomain[0] != '\0' &&
	    strcmp(s->rcpt_qdomain, s->rcpt.domain) != 0 &&
	    local_domain(opt, s->rcpt_qdomain) != 1 &&
	    (opt->relay_level == RL_BLOCK_ALL ||
	    (!authd && !s->relay_allowed))) {
		log_filter("FILTER_RELAYING");
		return R_RELAYING;
	}
	if (local_domain(opt, domain) == 1)
		return validate(s);
	if (opt->relay_level == RL_BLOCK_ALL ||
	    (!authd && !s->relay_allowed)) {
		log_filter("FILTER_RELAYING");
		return R_RELAYING;
	}
	return R_NONE;
}

static enum reason
graylist(struct session *s, char *detail, size_t detaillen)
{
	const struct options *opt = s->opt;
	struct match_client c;
	struct match_result m;
	struct gl_request rq;
	char path[4096], a[1100], b[1100];
	enum gl_result r;
	long retry = -1;

	if (opt->graylist_level == GL_NONE || opt->graylist_dir.n == 0 ||
	    (s->rcpt.local[0] == '\0' && s->rcpt.domain[0] == '\0'))
		return R_NONE;
	memset(&rq, 0, sizeof(rq));
	c.ip = s->ip;
	c.rdns = s->rdns;
	c.info = getenv("TCPREMOTEINFO");
	rq.exception = match_ip(&c, &opt->graylist_exception_ip_entry,
	    &opt->graylist_exception_ip_file, &m) == 1 ||
	    (s->rdns[0] != '\0' && (match_rdns(s->rdns,
	    &opt->graylist_exception_rdns_entry,
	    &opt->graylist_exception_rdns_file, &m) == 1 ||
	    match_rdns_dir(s->rdns, &opt->graylist_exception_rdns_dir,
	    &m) == 1));
	rq.dirs = &opt->graylist_dir;
	rq.level = opt->graylist_level;
	rq.domain_is_local = local_domain(opt, s->rcpt.domain) == 1;
	rq.min_secs = opt->graylist_min_secs;
	rq.max_secs = opt->graylist_max_secs;
	rq.rcpt_local = s->rcpt.local;
	rq.rcpt_domain = s->rcpt.domain;
	rq.sender_local = s->sender.local;
	rq.sender_domain = s->sender.domain;
	rq.ip = s->ip;
	rq.rdns = s->rdns;
	rq.now = time(NULL);
	r = graylist_check(&rq, path, sizeof(path), &retry);
	if (!graylist_refused(r))
		return R_NONE;
	log_filter("FILTER_GRAYLISTED sender: %s recipient: %s path: %s",
	    addr_text(&s->sender, a, sizeof(a)),
	    addr_text(&s->rcpt, b, sizeof(b)), path);
	/* graylist-retry-hint: " Retry after N seconds." (issue 4). */
	s->retry_hint = opt->graylist_retry_hint ? retry : -1;
	(void)detail;
	(void)detaillen;
	return R_GRAYLISTED;
}

enum reason
recipient_filters(struct session *s, bool only_validity, char *detail,
    size_t detaillen)
{
	const struct options *opt = s->opt;
	struct match_result m;
	enum reason r = R_NONE, v;
	char tail[MATCH_PATHLEN + 32], a[1100], b[1100];

	detail[0] = '\0';
	s->retry_hint = -1;
	if (only_validity)
		return validity(s);
	if (opt->max_recipients > 0 &&
	    s->naccepted >= (size_t)opt->max_recipients) {
		log_filter("FILTER_TOO_MANY_RECIPIENTS maximum: %ld",
		    opt->max_recipients);
		r = R_TOO_MANY_RECIPIENTS;
	}
	if ((opt->reject_recipient & RR_SAME_AS_SENDER) &&
	    s->d.state < D_REJECT && s->sender.local[0] != '\0' &&
	    strcmp(s->sender.local, s->rcpt.local) == 0 &&
	    strcmp(s->sender.domain, s->rcpt.domain) == 0) {
		log_filter("FILTER_IDENTICAL_SENDER_RECIPIENT sender: %s "
		    "recipient: %s", addr_text(&s->sender, a, sizeof(a)),
		    addr_text(&s->rcpt, b, sizeof(b)));
		r = R_IDENTICAL_SENDER_RECIPIENT;
	}
	if (r == R_NONE && (opt->recipient_blacklist_entry.n > 0 ||
	    opt->recipient_blacklist_file.n > 0) && match_addr(s->rcpt.local,
	    s->rcpt.domain, &opt->recipient_blacklist_entry,
	    &opt->recipient_blacklist_file, 0, &m) == 1) {
		log_filter("FILTER_RECIPIENT_BLACKLIST recipient: %s %s",
		    addr_text(&s->rcpt, a, sizeof(a)),
		    match_filter_tail(&m, tail, sizeof(tail)));
		match_reason(&m, detail, detaillen);
		r = R_RECIPIENT_BLACKLISTED;
	}
	if ((v = validity(s)) != R_NONE) {
		detail[0] = '\0';
		return v;
	}
	if (r == R_NONE)
		r = graylist(s, detail, detaillen);
	return r;
}
