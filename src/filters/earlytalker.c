/*
 * earlytalker.c - row 19 of the connection chain (session.md 5.5): a
 * client that sent data during the greeting delay is refused.  The wait
 * itself happens in session_dns.c, which records what it saw.
 */
#include "config/options.h"
#include "filters/filter.h"
#include "log/log.h"
#include "session.h"

static bool
early_enabled(const struct options *opt)
{
	return opt->greeting_delay_secs > 0;
}

static void
early_decide(struct session *s, unsigned ph, struct decision *d)
{
	(void)ph;
	if (!s->fs.early_talk) {
		/*
		 * 5.5 item 3: a directory file cannot enable or lengthen
		 * the delay after the start of the connection.
		 */
		if (s->gopt->config_dir.n > 0 &&
		    s->opt->greeting_delay_secs != s->fs.delay_used &&
		    s->opt->greeting_delay_secs != s->et_logged) {
			log_error("earlytalker filter cannot be activated "
			    "after the start of the connection -- ignoring "
			    "configuration option");
			s->et_logged = s->opt->greeting_delay_secs;
		}
		return;
	}
	log_filter("FILTER_EARLYTALKER delay: %ld", s->fs.delay_used);
	decision_reject(d, R_EARLYTALKER, NULL, NULL);
}

const struct filter filter_earlytalker = {
	"greeting-delay-secs", PH_GREETING, FK_BLOCK, early_enabled, NULL,
	early_decide,
};
