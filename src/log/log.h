/*
 * log.h - levels and destinations of every log line (session.md 4.1).
 *
 * Call sites never decide where a line goes: they pick a level and log.c
 * applies log-level and log-target.  Before log_open() is called messages
 * go to stderr as bare text (session.md 4.1, "before the configuration is
 * known").  Lines the specification fixes (decision lines) come from
 * log/decision.c, which calls log_line().
 */
#ifndef SPAMDYKE_LOG_LOG_H
#define SPAMDYKE_LOG_LOG_H

#include <stdarg.h>
#include <stdbool.h>

/* log-level values, cumulative (options.md 2.2). */
enum log_level {
	LL_NONE = 0,
	LL_ERROR,
	LL_INFO,
	LL_VERBOSE,
	LL_DEBUG,
	LL_EXCESSIVE,
};

/* log-target bits (options.md 2.2). */
#define LT_STDERR	0x1u
#define LT_SYSLOG	0x2u

#define LOG_MAX_LINE	1023	/* messages are truncated to this (4.1) */

/* Start logging at level with targets (LT_* bits); opens syslog lazily. */
void	 log_open(enum log_level level, unsigned targets);
/* Flush and close syslog. */
void	 log_close(void);
/* True when a message of this level would be written anywhere. */
bool	 log_enabled(enum log_level level);
/* Observer that receives every message of every level (full log, 4.7). */
void	 log_set_observer(void (*fn)(const char *msg, void *ctx), void *ctx);

/*
 * Emit one message.  level is the filtering level; prefix is "ERROR",
 * "DEBUG", "EXCESSIVE" or NULL (decision and FILTER lines have none).
 * With a prefix the line reads PREFIX(func()@file:line): text.
 */
void	 log_msg(enum log_level level, const char *prefix, const char *func,
	    const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
void	 log_vmsg(enum log_level level, const char *prefix, const char *func,
	    const char *file, int line, const char *fmt, va_list ap)
	    __attribute__((format(printf, 6, 0)));

/* ERROR-level error (4.6 "Level ERROR"). */
#define log_error(...)	log_msg(LL_ERROR, "ERROR", __func__, __FILE__, \
			    __LINE__, __VA_ARGS__)
/* Remote or non-critical error, written at verbose ("Level VERBOSE"). */
#define log_verror(...)	log_msg(LL_VERBOSE, "ERROR", __func__, __FILE__, \
			    __LINE__, __VA_ARGS__)
/* Decision lines (info). */
#define log_info(...)	log_msg(LL_INFO, NULL, NULL, NULL, 0, __VA_ARGS__)
/* FILTER_* lines (verbose, no location). */
#define log_filter(...)	log_msg(LL_VERBOSE, NULL, NULL, NULL, 0, __VA_ARGS__)
#define log_debug(...)	log_msg(LL_DEBUG, "DEBUG", __func__, __FILE__, \
			    __LINE__, __VA_ARGS__)

/* A state the code believes impossible: log and abort.  Never for input. */
void	 log_panic(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
