/*
 * optint.h - shared between the files of src/config/ only; not a public
 * interface.  options.c owns the table, parse.c the value parsers,
 * cmdline.c the argv parser, file.c the configuration files, help.c the
 * usage text and dump.c the full-log dump.
 */
#ifndef SPAMDYKE_CONFIG_OPTINT_H
#define SPAMDYKE_CONFIG_OPTINT_H

#include <stdbool.h>
#include <stddef.h>

#include "config/options.h"

/* TEXT options limited to this many bytes (options.md 1.5). */
#define OPT_TEXT_MAX	100

/* Index of the row called name (exact, case-sensitive), or -1. */
long		 opt_index(const char *name);
/* Index of the canonical row behind row i (i itself unless an alias). */
size_t		 opt_canon(size_t i);
/* Record that row i (canonical index) was given at where. */
void		 opt_mark(struct options *, size_t i, unsigned where);
/* Address of the field of row r inside opt. */
void		*opt_field(struct options *, const struct opt_row *r);
const void	*opt_cfield(const struct options *, const struct opt_row *r);

/*
 * Apply value (NULL = none given) to canonical row i as if given at where;
 * does not check whether row i is allowed there.  loc ("" or " in file F
 * on line N") ends every message, in err and in logged warnings.  0 ok,
 * -1 message in err.
 */
int		 opt_apply(struct options *, size_t i, const char *value,
		    unsigned where, const char *loc, char *err, size_t errlen);

/* strlist helpers; the list owns its strings. */
/* Append a copy unless already there; 0 ok (also a duplicate), -1 ENOMEM. */
int		 opt_list_add(struct strlist *, const char *);
void		 opt_list_remove(struct strlist *, const char *);
void		 opt_list_clear(struct strlist *);
int		 opt_list_copy(struct strlist *dst, const struct strlist *);
bool		 opt_list_has(const struct strlist *, const char *);

#endif
