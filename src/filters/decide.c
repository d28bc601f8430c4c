/*
 * decide.c - state transitions of the decision model (session.md 2.1) and
 * the grace level (2.2).  The session owns one struct decision; filters
 * change it only through these functions, so the lock and the precedence
 * rules live in one place.
 */
#include <string.h>

#include "config/options.h"
#include "filters/filter.h"
#include "util/str.h"

void
decision_init(struct decision *d)
{
	memset(d, 0, sizeof(*d));
	d->state = D_UNDECIDED;
	d->reason = R_NONE;
}

bool
decision_rejecting(const struct decision *d)
{
	return d->state == D_REJECT && d->reason != R_NONE;
}

void
decision_reject(struct decision *d, enum reason r, const char *detail,
    const char *suffix)
{
	if (d->locked)
		return;
	d->state = D_REJECT;
	d->reason = r;
	str_lcpy(d->detail, detail != NULL ? detail : "", sizeof(d->detail));
	str_lcpy(d->suffix, suffix != NULL ? suffix : "", sizeof(d->suffix));
}

void
decision_whitelist(struct decision *d)
{
	if (d->locked)
		return;
	d->state = D_WHITELISTED;
	d->reason = R_NONE;
	d->detail[0] = d->suffix[0] = '\0';
}

void
decision_authenticated(struct decision *d)
{
	if (d->locked)
		return;
	d->state = D_AUTHENTICATED;
	d->reason = R_NONE;
	d->detail[0] = d->suffix[0] = '\0';
}

enum grace
grace_level(const struct options *opt)
{
	if (opt->config_dir.n > 0 || opt->recipient_whitelist_entry.n > 0 ||
	    opt->recipient_whitelist_file.n > 0)
		return G_AFTER_RCPT;
	/* The default level observe counts (2.2). */
	if (opt->sender_whitelist_entry.n > 0 ||
	    opt->sender_whitelist_file.n > 0 ||
	    opt->rhs_whitelist_entry.n > 0 || opt->rhs_whitelist_file.n > 0 ||
	    opt->smtp_auth_level != AL_NONE)
		return G_AFTER_MAIL;
	return G_NONE;
}
