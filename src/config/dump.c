/*
 * dump.c - the effective configuration as "name=value" lines, for the
 * CURRENT CONFIG block of the full session log (files.md 10): only
 * options that differ from their default, booleans and integers as
 * numbers, one line per list element and per keyword of a set.
 * Passwords are masked (STYLE.md 8: never log passwords).
 * Entry point: opt_dump.
 */
#include <stdbool.h>

#include "config/optint.h"
#include "config/options.h"
#include "util/buf.h"

static const char *
kw_name(const struct opt_row *r, int value)
{
	size_t k;

	for (k = 0; k < r->nkw; k++)
		if (r->kw[k].value == value)
			return r->kw[k].name;
	return "?";
}

static void
dump_set(const struct opt_row *r, unsigned v, struct buf *b)
{
	size_t k;

	if (v == 0) {
		/* Differs from a non-empty default: show "none"/"first". */
		for (k = 0; k < r->nkw; k++)
			if (r->kw[k].value == 0)
				buf_printf(b, "%s=%s\n", r->name,
				    r->kw[k].name);
		return;
	}
	for (k = 0; k < r->nkw; k++)
		if (r->kw[k].value != 0 && (v & (unsigned)r->kw[k].value))
			buf_printf(b, "%s=%s\n", r->name, r->kw[k].name);
}

static void
dump_row(const struct options *opt, const struct opt_row *r, struct buf *b)
{
	const void *f = opt_cfield(opt, r);
	const struct strlist *l;
	const char *s;
	size_t k;

	switch (r->arg) {
	case OA_NONE:
		break;
	case OA_FLAG:
		if (*(const bool *)f != (r->def != 0))
			buf_printf(b, "%s=%d\n", r->name, *(const bool *)f);
		break;
	case OA_N:
		if (*(const long *)f != r->def)
			buf_printf(b, "%s=%ld\n", r->name, *(const long *)f);
		break;
	case OA_KEYWORD:
		if (*(const int *)f != r->def)
			buf_printf(b, "%s=%s\n", r->name,
			    kw_name(r, *(const int *)f));
		break;
	case OA_KEYSET:
		if (*(const unsigned *)f != (unsigned)r->def)
			dump_set(r, *(const unsigned *)f, b);
		break;
	default:
		if (r->rep == OR_LIST) {
			l = f;
			for (k = 0; k < l->n; k++)
				buf_printf(b, "%s=%s\n", r->name, l->v[k]);
		} else if ((s = *(char *const *)f) != NULL)
			buf_printf(b, "%s=%s\n", r->name,
			    (r->flags & OPT_F_SECRET) ? "********" : s);
		break;
	}
}

void
opt_dump(const struct options *opt, struct buf *b)
{
	const struct opt_row *r;
	size_t i;

	for (i = 0; (r = opt_row_at(i)) != NULL; i++)
		if (r->alias_of == NULL)
			dump_row(opt, r, b);
}
