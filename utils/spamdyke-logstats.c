/*
 * spamdyke-logstats - summarise spamdyke's decision lines (session.md 4.2).
 *
 * Reads syslog files, multilog files or captured stderr (each FILE, or
 * stdin), plain or compressed, and prints: the count of each decision
 * token per day, the totals, and the client IPs, rDNS names and senders
 * refused most often.  With -s it also writes an SVG chart of the
 * decisions over time, allowed versus each kind of refusal, one stacked
 * bar per day (or hour).
 *
 * A line counts when, after an optional timestamp (TAI64N, syslog
 * "Mon DD HH:MM:SS host", ISO 8601 "YYYY-MM-DDTHH:MM:SS... host") and an
 * optional "spamdyke[PID]: " tag, it is a decision line:
 *   TOKEN from: S to: R origin_ip: IP origin_rdns: N auth: U
 *   encryption: E reason: X
 * Every other line is ignored (it counts only in "Lines").  Refused is a
 * DENIED_* token.  Syslog timestamps have no year: the current one is
 * used unless the date would lie in the future (then the year before),
 * or the year given with -y.  Lines without a timestamp are counted under
 * "(undated)" and left out of the chart.
 *
 * Compressed input (gzip, bzip2, xz) is read through "gzip -dc" and the
 * like (lineinput.h), so the program needs no compression library.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define INPUT_PROG	"spamdyke-logstats"

#include "lineinput.h"
#include "util/str.h"
#include "utils.h"

#define TOK_MAX		64	/* distinct tokens; more are "(other)" */
#define TOK_LEN		40
#define TOP_DEFAULT	10
#define CHART_MAX	4000	/* bars in one chart */
#define TAI64_BASE	((UINT64_C(1) << 62) + 10)
#define UNDATED		LONG_MIN

static const char *const usage[] = {
	"USAGE: spamdyke-logstats [ -n TOP ] [ -y YEAR ] [ -s SVGFILE "
	    "[ -b day|hour ] ]",
	"                         [ FILE ... ]",
	"",
	"Reads spamdyke's decision lines from each FILE (syslog, multilog or "
	    "stderr",
	"output; plain, gzip, bzip2 or xz) or from standard input, and "
	    "prints the",
	"decisions per token per day, the totals, and the TOP (default 10) "
	    "client IPs,",
	"rDNS names and senders refused.",
	"",
	"  -n TOP      length of the top lists",
	"  -y YEAR     year of syslog timestamps (default: the current year, "
	    "or the",
	"              last one for dates that would lie in the future)",
	"  -s SVGFILE  also write an SVG chart of the decisions over time",
	"  -b day|hour one bar per day (default) or per hour in the chart",
	NULL
};

/* ---- counting ---- */

struct bucket {
	long		 key;		/* day number, or day * 24 + hour */
	unsigned long	 n[TOK_MAX];
};

struct series {
	struct bucket	*b;		/* sorted by key */
	size_t		 n, cap;
};

struct hent {
	char		*key;
	unsigned long	 n;
};

struct htab {
	struct hent	*e;
	size_t		 n, cap;	/* cap is a power of two */
};

struct stats {
	char		 tok[TOK_MAX][TOK_LEN];
	size_t		 ntok;
	unsigned long	 total[TOK_MAX];
	struct series	 days;
	struct series	 chart;		/* days or hours */
	struct htab	 ip, rdns, sender;
	unsigned long	 lines, decisions, files;
	bool		 oom;
};

struct config {
	int		 year;		/* -y, 0 = infer */
	bool		 hours;		/* -b hour */
	size_t		 top;
	struct tm	 today;
};

static void *
xrealloc(struct stats *st, void *p, size_t n, size_t size)
{
	void *q;

	if (size != 0 && n > SIZE_MAX / size)
		q = NULL;
	else
		q = realloc(p, n * size);
	if (q == NULL)
		st->oom = true;
	return q;
}

static size_t
token_index(struct stats *st, const char *tok, size_t len)
{
	size_t i;

	if (len >= TOK_LEN)
		len = TOK_LEN - 1;
	for (i = 0; i < st->ntok; i++)
		if (strncmp(st->tok[i], tok, len) == 0 &&
		    st->tok[i][len] == '\0')
			return i;
	if (st->ntok == TOK_MAX - 1) {
		str_lcpy(st->tok[i], "(other)", TOK_LEN);
		st->ntok++;
		return i;
	}
	if (st->ntok == TOK_MAX)
		return TOK_MAX - 1;
	memcpy(st->tok[i], tok, len);
	st->tok[i][len] = '\0';
	st->ntok++;
	return i;
}

static void
series_add(struct stats *st, struct series *s, long key, size_t tok)
{
	size_t lo = 0, hi = s->n, mid;
	struct bucket *b;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->b[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == s->n || s->b[lo].key != key) {
		if (s->n == s->cap) {
			b = xrealloc(st, s->b, s->cap == 0 ? 64 : s->cap * 2,
			    sizeof(*b));
			if (b == NULL)
				return;
			s->b = b;
			s->cap = s->cap == 0 ? 64 : s->cap * 2;
		}
		memmove(s->b + lo + 1, s->b + lo, (s->n - lo) * sizeof(*b));
		memset(&s->b[lo], 0, sizeof(*b));
		s->b[lo].key = key;
		s->n++;
	}
	s->b[lo].n[tok]++;
}

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (n-- > 0) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

static bool
htab_grow(struct stats *st, struct htab *t)
{
	struct hent *old = t->e;
	size_t oldcap = t->cap, i, j, cap = oldcap == 0 ? 256 : oldcap * 2;

	if ((t->e = xrealloc(st, NULL, cap, sizeof(*t->e))) == NULL) {
		t->e = old;
		return false;
	}
	memset(t->e, 0, cap * sizeof(*t->e));
	t->cap = cap;
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		j = hash(old[i].key, strlen(old[i].key)) & (cap - 1);
		while (t->e[j].key != NULL)
			j = (j + 1) & (cap - 1);
		t->e[j] = old[i];
	}
	free(old);
	return true;
}

static void
htab_add(struct stats *st, struct htab *t, const char *key, size_t n)
{
	size_t j;

	if ((t->n + 1) * 10 > t->cap * 7 && !htab_grow(st, t))
		return;
	j = hash(key, n) & (t->cap - 1);
	while (t->e[j].key != NULL) {
		if (strncmp(t->e[j].key, key, n) == 0 &&
		    t->e[j].key[n] == '\0') {
			t->e[j].n++;
			return;
		}
		j = (j + 1) & (t->cap - 1);
	}
	if ((t->e[j].key = str_ndup(key, n)) == NULL) {
		st->oom = true;
		return;
	}
	t->e[j].n = 1;
	t->n++;
}

static void
htab_free(struct htab *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->e[i].key);
	free(t->e);
}

/* ---- dates ---- */

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static long
days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static const char months[12][4] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

static int
num(const char *p, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* Skip one space-free word and the spaces after it. */
static const char *
skip_word(const char *p, const char *end)
{
	while (p < end && *p != ' ')
		p++;
	while (p < end && *p == ' ')
		p++;
	return p;
}

/*
 * Read a leading timestamp: *day and *hour are set (day UNDATED when the
 * line has none) and the position after it and the host is returned.
 */
static const char *
timestamp(const struct config *cf, const char *p, const char *end,
    long *day, int *hour)
{
	struct tm tm;
	time_t t;
	uint64_t v = 0;
	int mon = -1, mday, i, c;
	long y;

	*day = UNDATED;
	*hour = 0;
	if (end - p >= 26 && p[0] == '@' && p[25] == ' ') {	/* TAI64N */
		for (i = 1; i <= 16; i++) {
			c = tolower((unsigned char)p[i]);
			if (!isxdigit(c))
				return p;
			v = v << 4 | (uint64_t)(isdigit(c) ? c - '0' :
			    c - 'a' + 10);
		}
		t = (time_t)(int64_t)(v - TAI64_BASE);
		if (localtime_r(&t, &tm) == NULL)
			return p;
		*day = days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1,
		    tm.tm_mday);
		*hour = tm.tm_hour;
		return p + 26;
	}
	if (end - p >= 20 && p[4] == '-' && p[7] == '-' && p[10] == 'T' &&
	    p[13] == ':' && (y = num(p, 4)) >= 0 &&
	    (mon = num(p + 5, 2)) >= 1 && mon <= 12 &&
	    (mday = num(p + 8, 2)) >= 1 && mday <= 31 &&
	    (*hour = num(p + 11, 2)) >= 0 && *hour < 24) {	/* ISO */
		*day = days_from_civil(y, mon, mday);
		return skip_word(skip_word(p, end), end);
	}
	*hour = 0;
	mon = -1;
	if (end - p < 16 || p[3] != ' ' || p[6] != ' ' || p[9] != ':' ||
	    p[12] != ':' || p[15] != ' ')
		return p;
	for (i = 0; i < 12; i++)
		if (strncasecmp(p, months[i], 3) == 0)
			mon = i + 1;
	mday = num(p + (p[4] == ' ' ? 5 : 4), p[4] == ' ' ? 1 : 2);
	*hour = num(p + 7, 2);
	if (mon == -1 || mday < 1 || mday > 31 || *hour < 0 || *hour > 23) {
		*hour = 0;
		return p;
	}
	y = cf->year;
	if (y == 0) {		/* the year of a syslog date: files.md 13 */
		y = cf->today.tm_year + 1900L;
		if (mon > cf->today.tm_mon + 1 || (mon ==
		    cf->today.tm_mon + 1 && mday > cf->today.tm_mday))
			y--;
	}
	*day = days_from_civil(y, mon, mday);
	return skip_word(p + 16, end);
}

/* ---- decision lines ---- */

struct field {
	const char	*p;
	size_t		 n;
};

/* Find marker after *p; the field before it ends there. */
static bool
field(const char **p, const char *end, const char *marker,
    struct field *f)
{
	size_t mlen = strlen(marker);
	const char *q;

	for (q = *p; q + mlen <= end; q++)
		if (memcmp(q, marker, mlen) == 0) {
			f->p = *p;
			f->n = (size_t)(q - *p);
			*p = q + mlen;
			return true;
		}
	return false;
}

static void
decision(struct stats *st, const struct config *cf, const char *p,
    const char *end, long day, int hour)
{
	static const char *const markers[] = { " from: ", " to: ",
	    " origin_ip: ", " origin_rdns: ", " auth: ", " encryption: ",
	    " reason: " };
	struct field f[nitems(markers)];
	const char *q = p;
	size_t i, tok;

	/* TOKEN: an upper-case word (session.md 4.3) */
	if (q == end || !isupper((unsigned char)*q))
		return;
	while (q < end && (isupper((unsigned char)*q) ||
	    isdigit((unsigned char)*q) || *q == '_'))
		q++;
	if (q == end || *q != ' ')
		return;
	for (i = 0; i < nitems(markers); i++) {
		if (!field(&q, end, markers[i], &f[i]))
			return;
		if (i == 0 && f[0].n != 0)	/* from: right after TOKEN */
			return;
	}
	st->decisions++;
	tok = token_index(st, p, f[0].p - p);
	st->total[tok]++;
	series_add(st, &st->days, day, tok);
	if (day != UNDATED)
		series_add(st, &st->chart, cf->hours ? day * 24 + hour : day,
		    tok);
	if (strncmp(p, "DENIED_", 7) == 0) {
		/* f[i] ends at markers[i]: f[1] is the sender */
		htab_add(st, &st->sender, f[1].p, f[1].n);
		htab_add(st, &st->ip, f[3].p, f[3].n);
		htab_add(st, &st->rdns, f[4].p, f[4].n);
	}
}

static void
line(struct stats *st, const struct config *cf, const char *p,
    const char *end)
{
	const char *q;
	long day;
	int hour;

	st->lines++;
	if (end > p && end[-1] == '\r')
		end--;
	p = timestamp(cf, p, end, &day, &hour);
	if (end - p >= 9 && memcmp(p, "spamdyke", 8) == 0) {
		q = p + 8;
		if (*q == '[') {
			while (++q < end && isdigit((unsigned char)*q))
				;
			if (q < end && *q == ']')
				q++;
		}
		if (end - q >= 2 && q[0] == ':' && q[1] == ' ')
			p = q + 2;
	}
	decision(st, cf, p, end, day, hour);
}

static int
read_input(struct stats *st, const struct config *cf, const char *name)
{
	struct input in;
	const char *p, *end;
	int r;

	if (input_open(&in, name) == -1)
		return -1;
	st->files++;
	while ((r = input_line(&in, &p, &end)) == 1)
		line(st, cf, p, end);
	return input_close(&in, r == -1);
}

/* ---- the report ---- */

static int
cmp_token(const void *a, const void *b, const struct stats *st)
{
	const char *x = st->tok[*(const size_t *)a];
	const char *y = st->tok[*(const size_t *)b];

	/* ALLOWED first, "(other)" last, the rest by name */
	if (strcmp(x, "ALLOWED") == 0 || strcmp(y, "(other)") == 0)
		return strcmp(x, y) == 0 ? 0 : -1;
	if (strcmp(y, "ALLOWED") == 0 || strcmp(x, "(other)") == 0)
		return 1;
	return strcmp(x, y);
}

/* Token indexes in report order (insertion sort: at most TOK_MAX). */
static void
token_order(const struct stats *st, size_t *ord)
{
	size_t i, j, t;

	for (i = 0; i < st->ntok; i++) {
		ord[i] = i;
		for (j = i; j > 0 && cmp_token(&ord[j - 1], &ord[j], st) > 0;
		    j--) {
			t = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
	}
}

static void
day_label(long day, char *out, size_t outlen)
{
	long y;
	int m, d;

	if (day == UNDATED) {
		str_lcpy(out, "(undated)", outlen);
		return;
	}
	civil_from_days(day, &y, &m, &d);
	snprintf(out, outlen, "%04ld-%02d-%02d", y % 100000, m, d);
}

static int
cmp_hent(const void *a, const void *b)
{
	const struct hent *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void
print_top(struct stats *st, struct htab *t, size_t top, const char *what)
{
	struct hent *v;
	char esc[1024];
	size_t i, n = 0;

	printf("\nTop %zu %s refused:\n", top, what);
	if (t->n == 0 || (v = xrealloc(st, NULL, t->n, sizeof(*v))) == NULL) {
		printf("%8s  (none)\n", "");
		return;
	}
	for (i = 0; i < t->cap; i++)
		if (t->e[i].key != NULL)
			v[n++] = t->e[i];
	qsort(v, n, sizeof(*v), cmp_hent);
	for (i = 0; i < n && i < top; i++)
		printf("%8lu  %s\n", v[i].n, str_escape(esc, sizeof(esc),
		    v[i].key, strlen(v[i].key)));
	free(v);
}

static void
report(struct stats *st, const struct config *cf)
{
	size_t ord[TOK_MAX], i, j;
	unsigned long all = 0;
	char first[24], last[24], day[24];
	const struct series *d = &st->days;

	token_order(st, ord);
	printf("Inputs: %lu\nLines: %lu\nDecision lines: %lu\n", st->files,
	    st->lines, st->decisions);
	/* UNDATED sorts first */
	i = d->n > 0 && d->b[0].key == UNDATED ? 1 : 0;
	if (i < d->n) {
		day_label(d->b[i].key, first, sizeof(first));
		day_label(d->b[d->n - 1].key, last, sizeof(last));
		printf("Period: %s to %s\n", first, last);
	}
	printf("\nDecisions per day:\n");
	for (i = 0; i < d->n; i++) {
		/* dated days first, then the undated lines */
		const struct bucket *b = &d->b[(i + (d->b[0].key == UNDATED)) %
		    d->n];

		day_label(b->key, day, sizeof(day));
		for (j = 0; j < st->ntok; j++)
			if (b->n[ord[j]] > 0)
				printf("%-10s  %-32s %8lu\n", day,
				    st->tok[ord[j]], b->n[ord[j]]);
	}
	printf("\nDecisions in total:\n");
	for (j = 0; j < st->ntok; j++)
		all += st->total[j];
	for (j = 0; j < st->ntok; j++)
		printf("%-32s %8lu %6.1f%%\n", st->tok[ord[j]],
		    st->total[ord[j]], 100.0 * (double)st->total[ord[j]] /
		    (double)all);
	printf("%-32s %8lu %6.1f%%\n", "all", all, all > 0 ? 100.0 : 0.0);
	print_top(st, &st->ip, cf->top, "client IPs");
	print_top(st, &st->rdns, cf->top, "rDNS names");
	print_top(st, &st->sender, cf->top, "senders");
}

/* ---- the chart ---- */

#define SVG_LEFT	100
#define SVG_TOP		60
#define SVG_PLOT_H	300
#define SVG_BOTTOM	120
#define SVG_LEGEND_W	260
#define SVG_ROW		18

/* ALLOWED green; refusals in colours that stay apart side by side. */
static const char *const palette[] = {
	"#c62828", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457",
	"#9e9d24", "#4e342e", "#283593", "#d84315", "#00695c", "#f9a825",
	"#37474f", "#7b1fa2", "#0277bd", "#827717", "#bf360c", "#880e4f",
};

struct chart {
	size_t		 tok[TOK_MAX];	/* series: token indexes, bottom up */
	const char	*color[TOK_MAX];
	unsigned long	 sum[TOK_MAX];	/* decisions charted per series */
	size_t		 ntok;
	long		 first;		/* key of the first bar */
	size_t		 nbars;
	double		 step;		/* px per bar */
	long		 ymax, ytick;
	int		 plot_w, width, height;
};

static void
xml_puts(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '&':
			fputs("&amp;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		default:
			if ((unsigned char)*s >= 0x20 &&
			    (unsigned char)*s < 0x7f)
				fputc(*s, fp);
		}
}

static void
bar_label(const struct config *cf, long key, char *out, size_t outlen)
{
	char day[24];
	long h = 0;

	if (cf->hours) {
		h = ((key % 24) + 24) % 24;
		key = (key - h) / 24;
	}
	day_label(key, day, sizeof(day));
	if (cf->hours)
		snprintf(out, outlen, "%s %02ld:00", day, h);
	else
		str_lcpy(out, day, outlen);
}

/* Series, scale and size; false when there is nothing to draw. */
static bool
chart_layout(const struct stats *st, struct chart *c)
{
	const struct series *s = &st->chart;
	size_t ord[TOK_MAX], i, j, refusal = 0;
	unsigned long max = 0, sum;
	long mag;

	memset(c, 0, sizeof(*c));
	token_order(st, ord);
	for (i = 0; i < st->ntok; i++) {
		/* TLS_ENCRYPTED tells of a passthrough, not of a message. */
		if (strcmp(st->tok[ord[i]], "TLS_ENCRYPTED") == 0)
			continue;
		for (j = 0; j < s->n && s->b[j].n[ord[i]] == 0; j++)
			;
		if (j == s->n)
			continue;
		c->tok[c->ntok] = ord[i];
		c->color[c->ntok++] = strcmp(st->tok[ord[i]], "ALLOWED") == 0 ?
		    "#2e7d32" : palette[refusal++ % nitems(palette)];
	}
	if (s->n == 0 || c->ntok == 0)
		return false;
	c->first = s->b[0].key;
	c->nbars = (size_t)(s->b[s->n - 1].key - c->first) + 1;
	for (i = 0; i < s->n; i++) {
		for (sum = 0, j = 0; j < c->ntok; j++) {
			sum += s->b[i].n[c->tok[j]];
			c->sum[j] += s->b[i].n[c->tok[j]];
		}
		if (sum > max)
			max = sum;
	}
	/* A tick of 1, 2 or 5 times a power of ten; five ticks or fewer. */
	for (mag = 1;; mag *= 10)
		if ((c->ytick = mag) * 5 >= (long)max ||
		    (c->ytick = 2 * mag) * 5 >= (long)max ||
		    (c->ytick = 5 * mag) * 5 >= (long)max)
			break;
	c->ymax = c->ytick * 5;
	c->step = 720.0 / (double)c->nbars;
	if (c->step > 48)
		c->step = 48;
	if (c->step < 2)
		c->step = 2;
	c->plot_w = (int)(c->step * (double)c->nbars + 0.5);
	if (c->plot_w < 240)
		c->plot_w = 240;
	c->width = SVG_LEFT + c->plot_w + 30 + SVG_LEGEND_W;
	c->height = SVG_TOP + SVG_PLOT_H + SVG_BOTTOM;
	if (c->height < SVG_TOP + (int)c->ntok * SVG_ROW + 40)
		c->height = SVG_TOP + (int)c->ntok * SVG_ROW + 40;
	return true;
}

static void
chart_axes(FILE *fp, const struct stats *st, const struct config *cf,
    const struct chart *c)
{
	char label[32];
	size_t i, every;
	long v;
	double y, x;

	for (v = 0; v <= c->ymax; v += c->ytick) {
		y = SVG_TOP + SVG_PLOT_H - (double)v * SVG_PLOT_H /
		    (double)c->ymax;
		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
		    "y2=\"%.1f\" stroke=\"#ccc\"/>\n", SVG_LEFT, y,
		    SVG_LEFT + c->plot_w, y);
		fprintf(fp, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
		    "%ld</text>\n", SVG_LEFT - 6, y + 4, v);
	}
	fprintf(fp, "<text transform=\"translate(16,%d) rotate(-90)\" "
	    "text-anchor=\"middle\">decisions</text>\n",
	    SVG_TOP + SVG_PLOT_H / 2);
	every = (c->nbars + 29) / 30;	/* at most 30 labels */
	for (i = 0; i < c->nbars; i += every) {
		bar_label(cf, c->first + (long)i, label, sizeof(label));
		x = SVG_LEFT + c->step * ((double)i + 0.5);
		fprintf(fp, "<text transform=\"translate(%.1f,%d) "
		    "rotate(-45)\" text-anchor=\"end\">%s</text>\n", x,
		    SVG_TOP + SVG_PLOT_H + 14, label);
	}
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#000\"/>\n", SVG_LEFT, SVG_TOP + SVG_PLOT_H,
	    SVG_LEFT + c->plot_w, SVG_TOP + SVG_PLOT_H);
	for (i = 0; i < c->ntok; i++) {
		y = SVG_TOP + (double)i * SVG_ROW;
		x = SVG_LEFT + c->plot_w + 30;
		fprintf(fp, "<rect class=\"legend\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"12\" height=\"12\" fill=\"%s\"/>\n", x, y,
		    c->color[i]);
		fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\">", x + 18, y + 11);
		xml_puts(fp, st->tok[c->tok[i]]);
		fprintf(fp, " (%lu)</text>\n", c->sum[i]);
	}
}

static void
chart_bars(FILE *fp, const struct stats *st, const struct config *cf,
    const struct chart *c)
{
	const struct series *s = &st->chart;
	char label[32];
	size_t i, j;
	double x, y, h, w = c->step * 0.8 < 1 ? 1 : c->step * 0.8;
	unsigned long n;

	for (i = 0; i < s->n; i++) {
		x = SVG_LEFT + c->step * (double)(s->b[i].key - c->first) +
		    (c->step - w) / 2;
		y = SVG_TOP + SVG_PLOT_H;
		bar_label(cf, s->b[i].key, label, sizeof(label));
		for (j = 0; j < c->ntok; j++) {
			if ((n = s->b[i].n[c->tok[j]]) == 0)
				continue;
			h = (double)n * SVG_PLOT_H / (double)c->ymax;
			y -= h;
			fprintf(fp, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
			    "<title>%s ", x, y, w, h, c->color[j], label);
			xml_puts(fp, st->tok[c->tok[j]]);
			fprintf(fp, ": %lu</title></rect>\n", n);
		}
	}
}

static int
write_svg(const struct stats *st, const struct config *cf, const char *path)
{
	struct chart c;
	FILE *fp;
	bool data;
	char first[32], last[32];

	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "spamdyke-logstats: cannot write %s: %s\n",
		    path, strerror(errno));
		return -1;
	}
	data = chart_layout(st, &c);
	if (data && c.nbars > CHART_MAX) {
		fprintf(stderr, "spamdyke-logstats: %zu bars are too many for "
		    "a chart (at most %d)%s\n", c.nbars, CHART_MAX,
		    cf->hours ? "; try -b day" : "");
		data = false;
	}
	if (!data) {
		c.width = 480;
		c.height = 120;
	}
	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"sans-serif\" font-size=\"11\">\n",
	    c.width, c.height, c.width, c.height);
	fprintf(fp, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	if (!data) {
		fprintf(fp, "<text x=\"20\" y=\"60\">no dated decision lines"
		    "</text>\n</svg>\n");
	} else {
		bar_label(cf, c.first, first, sizeof(first));
		bar_label(cf, c.first + (long)c.nbars - 1, last, sizeof(last));
		fprintf(fp, "<text x=\"%d\" y=\"24\" font-size=\"16\">"
		    "spamdyke decisions per %s</text>\n", SVG_LEFT,
		    cf->hours ? "hour" : "day");
		fprintf(fp, "<text x=\"%d\" y=\"42\">%s to %s</text>\n",
		    SVG_LEFT, first, last);
		chart_axes(fp, st, cf, &c);
		chart_bars(fp, st, cf, &c);
		fprintf(fp, "</svg>\n");
	}
	if (fclose(fp) == EOF) {
		fprintf(stderr, "spamdyke-logstats: cannot write %s: %s\n",
		    path, strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- main ---- */

static void
stats_free(struct stats *st)
{
	htab_free(&st->ip);
	htab_free(&st->rdns);
	htab_free(&st->sender);
	free(st->days.b);
	free(st->chart.b);
	free(st);
}

static bool
parse_num(const char *s, long lo, long hi, long *v)
{
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*v = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && *v >= lo && *v <= hi;
}

int
main(int argc, char *argv[])
{
	struct config cf = { 0, false, TOP_DEFAULT, { 0 } };
	struct stats *st;
	const char *svg = NULL;
	time_t now = time(NULL);
	long v;
	int c, i, rc = 0;

	while ((c = getopt(argc, argv, "b:hn:s:y:")) != -1)
		switch (c) {
		case 'b':
			if (strcmp(optarg, "hour") != 0 &&
			    strcmp(optarg, "day") != 0)
				goto usage;
			cf.hours = strcmp(optarg, "hour") == 0;
			break;
		case 'n':
			if (!parse_num(optarg, 1, 1000000, &v))
				goto usage;
			cf.top = (size_t)v;
			break;
		case 's':
			svg = optarg;
			break;
		case 'y':
			if (!parse_num(optarg, 1970, 9999, &v))
				goto usage;
			cf.year = (int)v;
			break;
		case 'h':
			util_usage(usage);
			return 0;
		default:
			goto usage;
		}
	if (localtime_r(&now, &cf.today) == NULL ||
	    (st = calloc(1, sizeof(*st))) == NULL) {
		fprintf(stderr, "spamdyke-logstats: out of memory\n");
		return 1;
	}
	if (optind == argc)
		rc |= read_input(st, &cf, "-");
	for (i = optind; i < argc; i++)
		rc |= read_input(st, &cf, argv[i]);
	if (st->oom)
		fprintf(stderr, "spamdyke-logstats: out of memory, counts are "
		    "incomplete\n");
	report(st, &cf);
	if (svg != NULL)
		rc |= write_svg(st, &cf, svg);
	if (st->oom)
		rc = -1;
	stats_free(st);
	return rc != 0 ? 1 : 0;
usage:
	util_usage(usage);
	return 2;
}
