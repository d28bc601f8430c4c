/*
 * test_cdir.c - --config-test (files.md 12.2) of directory trees whose
 * layout carries meaning: the rDNS directories (files.md 4.2: TLD, one
 * character, domain, an optional third label) and the configuration
 * directories (config-dir: _ip_, _rdns_, _sender_, _recipient_, _at_).
 * Every object is checked against the position it holds; a name a
 * lookup can never produce is reported.  Each file of a configuration
 * directory is read under D rules and what it sets goes through the
 * option loop of test.c again, its findings marked with the file's
 * name.  Entry points: ct_sp_rdns_dir, ct_sp_config_dir.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/dir.h"
#include "config/optint.h"
#include "config/options.h"
#include "config/test_int.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/str.h"

/* ------------------------------------------ rDNS directories (4.2) */

struct rdir {
	const char	*tld;
	char		 c;
	const char	*sld;
	const char	*l3;
	bool		 bad;
};

/* Does name equal want or end with "." want? */
static bool
name_under(const char *name, const char *want)
{
	size_t n = strlen(name), m = strlen(want);

	return strcmp(name, want) == 0 ||
	    (n > m + 1 && name[n - m - 1] == '.' &&
	    strcmp(name + n - m, want) == 0);
}

static size_t
labels(const char *s)
{
	size_t n = 1;

	for (; *s != '\0'; s++)
		n += *s == '.';
	return n;
}

static void	rdir_level(struct ct *, const char *, const char *, int,
		    struct rdir *);

/* One object below an rDNS directory at level (1 = TLD directories). */
static void
rdir_entry(struct ct *ct, const char *name, const char *path,
    const char *base, int level, struct rdir *rd)
{
	struct stat st;
	char want[PATH_MAX];
	bool isdir, isreg;

	if (stat(path, &st) == -1) {
		ct_say(ct, K_ERROR, name, "Failed to stat %s: %s", path,
		    strerror(errno));
		rd->bad = true;
		return;
	}
	isdir = S_ISDIR(st.st_mode);
	isreg = S_ISREG(st.st_mode);
	if (!isdir && !isreg) {
		ct_say(ct, K_ERROR, name, "Neither a file nor a directory: %s",
		    path);
		rd->bad = true;
		return;
	}
	switch (level) {
	case 1:		/* TLD */
		if (!isdir)
			break;
		rd->tld = base;
		rdir_level(ct, name, path, 2, rd);
		return;
	case 2:		/* one character */
		if (!isdir || strlen(base) != 1)
			break;
		rd->c = base[0];
		rdir_level(ct, name, path, 3, rd);
		return;
	case 3:		/* second-level label, or a one-label name */
		if (isdir && base[0] == rd->c) {
			rd->sld = base;
			rdir_level(ct, name, path, 4, rd);
			return;
		}
		/* Improvement: L1/<first char of L1>/L1 is an entry. */
		if (isreg && strcmp(base, rd->tld) == 0 && base[0] == rd->c)
			return;
		break;
	case 4:		/* names of 2 or 3 labels, or the L3 directory */
		snprintf(want, sizeof(want), "%s.%s", rd->sld, rd->tld);
		if (isreg && name_under(base, want)) {
			if (labels(base) >= 4)
				ct_say(ct, K_WARNING, name, "%s never matches: "
				    "names of four or more labels belong in "
				    "directory %s/%s", path, rd->tld, want);
			return;
		}
		/* Improvement: the fourth level of files.md 4.2. */
		if (isdir) {
			rd->l3 = base;
			rdir_level(ct, name, path, 5, rd);
			return;
		}
		break;
	case 5:
		snprintf(want, sizeof(want), "%s.%s.%s", rd->l3, rd->sld,
		    rd->tld);
		if (isreg && name_under(base, want))
			return;
		break;
	}
	ct_say(ct, K_ERROR, name, "Unexpected %s in the rDNS directory: %s "
	    "(expected %s)", isdir ? "directory" : "file", path,
	    level == 1 ? "a directory named after a top-level domain" :
	    level == 2 ? "a directory named with one character" :
	    level == 3 ? "a directory whose name starts with that character" :
	    level == 4 ? "files named <domain>.<tld> or ending in "
	    ".<domain>.<tld>, or a directory named after the third label" :
	    "files ending in .<label>.<domain>.<tld>");
	rd->bad = true;
}

static void
rdir_level(struct ct *ct, const char *name, const char *dir, int level,
    struct rdir *rd)
{
	struct dirent **e;
	struct buf b;
	struct rdir keep = *rd;
	int n, i, seen = 0;

	if (level > 6 || ct->walked++ > CT_WALK_MAX)
		return;
	if ((n = ct_list_dir(ct, name, dir, &e)) == -1) {
		rd->bad = true;
		return;
	}
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (ct_dot(e[i]->d_name))
			continue;
		seen++;
		if (path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		rdir_entry(ct, name, b.data, e[i]->d_name, level, rd);
		keep.bad = rd->bad;
		*rd = keep;
	}
	if (seen == 0) {
		ct_say(ct, K_ERROR, name, "Empty directory: %s", dir);
		rd->bad = true;
	}
	buf_free(&b);
	ct_free_dir(e, n);
}

void
ct_sp_rdns_dir(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	const struct strlist *l = opt_cfield(o, r);
	struct rdir rd;
	size_t i;

	for (i = 0; i < l->n; i++) {
		memset(&rd, 0, sizeof(rd));
		ct->walked = 0;
		rdir_level(ct, r->name, l->v[i], 1, &rd);
		if (!rd.bad)
			ct_say(ct, K_SUCCESS, r->name, "The rDNS directory "
			    "tree is valid: %s", l->v[i]);
	}
}

/* -------------------------------- configuration directories (config-dir) */

enum { SUB_NONE = -1, SUB_IP, SUB_RDNS, SUB_SENDER, SUB_RCPT, SUB_N };

static const char *const subname[SUB_N] = {
	"_ip_", "_rdns_", "_sender_", "_recipient_"
};

/* Where a walk is in the tree. */
struct cdpos {
	unsigned	 seen;		/* subtrees on the path */
	int		 cur;		/* SUB_*: the subtree being read */
	int		 level;		/* data levels below it */
	bool		 at;		/* below _at_ */
	int		 at_level;
	int		 ipfam;		/* 0, 4 or 6 */
	int		 depth;
};

static void	cd_walk(struct ct *, const char *, const struct cdpos *);

static int
subtree_of(const char *lname)
{
	int i;

	for (i = 0; i < SUB_N; i++)
		if (strcmp(lname, subname[i]) == 0)
			return i;
	return SUB_NONE;
}

static bool
has_upper(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

/* Can a data name at p appear in a lookup?  Reports what cannot. */
static void
cd_data_name(struct ct *ct, const char *path, const char *name,
    struct cdpos *p)
{
	size_t n = strlen(name), i;
	bool dec = n >= 1 && n <= 3, hex = n == 4;
	char canon[256];

	if (p->cur == SUB_IP) {
		for (i = 0; i < n; i++) {
			dec = dec && name[i] >= '0' && name[i] <= '9';
			hex = hex && ((name[i] >= '0' && name[i] <= '9') ||
			    (name[i] >= 'a' && name[i] <= 'f'));
		}
		dec = dec && atoi(name) <= 255;
		if ((!dec && !hex) || (p->ipfam == 4 && !dec) ||
		    (p->ipfam == 6 && !hex))
			ct_say(ct, K_ERROR, "config-dir", "%s is not an "
			    "integer 0-255%s: %s", name, p->ipfam == 4 ? "" :
			    " or a group of four lowercase hex digits", path);
		else if (p->ipfam == 0)
			p->ipfam = dec ? 4 : 6;
		if (p->level > (p->ipfam == 6 ? 8 : 4))
			ct_say(ct, K_ERROR, "config-dir", "More than %d levels "
			    "below _ip_: %s", p->ipfam == 6 ? 8 : 4, path);
		return;
	}
	if (p->at) {
		config_dir_canon_local(name, canon, sizeof(canon));
		if (strcmp(canon, name) != 0)
			ct_say(ct, K_WARNING, "config-dir", "%s never matches: "
			    "local parts are looked up lowercase with bytes "
			    "other than letters, digits and @_.- turned into "
			    "_: %s", name, path);
	} else if (has_upper(name))
		ct_say(ct, K_WARNING, "config-dir", "%s never matches: names "
		    "are looked up in lowercase: %s", name, path);
}

/*
 * A regular file in a configuration directory: read it under D rules
 * (its errors become ERROR lines) and test what it sets.
 */
static void
cd_file(struct ct *ct, const char *path)
{
	struct options *fresh = NULL, *merged = NULL;
	const struct options *saved = ct->dirfile;
	char saved_ctx[sizeof(ct->context)];

	ct_say(ct, K_VERBOSE, NULL, "Testing configuration directory file "
	    "%s...", path);
	if ((fresh = opt_new()) == NULL || (merged = opt_dup(ct->opt)) ==
	    NULL) {
		ct_say(ct, K_ERROR, "config-dir", "out of memory");
		goto out;
	}
	ct_capture(ct, "config-dir");
	if (opt_read_dir_file(fresh, path) == -1) {
		ct_capture(ct, NULL);
		goto out;
	}
	ct_capture(ct, NULL);
	/* The same file over the global options, for the special tests. */
	opt_read_dir_file(merged, path);
	str_lcpy(saved_ctx, ct->context, sizeof(saved_ctx));
	snprintf(ct->context, sizeof(ct->context), " (in configuration "
	    "directory file %s)", path);
	ct->dirfile = fresh;
	ct_test_options(ct, fresh, merged);
	ct->dirfile = saved;
	str_lcpy(ct->context, saved_ctx, sizeof(ct->context));
out:
	opt_free(merged);
	opt_free(fresh);
}

/* One object inside a configuration directory at position p. */
static void
cd_entry(struct ct *ct, const char *path, const char *name,
    const struct cdpos *p)
{
	struct cdpos q = *p;
	struct stat st;
	char lname[NAME_MAX + 1];
	int sub;
	bool isat;

	str_lcpy(lname, name, sizeof(lname));
	str_lower(lname, strlen(lname));
	sub = subtree_of(lname);
	isat = strcmp(lname, "_at_") == 0;
	q.depth++;
	if (stat(path, &st) == -1) {
		ct_say(ct, K_ERROR, "config-dir", "Failed to stat %s: %s", path,
		    strerror(errno));
		return;
	}
	if (S_ISREG(st.st_mode)) {
		if (sub != SUB_NONE || isat) {
			ct_say(ct, K_ERROR, "config-dir", "Found a file named "
			    "%s; it is never read: %s", name, path);
			return;
		}
		if (p->cur == SUB_NONE) {
			ct_say(ct, K_WARNING, "config-dir", "This file is not "
			    "below _ip_, _rdns_, _sender_ or _recipient_ and "
			    "is never read: %s", path);
			return;
		}
		if (p->at && p->at_level >= 1) {
			ct_say(ct, K_ERROR, "config-dir", "More than one level "
			    "below _at_: %s", path);
			return;
		}
		q.level++;
		cd_data_name(ct, path, name, &q);
		cd_file(ct, path);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		ct_say(ct, K_ERROR, "config-dir", "Neither a file nor a "
		    "directory: %s", path);
		return;
	}
	if (sub != SUB_NONE) {
		/* Improvement: every structural ERROR counts (5.0.1 not). */
		if (p->seen & (1u << sub))
			ct_say(ct, K_ERROR, "config-dir", "%s appears twice on "
			    "one path: %s", subname[sub], path);
		else if (p->cur != SUB_NONE && (p->at ? p->at_level : p->level)
		    == 0)
			ct_say(ct, K_ERROR, "config-dir", "%s is directly "
			    "inside %s with no data level in between: %s",
			    subname[sub], p->at ? "_at_" : subname[p->cur],
			    path);
		else {
			q.seen |= 1u << sub;
			q.cur = sub;
			q.level = 0;
			q.at = false;
			q.at_level = 0;
			q.ipfam = 0;
			cd_walk(ct, path, &q);
		}
		return;
	}
	if (isat) {
		if (p->cur != SUB_SENDER && p->cur != SUB_RCPT)
			ct_say(ct, K_ERROR, "config-dir", "_at_ outside "
			    "_sender_ or _recipient_: %s", path);
		else if (p->at)
			ct_say(ct, K_ERROR, "config-dir", "_at_ appears twice "
			    "on one path: %s", path);
		else if (p->level == 0)
			ct_say(ct, K_ERROR, "config-dir", "_at_ is directly "
			    "inside %s with no domain level in between: %s",
			    subname[p->cur], path);
		else {
			q.at = true;
			q.at_level = 0;
			cd_walk(ct, path, &q);
		}
		return;
	}
	if (p->cur == SUB_NONE) {
		ct_say(ct, K_WARNING, "config-dir", "This directory is not "
		    "below _ip_, _rdns_, _sender_ or _recipient_ and is never "
		    "searched: %s", path);
		return;
	}
	if (p->at) {
		if (p->at_level >= 1) {
			ct_say(ct, K_ERROR, "config-dir", "More than one level "
			    "below _at_: %s", path);
			return;
		}
		q.at_level++;
	} else
		q.level++;
	cd_data_name(ct, path, name, &q);
	cd_walk(ct, path, &q);
}

static void
cd_walk(struct ct *ct, const char *dir, const struct cdpos *p)
{
	struct dirent **e;
	struct buf b;
	int n, i;

	if (p->depth > CT_DEPTH_MAX || ct->walked++ > CT_WALK_MAX) {
		ct_say(ct, K_ERROR, "config-dir", "Directory tree too deep or "
		    "too large at %s", dir);
		return;
	}
	if ((n = ct_list_dir(ct, "config-dir", dir, &e)) == -1)
		return;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (ct_dot(e[i]->d_name) || path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		cd_entry(ct, b.data, e[i]->d_name, p);
	}
	buf_free(&b);
	ct_free_dir(e, n);
}

void
ct_sp_config_dir(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	struct cdpos root = { 0, SUB_NONE, 0, false, 0, 0, 0 };
	struct stat st;
	size_t i;
	int before;

	for (i = 0; i < o->config_dir.n; i++) {
		const char *d = o->config_dir.v[i];

		if (stat(d, &st) == -1) {
			ct_say(ct, K_ERROR, r->name, "Failed to open "
			    "directory: %s: %s", d, strerror(errno));
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			ct_say(ct, K_ERROR, r->name, "Not a directory: %s", d);
			continue;
		}
		before = ct->errors;
		ct->walked = 0;
		cd_walk(ct, d, &root);
		if (ct->errors == before)
			ct_say(ct, K_SUCCESS, r->name, "The configuration "
			    "directory tree is valid: %s", d);
	}
}
