/*
 * file.c - configuration files (files.md 1, options.md 1.2): the line
 * syntax, the include order of 5.0.1, and the two error regimes: F
 * (global files, first error is fatal) and D (configuration-directory
 * files, every error logged and the line skipped).
 *
 * Values are applied by opt_apply() (parse.c); finding which directory
 * files apply to a recipient is dir.c's job.
 * Entry points: opt_read_config_files, opt_read_dir_file.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/optint.h"
#include "config/options.h"
#include "log/log.h"
#include "util/str.h"

#define CFG_LINE_MAX	65535	/* the rest is the next line */
#define CFG_LINES_MAX	65536	/* later lines are ignored silently */
#define CFG_READS_MAX	4096	/* reads per call (include bombs) */

/* Line reader: every single CR or LF ends a line (files.md 0). */
struct reader {
	FILE	*fp;
	char	 line[CFG_LINE_MAX + 1];
	size_t	 len;
	size_t	 lineno;	/* number of the line in line[] */
	size_t	 nterm;		/* line ends seen so far */
	bool	 eof;
};

/* 1 a line (maybe empty), 0 end of input, -1 read error (errno). */
static int
reader_next(struct reader *rd)
{
	int c;

	if (rd->eof || rd->nterm >= CFG_LINES_MAX)
		return 0;
	rd->len = 0;
	rd->lineno = rd->nterm + 1;
	for (;;) {
		if ((c = getc(rd->fp)) == EOF) {
			if (ferror(rd->fp))
				return -1;
			rd->eof = true;
			rd->line[rd->len] = '\0';
			return rd->len > 0;
		}
		if (c == '\r' || c == '\n') {
			/* Compat: CR LF is a line and an empty line. */
			rd->nterm++;
			break;
		}
		rd->line[rd->len++] = (char)c;
		if (rd->len == CFG_LINE_MAX) {
			rd->nterm++;
			break;
		}
	}
	rd->line[rd->len] = '\0';
	return 1;
}

static bool
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/*
 * Split a line into name and value (files.md 1.1).  0 nothing to do
 * (blank, comment), 1 directive (*value NULL for a bare name), -1 syntax
 * error.  Trims the line in place; *trimmed is what an error shows.
 */
static int
split_line(char *line, size_t len, char **trimmed, char **name,
    char **value)
{
	char *s = line, *end = line + len, *nend;
	int c;

	if (memchr(line, '\0', len) != NULL)
		return -1;
	while (s < end && blank(*s))
		s++;
	while (end > s && blank(end[-1]))
		end--;
	*end = '\0';
	*trimmed = s;
	/* Improvement: an indented '#' starts a comment too. */
	if (*s == '\0' || *s == '#')
		return 0;
	*name = s;
	while (*s != '\0' && *s != '=' && *s != ' ' && *s != '\t')
		s++;
	if (s == *name)			/* line starts with '=' */
		return -1;
	nend = s;
	while (*s == ' ' || *s == '\t')
		s++;
	c = *s;
	*value = NULL;
	if (c == '\0') {
		*nend = '\0';
		return 1;
	}
	if (c != '=')			/* "name value" */
		return -1;
	s++;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')			/* "name=" */
		return -1;
	*nend = '\0';		/* only now: errors show the line */
	*value = s;
	return 1;
}

/* Apply one line; 0 done or nothing to do, 1 applied, -1 message in err. */
static int
do_line(struct options *opt, const char *path, struct reader *rd,
    unsigned where, char *err, size_t errlen)
{
	char *trimmed = rd->line, *name = NULL, *value = NULL;
	char loc[PATH_MAX + 64];
	long idx;
	size_t i;
	int rc;

	rc = split_line(rd->line, rd->len, &trimmed, &name, &value);
	if (rc <= 0) {
		if (rc == -1)
			snprintf(err, errlen, "Bad syntax in configuration "
			    "file %s on line %zu: %s", path, rd->lineno,
			    trimmed);
		return rc;
	}
	str_lower(name, strlen(name));
	if ((idx = opt_index(name)) < 0) {
		snprintf(err, errlen, "Unknown configuration file option in "
		    "file %s on line %zu: %s", path, rd->lineno, name);
		return -1;
	}
	i = opt_canon((size_t)idx);
	if ((opt_row_at(i)->where & where) == 0) {
		snprintf(err, errlen, "Option not allowed in configuration "
		    "file, found in file %s on line %zu: %s", path, rd->lineno,
		    name);
		return -1;
	}
	/* A bad value names the file and line at the end of the message. */
	snprintf(loc, sizeof(loc), " in file %s on line %zu", path,
	    rd->lineno);
	if (opt_apply(opt, i, value, where, loc, err, errlen) == -1)
		return -1;
	return 1;
}

/*
 * Read one file.  F: 0 or -1 at the first error.  D: every line error is
 * logged and skipped; -1 only when the file cannot be opened or read.
 * *applied counts the lines applied.
 */
static int
read_file(struct options *opt, const char *path, unsigned where,
    int *applied, char *err, size_t errlen)
{
	struct reader *rd;
	int rc = 0, n;

	if ((rd = calloc(1, sizeof(*rd))) == NULL) {
		snprintf(err, errlen, "out of memory - unable to allocate %zu "
		    "bytes", sizeof(*rd));
		return -1;
	}
	if ((rd->fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "unable to open config file %s: %s",
		    path, strerror(errno));
		free(rd);
		return -1;
	}
	while ((n = reader_next(rd)) == 1) {
		switch (do_line(opt, path, rd, where, err, errlen)) {
		case 1:
			(*applied)++;
			break;
		case -1:
			if (where != OPT_WHERE_D) {
				rc = -1;
				goto out;
			}
			log_error("%s", err);
			break;
		}
	}
	if (n == -1) {
		snprintf(err, errlen, "unable to read config file %s: %s",
		    path, strerror(errno));
		rc = -1;
	}
out:
	fclose(rd->fp);
	free(rd);
	return rc;
}

/* The chain of files being read, for loop protection (files.md 1.3). */
struct chain {
	const char		*path;
	const struct chain	*up;
};

static bool
in_chain(const struct chain *c, const char *path)
{
	for (; c != NULL; c = c->up)
		if (strcmp(c->path, path) == 0)
			return true;
	return false;
}

struct walk {
	struct options	*opt;
	unsigned	 where;
	int		 applied;
	int		 reads;
	char		*err;
	size_t		 errlen;
};

static int	walk_file(struct walk *, const char *, const struct chain *);

/*
 * Read the config-file entries that the file at c appended (those in the
 * list now that were not in old), depth-first, skipping files open higher
 * up.  D: an unreadable include is logged and skipped.
 */
static int
walk_includes(struct walk *w, const struct strlist *old,
    const struct chain *c)
{
	struct strlist added = { NULL, 0, 0 };
	size_t j;
	int rc = 0;

	for (j = 0; j < w->opt->config_file.n; j++) {
		const char *p = w->opt->config_file.v[j];

		if (!opt_list_has(old, p) && opt_list_add(&added, p) == -1) {
			snprintf(w->err, w->errlen, "out of memory");
			rc = -1;
			goto out;
		}
	}
	for (j = 0; j < added.n; j++) {
		if (in_chain(c, added.v[j]))
			continue;
		if (walk_file(w, added.v[j], c) == -1 &&
		    w->where != OPT_WHERE_D) {
			rc = -1;
			goto out;
		}
	}
out:
	opt_list_clear(&added);
	free(added.v);
	return rc;
}

static int
walk_file(struct walk *w, const char *path, const struct chain *up)
{
	struct strlist old = { NULL, 0, 0 };
	struct chain me = { NULL, up };
	char *copy;
	int rc = -1;

	if (++w->reads > CFG_READS_MAX) {
		snprintf(w->err, w->errlen, "too many configuration files "
		    "read, include loop? (at %s)", path);
		if (w->where == OPT_WHERE_D)
			log_error("%s", w->err);
		return -1;
	}
	/* The list may change under us; keep our own copies. */
	if ((copy = str_dup(path)) == NULL ||
	    opt_list_copy(&old, &w->opt->config_file) == -1) {
		snprintf(w->err, w->errlen, "out of memory");
		goto out;
	}
	me.path = copy;
	log_debug("reading configuration file %s", copy);
	if (read_file(w->opt, copy, w->where, &w->applied, w->err,
	    w->errlen) == -1) {
		if (w->where == OPT_WHERE_D)
			log_error("%s", w->err);
		goto out;
	}
	opt_post_parse(w->opt);
	rc = walk_includes(w, &old, &me);
out:
	opt_list_clear(&old);
	free(old.v);
	free(copy);
	return rc;
}

int
opt_read_config_files(struct options *opt, char *err, size_t errlen)
{
	struct walk w = { opt, OPT_WHERE_F, 0, 0, err, errlen };
	char *path;
	size_t i;
	int rc;

	/*
	 * Compat: the list grows while we walk it, so an included file is
	 * read again when the loop reaches it (-f A -f C, A includes B:
	 * A, B, C, B).
	 */
	for (i = 0; i < opt->config_file.n; i++) {
		if ((path = str_dup(opt->config_file.v[i])) == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		rc = walk_file(&w, path, NULL);
		free(path);
		if (rc == -1)
			return -1;
	}
	return 0;
}

int
opt_read_dir_file(struct options *opt, const char *path)
{
	char err[1024];
	struct walk w = { opt, OPT_WHERE_D, 0, 0, err, sizeof(err) };

	/* Errors were logged; -1 only when nothing could be read at all. */
	if (walk_file(&w, path, NULL) == -1 && w.applied == 0)
		return -1;
	return w.applied;
}
