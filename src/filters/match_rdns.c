/*
 * match_rdns.c - rDNS name lists and rDNS directories (files.md 4), and
 * the driver all list matchers share (match.h): entries first, then each
 * file line by line through util/listfile, first match wins, unreadable
 * files logged and skipped.  Also the two formatters that turn a match
 * into the reason field and the FILTER line tail (session.md 4.3, 4.5).
 *
 * Entry points: match_lists(), match_reason(), match_filter_tail(),
 * match_rdns(), match_rdns_dir(), match_rdns_path().
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "filters/match.h"
#include "filters/match_index.h"
#include "log/log.h"
#include "util/listfile.h"
#include "util/path.h"
#include "util/str.h"

static void
result_clear(struct match_result *res)
{
	res->src = MS_NONE;
	res->entry[0] = res->file[0] = res->path[0] = '\0';
	res->line = 0;
}

/* Copy n bytes (maybe not NUL-terminated) into dst, clipped. */
static void
copy_clipped(char *dst, size_t dstlen, const char *s, size_t n)
{
	if (n >= dstlen)
		n = dstlen - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/*
 * One file: 1 match (res filled), 0 none or unreadable (logged).  With a
 * key, a large file is looked up through its index (match_index.c).
 */
static int
scan_file(const char *path, const char *what, match_pred *pred, void *ctx,
    const struct mx_key *key, struct match_result *res)
{
	struct listfile lf;
	const char *line;
	size_t len;
	int rc;

	if (listfile_open(&lf, path) == -1) {
		log_error("unable to open %s %s: %s", what, path,
		    strerror(errno));
		return 0;
	}
	if (key != NULL &&
	    (rc = match_index_file(path, &lf, key, pred, ctx, res)) != -1) {
		listfile_close(&lf);
		return rc;
	}
	while ((rc = listfile_next(&lf, &line, &len)) == 1)
		if (pred(line, len, ctx)) {
			res->src = MS_FILE;
			copy_clipped(res->entry, sizeof(res->entry), line, len);
			str_lcpy(res->file, path, sizeof(res->file));
			res->line = lf.lineno;
			listfile_close(&lf);
			return 1;
		}
	if (rc == -1)
		log_error("unable to read file %s: %s", path, strerror(errno));
	listfile_close(&lf);
	return 0;
}

int
match_lists_key(const struct strlist *entries, const struct strlist *files,
    const char *what, match_pred *pred, void *ctx, const struct mx_key *key,
    struct match_result *res)
{
	size_t i;

	result_clear(res);
	for (i = 0; entries != NULL && i < entries->n; i++)
		if (pred(entries->v[i], strlen(entries->v[i]), ctx)) {
			res->src = MS_ENTRY;
			str_lcpy(res->entry, entries->v[i], sizeof(res->entry));
			return 1;
		}
	for (i = 0; files != NULL && i < files->n; i++)
		if (scan_file(files->v[i], what, pred, ctx, key, res) == 1)
			return 1;
	return 0;
}

int
match_lists(const struct strlist *entries, const struct strlist *files,
    const char *what, match_pred *pred, void *ctx, struct match_result *res)
{
	return match_lists_key(entries, files, what, pred, ctx, NULL, res);
}

char *
match_reason(const struct match_result *res, char *dst, size_t len)
{
	switch (res->src) {
	case MS_ENTRY:
		snprintf(dst, len, "%s", res->entry);
		break;
	case MS_FILE:
		snprintf(dst, len, "%s:%u", res->file, res->line);
		break;
	case MS_DIR:
		snprintf(dst, len, "%s", res->path);
		break;
	default:
		snprintf(dst, len, "%s", "");
		break;
	}
	return dst;
}

char *
match_filter_tail(const struct match_result *res, char *dst, size_t len)
{
	switch (res->src) {
	case MS_ENTRY:
		snprintf(dst, len, "entry: %s", res->entry);
		break;
	case MS_FILE:
		snprintf(dst, len, "file: %s(%u)", res->file, res->line);
		break;
	case MS_DIR:
		snprintf(dst, len, "path: %s", res->path);
		break;
	default:
		snprintf(dst, len, "%s", "");
		break;
	}
	return dst;
}

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool
eq_ci(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return false;
	return true;
}

struct name {
	const char	*s;
	size_t		 n;
};

/*
 * files.md 4.1: "name" exactly, ".suffix" the suffix itself and every
 * name ending in it.  "." alone matches nothing (5.0.1 crashes on it).
 */
static bool
rdns_pred(const char *e, size_t n, void *ctx)
{
	const struct name *nm = ctx;

	if (n == 0)
		return false;
	if (e[0] != '.')
		return nm->n == n && eq_ci(nm->s, e, n);
	if (n == 1)
		return false;
	if (nm->n == n - 1 && eq_ci(nm->s, e + 1, n - 1))
		return true;
	return nm->n > n && eq_ci(nm->s + nm->n - n, e, n);
}

int
match_rdns(const char *rdns, const struct strlist *entries,
    const struct strlist *files, struct match_result *res)
{
	struct mx_key key;
	struct name nm;

	result_clear(res);
	if (rdns == NULL || rdns[0] == '\0')
		return 0;
	nm.s = rdns;
	nm.n = strlen(rdns);
	key.kind = MX_RDNS;
	key.ip = NULL;
	key.name = nm.s;
	key.namelen = nm.n;
	return match_lists_key(entries, files, "file for searching",
	    rdns_pred, &nm, &key, res);
}

/* What rdns_pred() accepts, for the index; see match_index.h. */
int
match_rdns_kind(const char *line, size_t len, const char **key,
    size_t *keylen)
{
	/* A looked-up name holds no NUL, so such a line matches nothing. */
	if (len == 0 || (len == 1 && line[0] == '.') ||
	    memchr(line, '\0', len) != NULL)
		return 0;
	if (line[0] != '.') {
		*key = line;
		*keylen = len;
		return 1;
	}
	*key = line + 1;
	*keylen = len - 1;
	return 2;
}

/*
 * files.md 4.2.  Improvement: a name with an empty label or a label that
 * is not a safe path component builds no path (5.0.1 copies raw bytes).
 */
int
match_rdns_path(const char *name, char *dst, size_t len)
{
	const char *lab[3] = { NULL, NULL, NULL };	/* L1, L2, L3 */
	size_t llen[3] = { 0, 0, 0 };
	size_t nlab = 0, n = strlen(name), end = n, i;
	int k;

	for (i = n; ; i--) {
		if (i == 0 || name[i - 1] == '.') {
			if (!path_part_ok(name + i, end - i))
				return -1;
			if (nlab < 3) {
				lab[nlab] = name + i;
				llen[nlab] = end - i;
			}
			nlab++;
			end = i - 1;
			if (i == 0)
				break;
		}
	}
	if (nlab == 1)
		k = snprintf(dst, len, "%.*s/%c/%s", (int)llen[0], lab[0],
		    lab[0][0], name);
	else if (nlab <= 3)
		k = snprintf(dst, len, "%.*s/%c/%.*s/%s", (int)llen[0], lab[0],
		    lab[1][0], (int)llen[1], lab[1], name);
	else
		k = snprintf(dst, len, "%.*s/%c/%.*s/%.*s/%s", (int)llen[0],
		    lab[0], lab[1][0], (int)llen[1], lab[1], (int)llen[2],
		    lab[2], name);
	return k < 0 || (size_t)k >= len ? -1 : 0;
}

/* Does DIR/path-of-name exist?  Fills res->path. */
static bool
probe(const char *dir, const char *name, struct match_result *res)
{
	char rel[MATCH_PATHLEN];
	struct stat st;
	size_t dl = strlen(dir);
	int k;

	if (match_rdns_path(name, rel, sizeof(rel)) == -1)
		return false;
	k = snprintf(res->path, sizeof(res->path), "%s%s%s", dir,
	    dl > 0 && dir[dl - 1] == '/' ? "" : "/", rel);
	if (k < 0 || (size_t)k >= sizeof(res->path))
		return false;
	if (stat(res->path, &st) == 0)
		return true;
	if (errno != ENOENT && errno != ENOTDIR)
		log_error("unable to stat() path %s: %s", res->path,
		    strerror(errno));
	return false;
}

int
match_rdns_dir(const char *rdns, const struct strlist *dirs,
    struct match_result *res)
{
	char rel[MATCH_PATHLEN];
	const char *n;
	size_t i;

	result_clear(res);
	if (rdns == NULL || rdns[0] == '\0' || dirs == NULL ||
	    match_rdns_path(rdns, rel, sizeof(rel)) == -1)
		return 0;
	for (i = 0; i < dirs->n; i++)
		for (n = rdns; n != NULL; n = strchr(n, '.'),
		    n = n != NULL ? n + 1 : NULL)
			if (probe(dirs->v[i], n, res)) {
				res->src = MS_DIR;
				return 1;
			}
	res->path[0] = '\0';
	return 0;
}
