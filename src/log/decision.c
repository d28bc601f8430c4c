/*
 * decision.c - formats the one line per recipient decision (session.md
 * 4.2) with single spaces exactly as 5.0.1 writes it.  Remote text in the
 * reason field is escaped (control bytes become '?') and its spaces become
 * '_', so one decision is always one grep-able line.
 */
#include <stdio.h>
#include <string.h>

#include "log/decision.h"
#include "log/log.h"
#include "util/str.h"

static const char *
or_default(const char *s, const char *def)
{
	return s != NULL && s[0] != '\0' ? s : def;
}

char *
log_decision_format(const struct decision_fields *f, char *dst,
    unsigned long dstlen)
{
	char reason[LOG_MAX_LINE + 1];
	const char *r = or_default(f->reason, "(empty)");

	str_escape(reason, sizeof(reason), r, strlen(r));
	str_spaces_to_underscores(reason);
	snprintf(dst, dstlen, "%s from: %s to: %s origin_ip: %s "
	    "origin_rdns: %s auth: %s encryption: %s reason: %s", f->token,
	    or_default(f->from, "(unknown)"), or_default(f->to, "(unknown)"),
	    or_default(f->ip, "0.0.0.0"), or_default(f->rdns, "(unknown)"),
	    or_default(f->auth, "(unknown)"),
	    or_default(f->encryption, "(none)"), reason);
	return dst;
}

void
log_decision(const struct decision_fields *f)
{
	char line[LOG_MAX_LINE + 1];

	if (!log_enabled(LL_INFO))
		return;
	log_info("%s", log_decision_format(f, line, sizeof(line)));
}
