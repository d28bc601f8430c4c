/*
 * chain.c - the filter table in the exact order of session.md 2.3
 * (connection), 2.4 (MAIL) and 2.5 (RCPT).  Adding a filter is one file
 * and one row here.
 */
#include <stddef.h>

#include "config/options.h"
#include "filters/filter.h"
#include "session.h"
#include "util/str.h"

static const struct filter *const chain[] = {
	&filter_level,			/* 2.3 row 1, 2.4 step 2, 2.5 */
	&filter_rdns_missing,		/* row 2 */
	&filter_ip_in_cc_rdns,		/* row 3 */
	&filter_rdns_whitelist,		/* rows 4-6 */
	&filter_rdns_blacklist,		/* rows 7-9 */
	&filter_ip_whitelist,		/* row 10 */
	&filter_ip_blacklist,		/* row 11 */
	&filter_keyword_whitelist,	/* row 12 */
	&filter_keyword_blacklist,	/* row 13 */
	&filter_rdns_resolve,		/* row 14 */
	&filter_rwl,			/* row 15 */
	&filter_sender_whitelist,	/* 2.4 step 3 */
	&filter_rhswl,			/* row 16, 2.4 step 4 */
	&filter_rbl,			/* row 17 */
	&filter_sender_blacklist,	/* 2.4 step 5 */
	&filter_rhsbl,			/* row 18, 2.4 step 6 */
	&filter_reject_sender,		/* 2.4 step 7 */
	&filter_earlytalker,		/* row 19 */
	&filter_recipient_whitelist,	/* 2.5 step 4 */
};

void
chain_start(struct session *s, unsigned phase)
{
	size_t i;

	for (i = 0; i < nitems(chain); i++)
		if ((chain[i]->phases & phase) && chain[i]->start != NULL)
			chain[i]->start(s, phase);
}

void
chain_run(struct session *s, unsigned phase, struct decision *d)
{
	const struct options *opt = session_options(s);
	size_t i;

	for (i = 0; i < nitems(chain); i++) {
		const struct filter *f = chain[i];

		if (d->locked)
			break;
		if (!(f->phases & phase) || !f->enabled(opt))
			continue;
		if (f->kind == FK_BLOCK && d->state >= D_REJECT)
			continue;
		if (f->kind == FK_WHITE && d->state >= D_WHITELISTED)
			continue;
		f->decide(s, phase, d);
	}
}
