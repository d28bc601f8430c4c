/*
 * parse.c - value parsers: turn one (option, value) pair into a change of
 * struct options, the same way for the command line, global files and
 * configuration-directory files (options.md 1.5, 1.6; files.md 1.2).
 *
 * Also the post-parse steps: dependent defaults and the path defaults of
 * never-mentioned options.  Whether an option may appear at a place is
 * checked by the callers (opt_set, cmdline.c, file.c).
 * Entry points: opt_apply, opt_set, opt_post_parse, opt_finish.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/optint.h"
#include "config/options.h"
#include "log/log.h"
#include "util/str.h"

#ifndef QMAIL_HOME
#define QMAIL_HOME	"/var/qmail"
#endif

static const char *qmail_control = QMAIL_HOME "/control";
static const char *resolv_conf = "/etc/resolv.conf";

void
opt_set_default_paths(const char *qmail_control_dir)
{
	qmail_control = qmail_control_dir;
}

void
opt_set_default_resolv_conf(const char *path)
{
	resolv_conf = path;
}

/* strlist */

bool
opt_list_has(const struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

int
opt_list_add(struct strlist *l, const char *s)
{
	char **nv;
	size_t ncap;

	if (opt_list_has(l, s))	/* exact duplicates are dropped */
		return 0;
	if (l->n == l->cap) {
		ncap = l->cap ? l->cap * 2 : 4;
		if (ncap > SIZE_MAX / sizeof(*nv) ||
		    (nv = realloc(l->v, ncap * sizeof(*nv))) == NULL)
			return -1;
		l->v = nv;
		l->cap = ncap;
	}
	if ((l->v[l->n] = str_dup(s)) == NULL)
		return -1;
	l->n++;
	return 0;
}

void
opt_list_remove(struct strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0) {
			free(l->v[i]);
			memmove(&l->v[i], &l->v[i + 1],
			    (l->n - i - 1) * sizeof(*l->v));
			l->n--;
			return;
		}
}

void
opt_list_clear(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

int
opt_list_copy(struct strlist *dst, const struct strlist *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		if (opt_list_add(dst, src->v[i]) == -1)
			return -1;
	return 0;
}

/* Value parsers; each returns 0 or -1 with the message in err. */

struct ctx {
	struct options		*opt;
	const struct opt_row	*r;
	size_t			 i;
	unsigned		 where;
	const char		*loc;
	char			*err;
	size_t			 errlen;
};

static int
fail(struct ctx *c, const char *what, const char *value)
{
	snprintf(c->err, c->errlen, "%s for option %s: %s%s", what,
	    c->r->name, value, c->loc);
	return -1;
}

static int
missing(struct ctx *c)
{
	snprintf(c->err, c->errlen, "Missing value for option %s%s",
	    c->r->name, c->loc);
	return -1;
}

static int
bad_keyword(struct ctx *c, const char *value)
{
	size_t k, n;

	n = (size_t)snprintf(c->err, c->errlen,
	    "Illegal value for option %s: %s (must be one of ", c->r->name,
	    value);
	for (k = 0; k < c->r->nkw && n < c->errlen; k++)
		n += (size_t)snprintf(c->err + n, c->errlen - n, "%s%s",
		    k ? ", " : "", c->r->kw[k].name);
	if (n < c->errlen)
		snprintf(c->err + n, c->errlen - n, ")%s", c->loc);
	return -1;
}

static const struct opt_kw *
find_kw(const struct opt_row *r, const char *word)
{
	size_t k;

	for (k = 0; k < r->nkw; k++)
		if (str_eq_ci(r->kw[k].name, word))	/* options.md 0 */
			return &r->kw[k];
	return NULL;
}

static int
parse_flag(struct ctx *c, const char *value)
{
	bool *f = opt_field(c->opt, c->r);

	/*
	 * Improvement: a value-less FLAG that already holds true is
	 * accepted silently (5.0.1 reports an error, options.md 1.6).
	 */
	if (value == NULL) {
		*f = true;
		return 0;
	}
	if (value[0] != '\0' && strchr("1tTyY", value[0]) != NULL)
		*f = true;
	else if (value[0] != '\0' && strchr("0fFnN", value[0]) != NULL)
		*f = false;
	else
		return fail(c, "Bad or unparsable value", value);
	return 0;
}

static int
parse_num(struct ctx *c, const char *value)
{
	char *end;
	long v;

	if (value == NULL || value[0] == '\0')
		return missing(c);
	errno = 0;
	v = strtol(value, &end, 10);	/* leading blanks, sign allowed */
	if (end == value)
		return fail(c, "Bad or unparsable value", value);
	if (errno == ERANGE || v < c->r->min || v > c->r->max) {
		snprintf(c->err, c->errlen, "Illegal value for option %s: %s "
		    "(must be between %ld and %ld)%s", c->r->name, value,
		    c->r->min, c->r->max, c->loc);
		return -1;
	}
	/* Improvement: warn about trailing garbage, keep accepting it. */
	if (*end != '\0')
		log_error("ignoring trailing characters in value for option "
		    "%s: %s%s", c->r->name, value, c->loc);
	*(long *)opt_field(c->opt, c->r) = v;
	return 0;
}

static int
parse_keyword(struct ctx *c, const char *value)
{
	int *f = opt_field(c->opt, c->r);
	const struct opt_kw *k;

	if (value == NULL) {
		/* Only log-level: bare on the command line means info. */
		if ((c->r->flags & OPT_F_OPTARG) && c->where == OPT_WHERE_C) {
			*f = (int)c->r->min;
			return 0;
		}
		return missing(c);
	}
	if (value[0] == '\0')
		return missing(c);
	if (strcmp(value, "!!!") == 0) {
		/*
		 * files.md 1.2 leaves the option at 0 until the end of the
		 * file; nothing reads it in between, so reset right away.
		 */
		*f = (int)c->r->def;
		return 0;
	}
	if (value[0] == '!') {
		/* Improvement: !word resets when the value is word. */
		if ((k = find_kw(c->r, value + 1)) == NULL)
			return bad_keyword(c, value);
		if (*f == k->value)
			*f = (int)c->r->def;
		return 0;
	}
	if ((k = find_kw(c->r, value)) == NULL)
		return bad_keyword(c, value);
	*f = k->value;
	return 0;
}

static int
parse_keyset(struct ctx *c, const char *value)
{
	unsigned *f = opt_field(c->opt, c->r);
	unsigned base;
	const struct opt_kw *k;

	if (value == NULL || value[0] == '\0')
		return missing(c);
	/* The built-in set is dropped once the option is given at all. */
	base = c->opt->mentioned[c->i] ? *f : 0;
	if (strcmp(value, "!!!") == 0) {
		*f = 0;
		return 0;
	}
	if (value[0] == '!') {
		if ((k = find_kw(c->r, value + 1)) == NULL)
			return bad_keyword(c, value);
		*f = base & ~(unsigned)k->value;
		return 0;
	}
	if ((k = find_kw(c->r, value)) == NULL)
		return bad_keyword(c, value);
	/* The keyword worth 0 (none, first) empties the set. */
	*f = k->value == 0 ? 0 : base | (unsigned)k->value;
	return 0;
}

/* The stored form of a text value: CMD commas, DIR slashes. */
static char *
normalize(const struct opt_row *r, const char *value)
{
	char *s, *p;
	size_t n;

	if ((s = str_dup(value)) == NULL)
		return NULL;
	if (r->arg == OA_CMD)
		for (p = s; *p != '\0'; p++)
			if (*p == ',')
				*p = ' ';
	if (r->arg == OA_DIR)
		for (n = strlen(s); n > 1 && s[n - 1] == '/'; n--)
			s[n - 1] = '\0';
	return s;
}

static int
nomem(struct ctx *c)
{
	snprintf(c->err, c->errlen, "out of memory while setting option %s",
	    c->r->name);
	return -1;
}

static int
parse_string(struct ctx *c, const char *value)
{
	char **f = opt_field(c->opt, c->r);
	char *s;

	if (value == NULL || value[0] == '\0')
		return missing(c);	/* Improvement: 5.0.1 stores "" */
	if (strcmp(value, "!!!") == 0) {
		free(*f);
		*f = NULL;
		return 0;
	}
	if ((s = normalize(c->r, value[0] == '!' ? value + 1 : value)) == NULL)
		return nomem(c);
	if (value[0] == '!') {
		if (*f != NULL && strcmp(*f, s) == 0) {
			free(*f);
			*f = NULL;
		}
		free(s);
		return 0;
	}
	if (c->r->maxlen > 0 && strlen(s) > c->r->maxlen) {
		log_error("value for option %s is longer than %zu characters, "
		    "truncated: %s%s", c->r->name, c->r->maxlen, value, c->loc);
		s[c->r->maxlen] = '\0';
	}
	free(*f);
	*f = s;
	return 0;
}

static int
parse_list(struct ctx *c, const char *value)
{
	struct strlist *l = opt_field(c->opt, c->r);
	char *s;
	int rc = 0;

	if (value == NULL || value[0] == '\0')
		return missing(c);	/* Improvement: 5.0.1 adds "" */
	if (strcmp(value, "!!!") == 0) {
		opt_list_clear(l);
		return 0;
	}
	if ((s = normalize(c->r, value[0] == '!' ? value + 1 : value)) == NULL)
		return nomem(c);
	if (value[0] == '!')
		opt_list_remove(l, s);
	else if (opt_list_add(l, s) == -1)
		rc = nomem(c);
	free(s);
	return rc;
}

int
opt_apply(struct options *opt, size_t i, const char *value, unsigned where,
    const char *loc, char *err, size_t errlen)
{
	struct ctx c = { opt, opt_row_at(i), i, where, loc, err, errlen };
	int rc;

	switch (c.r->arg) {
	case OA_NONE:
		if (value != NULL) {
			snprintf(err, errlen, "Option %s does not take a "
			    "value: %s%s", c.r->name, value, loc);
			return -1;
		}
		*(bool *)opt_field(opt, c.r) = true;
		rc = 0;
		break;
	case OA_FLAG:
		rc = parse_flag(&c, value);
		break;
	case OA_N:
		rc = parse_num(&c, value);
		break;
	case OA_KEYWORD:
		rc = parse_keyword(&c, value);
		break;
	case OA_KEYSET:
		rc = parse_keyset(&c, value);
		break;
	default:
		rc = c.r->rep == OR_LIST ? parse_list(&c, value) :
		    parse_string(&c, value);
		break;
	}
	/* Mentioning counts even with !!! (files.md 1.3). */
	if (rc == 0)
		opt_mark(opt, i, where);
	return rc;
}

int
opt_set(struct options *opt, const char *name, const char *value,
    unsigned where, char *err, size_t errlen)
{
	long idx = opt_index(name);
	size_t i;

	if (idx < 0) {
		snprintf(err, errlen, "Unknown option: %s", name);
		return -1;
	}
	i = opt_canon((size_t)idx);
	if ((opt_row_at(i)->where & where) == 0) {
		snprintf(err, errlen, "Option not allowed here: %s", name);
		return -1;
	}
	return opt_apply(opt, i, value, where, "", err, errlen);
}

void
opt_post_parse(struct options *opt)
{
	/* options.md 2.10: smtp-auth-command makes the default ondemand. */
	if (opt_mentioned(opt, "smtp-auth-level") == 0)
		opt->smtp_auth_level = opt->smtp_auth_command.n > 0 ?
		    AL_ONDEMAND : AL_OBSERVE;
}

/* Add path as the default of list option name when the path exists. */
static void
path_default(struct options *opt, const char *name, const char *dir,
    const char *file)
{
	const struct opt_row *r = opt_row_by_name(name);
	struct strlist *l;
	struct stat st;
	char path[PATH_MAX];
	int n;

	if (r == NULL)
		log_panic("option table: no row %s", name);
	l = opt_field(opt, r);
	if (opt_mentioned(opt, name) != 0 || l->n > 0)
		return;
	if (dir != NULL)
		n = snprintf(path, sizeof(path), "%s/%s", dir, file);
	else
		n = snprintf(path, sizeof(path), "%s", file);
	if (n < 0 || (size_t)n >= sizeof(path) || stat(path, &st) == -1)
		return;
	if (opt_list_add(l, path) == -1)
		log_error("out of memory - unable to allocate %zu bytes",
		    strlen(path) + 1);
}

void
opt_finish(struct options *opt)
{
	opt_post_parse(opt);
	path_default(opt, "qmail-rcpthosts-file", qmail_control, "rcpthosts");
	path_default(opt, "qmail-morercpthosts-cdb", qmail_control,
	    "morercpthosts.cdb");
	path_default(opt, "dns-resolv-conf", NULL, resolv_conf);
}
