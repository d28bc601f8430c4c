/*
 * dir.c - configuration directories (files.md 2, options.md 1.7): find
 * the files under each config-dir root that apply to one recipient and
 * apply them, in the order of files.md 2.3, to a struct options.
 *
 * Each criterion (IP, rDNS, sender, recipient) turns its data into path
 * components, most significant first; the candidates are that path and
 * its shorter prefixes.  A candidate that is a regular file is read; a
 * directory is searched again as a nested root for the criteria not yet
 * on its path.  The "done" flags of first mode are shared by the whole
 * search for one recipient.  Reading a file is file.c's job
 * (opt_read_dir_file); when to search is the session's.
 * Entry points: config_dir_apply, config_dir_canon_local.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/dir.h"
#include "config/options.h"
#include "log/log.h"
#include "util/buf.h"
#include "util/ip.h"
#include "util/path.h"
#include "util/str.h"

enum crit { CR_IP, CR_RDNS, CR_SENDER, CR_RCPT, CR_N };

#define CR_BIT(k)	(1u << (k))
#define CR_ALL		(CR_BIT(CR_N) - 1)
#define MAXCOMP		256	/* labels of a 511-byte domain, plus one */
#define MAXDEPTH	(CR_N + 1)	/* nested roots: one per criterion */

static const char *const subtree[CR_N] = {
	"_ip_", "_rdns_", "_sender_", "_recipient_"
};
static const unsigned all_flag[CR_N] = {
	CDS_ALL_IP, CDS_ALL_RDNS, CDS_ALL_SENDER, CDS_ALL_RECIPIENT
};
static const char *const what[CR_N] = {
	"IP address", "rDNS name", "sender", "recipient"
};

/* One criterion's data as path components. */
struct crit_data {
	bool	 use;			/* false: the criterion is skipped */
	char	*store;			/* the components, NUL-separated */
	char	*comp[MAXCOMP];		/* most significant first */
	size_t	 n;
	char	*local;			/* canonical local part, NULL: none */
};

struct search {
	struct options		*opt;
	unsigned		 all;		/* CDS_* bits */
	bool			 done[CR_N];
	int			 nread;
	struct crit_data	 c[CR_N];
};

enum kind { K_NONE, K_FILE, K_DIR };

char *
config_dir_canon_local(const char *local, char *dst, size_t len)
{
	size_t i;
	unsigned char c;

	if (len == 0)
		return dst;
	for (i = 0; local[i] != '\0' && i < len - 1; i++) {
		c = (unsigned char)local[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '@' || c == '_' || c == '.' || c == '-'))
			c = '_';
		dst[i] = (char)c;
	}
	dst[i] = '\0';
	return dst;
}

/* Names that are structure, never data: a file so named is never read. */
static bool
reserved(const char *name)
{
	size_t k;

	if (strcmp(name, "_at_") == 0)
		return true;
	for (k = 0; k < CR_N; k++)
		if (strcmp(name, subtree[k]) == 0)
			return true;
	return false;
}

static void
note_bad(enum crit k, const char *data)
{
	char esc[256];

	/* Improvement (files.md 2.4): remote text never leaves the tree. */
	log_verror("config-dir: %s \"%s\" cannot be used as a path; the %s "
	    "trees are not searched for it", what[k],
	    str_escape(esc, sizeof(esc), data, strlen(data)), subtree[k]);
}

/* The IP components (files.md 2.2, 2.4); 0 ok, -1 out of memory. */
static int
prepare_ip(struct crit_data *c, const char *ip)
{
	struct ip_addr a;
	char text[IP_STRLEN], *p;
	size_t i;

	if (ip == NULL || ip_parse(ip, &a) == -1)
		ip = "0.0.0.0";
	if (ip_parse(ip, &a) == -1)
		return -1;
	c->use = true;
	if (a.family == AF_INET6) {
		/* Improvement: eight fully expanded groups of 4 hex digits. */
		if ((c->store = malloc(8 * 5)) == NULL)
			return -1;
		for (i = 0; i < 8; i++) {
			p = c->store + i * 5;
			snprintf(p, 5, "%02x%02x", a.a[2 * i], a.a[2 * i + 1]);
			c->comp[i] = p;
		}
		c->n = 8;
		return 0;
	}
	/* The octets as they appear in the text; a mapped address as IPv4. */
	if (strchr(ip, ':') != NULL)
		ip = ip_format(&a, text, sizeof(text));
	if ((c->store = str_dup(ip)) == NULL)
		return -1;
	c->n = 0;
	for (p = c->store; c->n < 4; p++) {
		c->comp[c->n++] = p;
		if ((p = strchr(p, '.')) == NULL)
			break;
		*p = '\0';
	}
	return 0;
}

/*
 * A dotted name as reversed components (rDNS name or domain); local, when
 * not NULL, gives the canonical local part.  Empty name: criterion off.
 * A label that cannot be a path component turns the criterion off with a
 * note.  0 ok, -1 out of memory.
 */
static int
prepare_name(struct crit_data *c, enum crit k, const char *name,
    const char *local)
{
	char *labels[MAXCOMP], *p;
	size_t n = 0, i;

	if (name == NULL || name[0] == '\0')
		return 0;
	if ((c->store = str_dup(name)) == NULL)
		return -1;
	str_lower(c->store, strlen(c->store));
	if ((i = strlen(c->store)) > 1 && c->store[i - 1] == '.')
		c->store[i - 1] = '\0';	/* a root dot is no label */
	for (p = c->store;;) {
		if (n == MAXCOMP)
			goto bad;
		labels[n++] = p;
		if ((p = strchr(p, '.')) == NULL)
			break;
		*p++ = '\0';
	}
	for (i = 0; i < n; i++) {
		if (!path_part_ok(labels[i], strlen(labels[i])))
			goto bad;
		c->comp[i] = labels[n - 1 - i];
	}
	c->n = n;
	if (local != NULL && local[0] != '\0') {
		size_t len = strlen(local) + 1;

		if ((c->local = malloc(len)) == NULL)
			return -1;
		config_dir_canon_local(local, c->local, len);
		if (!path_part_ok(c->local, strlen(c->local))) {
			free(c->local);
			c->local = NULL;
			note_bad(k, local);
			return 0;
		}
	}
	c->use = true;
	return 0;
bad:
	note_bad(k, name);
	return 0;
}

/* out = base/part; 0 ok, -1 (too long, or a refused part). */
static int
add_part(struct buf *out, struct buf *tmp, const char *part)
{
	if (path_join(tmp, buf_cstr(out), part, strlen(part)) == -1)
		return -1;
	buf_reset(out);
	return buf_append(out, tmp->data, tmp->len);
}

static enum kind
probe(const char *path)
{
	struct stat st;

	log_debug("config-dir: checking %s", path);
	if (stat(path, &st) == -1) {
		/*
		 * files.md 2.3: stat errors other than "not there" are
		 * logged at verbose (one line per probe, so a remote
		 * address cannot make more than a few per recipient).
		 */
		if (errno != ENOENT && errno != ENOTDIR)
			log_verror("unable to stat() path %s: %s", path,
			    strerror(errno));
		return K_NONE;
	}
	if (S_ISREG(st.st_mode))
		return K_FILE;
	if (S_ISDIR(st.st_mode))
		return K_DIR;
	return K_NONE;
}

static void	search_root(struct search *, const char *, unsigned, int);

/*
 * Use one candidate: read a file (marks the criterion done) or search a
 * directory for the remaining criteria.  Returns whether it existed.
 */
static bool
visit(struct search *s, const char *path, const char *last, enum crit k,
    unsigned remaining, int depth)
{
	/* A file named _at_ (or like a subtree) is never read. */
	if (reserved(last))
		return false;
	switch (probe(path)) {
	case K_FILE:
		log_debug("config-dir: reading %s", path);
		if (opt_read_dir_file(s->opt, path) >= 0) {
			s->nread++;
			s->done[k] = true;
		}
		return true;
	case K_DIR:
		search_root(s, path, remaining & ~CR_BIT(k), depth + 1);
		return true;
	default:
		return false;
	}
}

/* Build root/_sub_/comp[0]/.../comp[len-1] into path. */
static int
candidate(struct buf *path, struct buf *tmp, const char *root, enum crit k,
    const struct crit_data *c, size_t len)
{
	size_t i;

	buf_reset(path);
	if (buf_puts(path, root) == -1 || add_part(path, tmp, subtree[k]) == -1)
		return -1;
	for (i = 0; i < len; i++)
		if (add_part(path, tmp, c->comp[i]) == -1)
			return -1;
	return 0;
}

/* One step of files.md 2.3 for criterion k under root. */
static void
step(struct search *s, const char *root, enum crit k, unsigned remaining,
    int depth)
{
	const struct crit_data *c = &s->c[k];
	struct buf path, tmp;
	bool all = (s->all & all_flag[k]) != 0;
	size_t len;

	if (!(remaining & CR_BIT(k)) || !c->use || (!all && s->done[k]))
		return;
	buf_init(&path, PATH_MAX);
	buf_init(&tmp, PATH_MAX);
	if (candidate(&path, &tmp, root, k, c, 0) == -1 ||
	    probe(buf_cstr(&path)) != K_DIR)
		goto out;
	/* Sender and recipient: the full address comes first. */
	if (c->local != NULL && candidate(&path, &tmp, root, k, c, c->n) == 0 &&
	    add_part(&path, &tmp, "_at_") == 0 &&
	    add_part(&path, &tmp, c->local) == 0) {
		visit(s, buf_cstr(&path), c->local, k, remaining, depth);
		if (!all && s->done[k])
			goto out;
	}
	for (len = c->n; len > 0; len--) {
		if (candidate(&path, &tmp, root, k, c, len) == -1)
			continue;
		if (visit(s, buf_cstr(&path), c->comp[len - 1], k, remaining,
		    depth) && !all)
			break;
	}
out:
	buf_free(&tmp);
	buf_free(&path);
}

static void
search_root(struct search *s, const char *root, unsigned remaining,
    int depth)
{
	size_t k;

	/* Each criterion is consumed once per path, so depth <= CR_N. */
	if (depth > MAXDEPTH)
		return;
	for (k = 0; k < CR_N; k++)
		step(s, root, (enum crit)k, remaining, depth);
}

static void
search_free(struct search *s)
{
	size_t k;

	for (k = 0; k < CR_N; k++) {
		free(s->c[k].store);
		free(s->c[k].local);
	}
}

int
config_dir_apply(struct options *opt, const struct config_dir_query *q)
{
	struct search s;
	char **roots = NULL;
	size_t i, nroots;
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.opt = opt;
	s.all = opt->config_dir_search;
	if (prepare_ip(&s.c[CR_IP], q->ip) == -1 ||
	    prepare_name(&s.c[CR_RDNS], CR_RDNS, q->rdns, NULL) == -1 ||
	    prepare_name(&s.c[CR_SENDER], CR_SENDER, q->sender_domain,
	    q->sender_local) == -1 ||
	    prepare_name(&s.c[CR_RCPT], CR_RCPT, q->rcpt_domain,
	    q->rcpt_local) == -1)
		goto out;
	/*
	 * The files cannot change config-dir (it is not allowed in them),
	 * but the roots are copied so that no file can pull the list away.
	 */
	nroots = opt->config_dir.n;
	if (nroots > 0 && (roots = calloc(nroots, sizeof(*roots))) == NULL)
		goto out;
	for (i = 0; i < nroots; i++)
		if ((roots[i] = str_dup(opt->config_dir.v[i])) == NULL)
			goto out;
	for (i = 0; i < nroots; i++)
		search_root(&s, roots[i], CR_ALL, 0);
	rc = s.nread;
out:
	if (rc == -1)
		log_error("out of memory - unable to search the configuration "
		    "directories");
	if (roots != NULL)
		for (i = 0; i < nroots; i++)
			free(roots[i]);
	free(roots);
	search_free(&s);
	return rc;
}
