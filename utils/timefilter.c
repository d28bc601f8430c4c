/*
 * timefilter - copy the lines of stdin whose leading timestamp lies in a
 * window relative to now (files.md 13).
 *
 * timefilter START_SECS_AGO END_SECS_AGO keeps the lines stamped in
 * [now - START, now - END], both ends included.  Timestamps recognised:
 * a TAI64N label (multilog), a syslog "Mon DD HH:MM:SS" prefix and an
 * Apache "[DD/Mon/YYYY:HH:MM:SS" field; lines without one are dropped.
 * Lines are copied byte for byte, however long they are.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "utils.h"

/* TAI64 labels count from 2^62; TAI was 10 s ahead of UTC in 1970. */
#define TAI64_BASE	((UINT64_C(1) << 62) + 10)
#define DST_SHIFT	3600

static const char *const usage[] = {
	"USAGE: timefilter [+]START_SECS_AGO [+]END_SECS_AGO",
	"",
	"Copies from standard input the lines whose leading timestamp lies "
	    "between",
	"START_SECS_AGO and END_SECS_AGO seconds before now (both included).",
	"Timestamps: TAI64N (@4000...), syslog (Mon DD HH:MM:SS), Apache",
	"([DD/Mon/YYYY:HH:MM:SS).  A + before either number moves now and "
	    "both bounds",
	"one hour later while daylight saving time is in effect.  Lines "
	    "without a",
	"timestamp are dropped.",
	NULL
};

static const char months[12][4] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

/* Month index of three letters at p, case-insensitively; -1 if none. */
static int
month(const char *p)
{
	int i;

	for (i = 0; i < 12; i++)
		if (strncasecmp(p, months[i], 3) == 0)
			return i;
	return -1;
}

/* n decimal digits at p (a leading space allowed when pad); -1 if not. */
static int
digits(const char *p, int n, bool pad)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (pad && i == 0 && p[i] == ' ')
			continue;
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* "HH:MM:SS" at p into tm; false if malformed. */
static bool
clock_part(const char *p, struct tm *tm)
{
	if (p[2] != ':' || p[5] != ':')
		return false;
	tm->tm_hour = digits(p, 2, false);
	tm->tm_min = digits(p + 3, 2, false);
	tm->tm_sec = digits(p + 6, 2, false);
	return tm->tm_hour >= 0 && tm->tm_hour < 24 && tm->tm_min >= 0 &&
	    tm->tm_min < 60 && tm->tm_sec >= 0 && tm->tm_sec <= 60;
}

static bool
tai64n(const char *p, size_t len, time_t *t)
{
	uint64_t v = 0;
	size_t i;
	int c;

	if (len < 17 || p[0] != '@')
		return false;
	for (i = 1; i <= 16; i++) {
		c = tolower((unsigned char)p[i]);
		if (isdigit(c))
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			return false;
	}
	*t = (time_t)(int64_t)(v - TAI64_BASE);
	return true;
}

/* "Mon DD HH:MM:SS": this year, or the last one if that is the future. */
static bool
syslog_stamp(const char *p, size_t len, time_t now, time_t *t)
{
	struct tm tm, cur;

	if (len < 15 || p[3] != ' ' || p[6] != ' ')
		return false;
	memset(&tm, 0, sizeof(tm));
	if ((tm.tm_mon = month(p)) == -1 ||
	    (tm.tm_mday = digits(p + 4, 2, true)) < 1 || tm.tm_mday > 31 ||
	    !clock_part(p + 7, &tm))
		return false;
	if (localtime_r(&now, &cur) == NULL)
		return false;
	tm.tm_year = cur.tm_year;
	tm.tm_isdst = -1;
	if ((*t = mktime(&tm)) > now) {
		tm.tm_year = cur.tm_year - 1;
		tm.tm_mon = month(p);
		tm.tm_mday = digits(p + 4, 2, true);
		clock_part(p + 7, &tm);
		tm.tm_isdst = -1;
		*t = mktime(&tm);
	}
	return true;
}

/* "[DD/Mon/YYYY:HH:MM:SS" anywhere in the line (the first that parses). */
static bool
apache_stamp(const char *line, size_t len, time_t *t)
{
	const char *p = line, *end = line + len;
	struct tm tm;

	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		p++;
		if (end - p < 20 || p[2] != '/' || p[6] != '/' ||
		    p[11] != ':')
			continue;
		memset(&tm, 0, sizeof(tm));
		if ((tm.tm_mday = digits(p, 2, false)) < 1 ||
		    tm.tm_mday > 31 || (tm.tm_mon = month(p + 3)) == -1 ||
		    (tm.tm_year = digits(p + 7, 4, false)) < 1900 ||
		    !clock_part(p + 12, &tm))
			continue;
		tm.tm_year -= 1900;
		tm.tm_isdst = -1;
		*t = mktime(&tm);
		return true;
	}
	return false;
}

static bool
stamp(const char *line, size_t len, time_t now, time_t *t)
{
	if (line[0] == '@')
		return tai64n(line, len, t);
	return syslog_stamp(line, len, now, t) || apache_stamp(line, len, t);
}

/* "[+]digits" into *secs and *plus; false if malformed. */
static bool
parse_arg(const char *s, long long *secs, bool *plus)
{
	char *end;

	if (*s == '+') {
		*plus = true;
		s++;
	}
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*secs = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0';
}

int
main(int argc, char *argv[])
{
	long long start, end;
	bool plus = false;
	time_t now, t, lo, hi;
	struct tm tm;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (argc != 3 || !parse_arg(argv[1], &start, &plus) ||
	    !parse_arg(argv[2], &end, &plus)) {
		util_usage(usage);
		return 0;
	}
	now = time(NULL);
	lo = now;
	if (plus && localtime_r(&now, &tm) != NULL && tm.tm_isdst > 0)
		lo += DST_SHIFT;
	hi = lo - (time_t)end;
	lo -= (time_t)start;
	while ((n = getline(&line, &cap, stdin)) > 0)
		if (stamp(line, (size_t)n, now, &t) && t >= lo && t <= hi)
			fwrite(line, 1, (size_t)n, stdout);
	free(line);
	return 0;
}
