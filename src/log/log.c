/*
 * log.c - where log lines go (session.md 4.1).
 *
 * One function formats every message; log-level decides whether it is
 * written, log-target where.  The full-log observer (4.7) sees every
 * message whatever the level.  Nothing here knows what a message means.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "log/log.h"

static enum log_level	 cur_level = LL_ERROR;
static unsigned		 cur_targets;
static int		 opened;		/* log_open() was called */
static int		 syslog_open;
static void		(*observer)(const char *, void *);
static void		*observer_ctx;

void
log_open(enum log_level level, unsigned targets)
{
	cur_level = level;
	cur_targets = targets;
	opened = 1;
}

void
log_close(void)
{
	if (syslog_open) {
		closelog();
		syslog_open = 0;
	}
}

bool
log_enabled(enum log_level level)
{
	if (observer != NULL)
		return true;
	if (!opened)
		return level <= LL_ERROR;
	return level != LL_NONE && level <= cur_level && cur_targets != 0;
}

void
log_set_observer(void (*fn)(const char *, void *), void *ctx)
{
	observer = fn;
	observer_ctx = ctx;
}

static const char *
basename_of(const char *path)
{
	const char *p = strrchr(path, '/');

	return p != NULL ? p + 1 : path;
}

void
log_vmsg(enum log_level level, const char *prefix, const char *func,
    const char *file, int line, const char *fmt, va_list ap)
{
	char msg[LOG_MAX_LINE + 1];
	size_t n = 0;
	int k, pri;

	if (!log_enabled(level))
		return;
	if (prefix != NULL) {
		k = snprintf(msg, sizeof(msg), "%s(%s()@%s:%d): ", prefix,
		    func, basename_of(file), line);
		n = k < 0 ? 0 : (size_t)k < sizeof(msg) ? (size_t)k :
		    sizeof(msg) - 1;
	}
	k = vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	if (k < 0)
		msg[n] = '\0';
	/* One message is one line: a newline inside would forge a second. */
	for (n = 0; msg[n] != '\0'; n++)
		if (msg[n] == '\n' || msg[n] == '\r')
			msg[n] = ' ';
	if (observer != NULL)
		observer(msg, observer_ctx);
	if (!opened) {
		if (level <= LL_ERROR)
			fprintf(stderr, "%s\n", msg);
		return;
	}
	if (level == LL_NONE || level > cur_level)
		return;
	if (cur_targets & LT_STDERR)
		fprintf(stderr, "spamdyke[%ld]: %s\n", (long)getpid(), msg);
	if (cur_targets & LT_SYSLOG) {
		if (!syslog_open) {
			openlog("spamdyke", LOG_PID, LOG_MAIL);
			syslog_open = 1;
		}
		pri = level == LL_ERROR ? LOG_ERR :
		    level >= LL_DEBUG ? LOG_DEBUG : LOG_INFO;
		syslog(pri, "%s", msg);
	}
}

void
log_msg(enum log_level level, const char *prefix, const char *func,
    const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, prefix, func, file, line, fmt, ap);
	va_end(ap);
}

void
log_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(LL_ERROR, "ERROR", "log_panic", __FILE__, __LINE__, fmt, ap);
	va_end(ap);
	abort();
}
