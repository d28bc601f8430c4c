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
	&filter_level,		/* 2.3 row 1, 2.4 step 2, 2.5 */
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
