/*
 * level.c - filter-level (session.md 5.1): allow-all whitelists the
 * session, require-auth refuses it unless authenticated, reject-all
 * refuses it and locks the decision so nothing can lift it.
 */
#include "config/options.h"
#include "filters/filter.h"
#include "session.h"
#include "log/log.h"

static bool
level_enabled(const struct options *opt)
{
	return opt->filter_level != FL_NORMAL;
}

static void
level_decide(struct session *s, unsigned phase, struct decision *d)
{
	const struct options *opt = session_options(s);

	(void)phase;
	switch (opt->filter_level) {
	case FL_ALLOW_ALL:
		if (d->state != D_WHITELISTED)
			log_filter("FILTER_ALLOW_ALL");
		decision_whitelist(d);
		break;
	case FL_REQUIRE_AUTH:
		/* Overrides whitelists, never an authenticated session. */
		if (d->state == D_AUTHENTICATED)
			break;
		if (d->state != D_REJECT || d->reason != R_AUTH_REQUIRED)
			log_filter("FILTER_AUTH_REQUIRED");
		decision_reject(d, R_AUTH_REQUIRED, NULL, NULL);
		break;
	case FL_REJECT_ALL:
		log_filter("FILTER_REJECT_ALL");
		decision_reject(d, R_REJECT_ALL, NULL, NULL);
		d->locked = true;
		break;
	default:
		break;
	}
}

const struct filter filter_level = {
	"filter-level", PH_CONNECT | PH_MAIL | PH_RCPT, FK_SPECIAL,
	level_enabled, NULL, level_decide,
};
