/*
 * qmail.c - the qmail data spamdyke-qrv reads in the root context (or
 * through descriptors checked at start-up, S4): control files (qrv.md P1,
 * P2), the defaultdelivery file and users/cdb (P3, step C1) through
 * tinycdb.  What a lookup result means for the address is decided in
 * validate.c and owner.c.
 */
#include <sys/types.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cdb.h>

#include "qrv/qrv.h"
#include "util/file.h"
#include "util/str.h"

typedef bool	line_fn(const char *, size_t, void *);

static int
lc(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* Is line (n bytes) equal to s ignoring ASCII case? */
static bool
eq_ci_n(const char *line, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || lc((unsigned char)line[i]) !=
		    lc((unsigned char)s[i]))
			return false;
	return s[n] == '\0';
}

size_t
qm_trim(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/*
 * Open a file for reading: 1 open (*fd; close it when *own), 0 absent,
 * -1 unreadable.  Descriptors checked at start-up are rewound and reused.
 */
static int
qm_open(struct qrv *q, const struct qpath *p, int *fd, bool *own)
{
	int rc;

	*own = false;
	if (p->fd >= 0) {
		*fd = p->fd;
		if (lseek(p->fd, 0, SEEK_SET) == -1) {
			qrv_warn(q, "unable to read %s: %s", p->path,
			    strerror(errno));
			return -1;
		}
		return 1;
	}
	rc = file_open_regular(p->path, fd, NULL);
	if (rc == -1)
		qrv_warn(q, "unable to read %s: %s", p->path,
		    strerror(errno));
	else if (rc == 0)
		qrv_excess(q, "%s does not exist", p->path);
	*own = rc == 1;
	return rc;
}

/* P1: call fn for each meaningful line; 1 read, 0 absent, -1 unreadable. */
static int
each_line(struct qrv *q, const struct qpath *p, line_fn *fn, void *arg)
{
	struct file_lines fl;
	const char *line;
	size_t len;
	bool own;
	int fd, rc;

	if ((rc = qm_open(q, p, &fd, &own)) != 1)
		return rc;
	qrv_excess(q, "reading %s", p->path);
	file_lines_fd(&fl, fd, QRV_MAX_LINE, QRV_MAX_LINES);
	while ((rc = file_lines_next(&fl, &line, &len)) == 1) {
		len = qm_trim(line, len);
		if (len == 0 || line[0] == '#')
			continue;
		qrv_excess(q, "%s: %s", p->path, qrv_esc(line, len));
		if (fn(line, len, arg))
			break;
	}
	if (rc == -1)
		qrv_warn(q, "unable to read %s: %s", p->path,
		    strerror(errno));
	if (fl.capped || fl.skipped)
		qrv_warn(q, "%s: content ignored past the line limit",
		    p->path);
	file_lines_free(&fl);
	if (own)
		close(fd);
	return rc == -1 ? -1 : 1;
}

struct listed_arg {
	const char	*dom;
	bool		 found;
};

static bool
listed_line(const char *line, size_t len, void *arg)
{
	struct listed_arg *a = arg;

	a->found = eq_ci_n(line, len, a->dom);
	return a->found;
}

int
qm_listed(struct qrv *q, const struct qlist *l, const char *dom,
    size_t *nexist)
{
	struct listed_arg a = { dom, false };
	size_t i;
	int rc;

	*nexist = 0;
	for (i = 0; i < l->n; i++) {
		if ((rc = each_line(q, &l->v[i], listed_line, &a)) == -1)
			return -1;
		*nexist += (size_t)rc;
		if (a.found) {
			qrv_excess(q, "%s is listed in %s", dom, l->v[i].path);
			return 1;
		}
	}
	qrv_excess(q, "%s is not listed", dom);
	return 0;
}

int
qm_local(struct qrv *q, const char *dom)
{
	struct buf me;
	size_t nexist;
	int rc;

	if (dom[0] == '\0')
		return 0;		/* an empty domain is never local */
	if ((rc = qm_listed(q, &q->locals, dom, &nexist)) != 0 || nexist > 0)
		return rc;
	/* Improvement: qmail's fallback when there is no locals file (B3). */
	buf_init(&me, QRV_MAX_LINE);
	if ((rc = qm_first_line(q, &q->me, &me)) != -1)
		rc = str_eq_ci(buf_cstr(&me), dom);
	qrv_excess(q, "no locals file; %s %s me", dom, rc == 1 ? "matches" :
	    "does not match");
	buf_free(&me);
	return rc;
}

struct virtual_arg {
	const char	*dom;
	struct buf	*prepend;
	bool		 found;
	bool		 failed;
};

static bool
virtual_line(const char *line, size_t len, void *arg)
{
	struct virtual_arg *a = arg;
	const char *colon = memchr(line, ':', len);

	if (colon == NULL || !eq_ci_n(line, (size_t)(colon - line), a->dom))
		return false;
	/* Improvement: the last matching line wins, as in qmail (P2). */
	a->found = true;
	buf_reset(a->prepend);
	if (buf_append(a->prepend, colon + 1,
	    len - (size_t)(colon + 1 - line)) == -1)
		a->failed = true;
	return false;
}

int
qm_virtual(struct qrv *q, const char *dom, struct buf *prepend)
{
	struct virtual_arg a = { dom, prepend, false, false };
	size_t i;

	buf_reset(prepend);
	for (i = 0; i < q->virtualdomains.n; i++)
		if (each_line(q, &q->virtualdomains.v[i], virtual_line,
		    &a) == -1)
			return -1;
	if (a.failed)
		qrv_die("out of memory");
	return a.found;
}

int
qm_first_line(struct qrv *q, const struct qpath *p, struct buf *out)
{
	struct file_lines fl;
	const char *line;
	size_t len;
	bool own;
	int fd, rc;

	buf_reset(out);
	if ((rc = qm_open(q, p, &fd, &own)) != 1)
		return rc;
	file_lines_fd(&fl, fd, QRV_MAX_LINE, 1);
	if ((rc = file_lines_next(&fl, &line, &len)) == 1 &&
	    buf_append(out, line, qm_trim(line, len)) == -1)
		qrv_die("out of memory");
	if (rc == -1)
		qrv_warn(q, "unable to read %s: %s", p->path,
		    strerror(errno));
	else
		qrv_excess(q, "%s: first line: %s", p->path,
		    qrv_esc(out->data != NULL ? out->data : "", out->len));
	file_lines_free(&fl);
	if (own)
		close(fd);
	return rc == -1 ? -1 : 1;
}

int
qm_defaultdelivery(struct qrv *q, struct buf *out)
{
	const struct qpath *p = &q->defaultdelivery;
	bool own;
	int fd, rc;

	if ((rc = qm_open(q, p, &fd, &own)) != 1)
		return rc;
	if (file_read_fd(fd, QRV_MAX_QMAIL, out) == -1) {
		qrv_warn(q, "unable to read %s: %s", p->path,
		    strerror(errno));
		rc = -1;
	}
	if (own)
		close(fd);
	return rc;
}

/* Leading decimal digits (none: 0); false on overflow or on (id_t)-1. */
static bool
parse_id(const char *s, size_t n, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		if ((v = v * 10 + (uint64_t)(s[i] - '0')) >= UINT32_MAX)
			return false;
	*out = (uint32_t)v;
	return true;
}

/* C1.4: the six fields of an assign record into o; false: corrupt. */
static bool
parse_assign(const char *data, size_t n, const char *rest, struct owner *o)
{
	const char *f[6], *p = data, *end = data + n, *z;
	size_t fl[6], i;
	uint32_t uid, gid;

	for (i = 0; i < 6; i++) {
		if ((z = memchr(p, '\0', (size_t)(end - p))) == NULL) {
			if (i < 5)
				return false;
			z = end;
		}
		f[i] = p;
		fl[i] = (size_t)(z - p);
		p = z < end ? z + 1 : end;
	}
	if (!parse_id(f[1], fl[1], &uid) || !parse_id(f[2], fl[2], &gid))
		return false;
	o->uid = (uid_t)uid;
	o->gid = (gid_t)gid;
	buf_reset(&o->home);
	buf_reset(&o->dash);
	buf_reset(&o->ext);
	if (buf_append(&o->home, f[3], fl[3]) == -1 ||
	    buf_append(&o->dash, f[4], fl[4]) == -1 ||
	    buf_append(&o->ext, f[5], fl[5]) == -1 ||
	    buf_puts(&o->ext, rest) == -1)
		qrv_die("out of memory");
	return true;
}

/*
 * S6: a hash table without an empty slot is corrupt (cdbmake always leaves
 * some); tinycdb would probe all of it and call the key absent.
 */
static bool
table_ok(struct cdb *c, const char *key, size_t klen)
{
	const unsigned char *p;
	unsigned h, pos, n, i;

	h = cdb_hash(key, (unsigned)klen);
	if ((p = cdb_get(c, 8, (h & 255) * 8)) == NULL)
		return false;
	pos = cdb_unpack(p);
	if ((n = cdb_unpack(p + 4)) == 0)
		return true;
	if (n > UINT32_MAX / 8 || (p = cdb_get(c, n * 8, pos)) == NULL)
		return false;
	for (i = 0; i < n; i++)
		if (cdb_unpack(p + i * 8 + 4) == 0)
			return true;
	return false;
}

/* cdb_find wrapper: 1 found with the data copied to out, 0, -1 corrupt. */
static int
find(struct cdb *c, const char *key, size_t klen, struct buf *out)
{
	unsigned dlen;
	int rc;

	if (!table_ok(c, key, klen))
		return -1;
	if ((rc = cdb_find(c, key, (unsigned)klen)) != 1)
		return rc < 0 ? -1 : 0;
	if ((dlen = cdb_datalen(c)) > QRV_MAX_ASSIGN)
		return -1;
	buf_reset(out);
	if (buf_reserve(out, dlen) == -1)
		qrv_die("out of memory");
	if (cdb_read(c, out->data, dlen, cdb_datapos(c)) == -1)
		return -1;
	out->len = dlen;
	out->data[dlen] = '\0';
	return 1;
}

/* C1.1, C1.2 in one open file: 1 hit, 0 none, -1 corrupt. */
static int
assign_lookup(struct qrv *q, struct cdb *c, const char *u, const char *d,
    struct owner *o)
{
	struct buf key, data, wild;
	size_t ul = strlen(u), n;
	int rc;

	buf_init(&key, QRV_MAX_NAME + 2);
	buf_init(&data, QRV_MAX_ASSIGN);
	buf_init(&wild, QRV_MAX_ASSIGN);
	/* Improvement: keys are built from lc(U), as qmail-lspawn does. */
	if (buf_putc(&key, '!') == -1 || buf_append(&key, u, ul) == -1 ||
	    buf_putc(&key, '\0') == -1)
		qrv_die("out of memory");
	str_lower(key.data, key.len);
	if ((rc = find(c, key.data, key.len, &data)) == 1) {
		qrv_step(q, "C1");
		qrv_excess(q, "users/cdb exact entry for %s", u);
		if (!parse_assign(data.data, data.len, "", o))
			rc = -1;
		goto out;
	}
	if (rc == -1 || (rc = find(c, "", 0, &wild)) != 1) {
		rc = -1;	/* no wildcard record: corrupt */
		goto out;
	}
	for (n = ul;; n--) {
		if (n == 0 || memchr(buf_cstr(&wild), key.data[n],
		    wild.len) != NULL) {
			/* key.data is "!" + lc(U); its first n+1 bytes. */
			if ((rc = find(c, key.data, n + 1, &data)) == -1)
				goto out;
			if (rc == 1)
				break;
		}
		if (n == 0)
			goto out;
	}
	qrv_step(q, "C1");
	qrv_excess(q, "users/cdb wildcard entry for %s, prefix length %zu",
	    u, n);
	if (!parse_assign(data.data, data.len, u + n, o)) {
		rc = -1;
		goto out;
	}
	/* C1.5: the prefix is D + "-". */
	o->vpop_prefix = n == strlen(d) + 1 && key.data[n] == '-' &&
	    str_prefix_ci(key.data + 1, n - 1, d);
out:
	buf_free(&wild);
	buf_free(&data);
	buf_free(&key);
	return rc;
}

int
qm_assign(struct qrv *q, const struct qpath *p, const char *u, const char *d,
    struct owner *o)
{
	struct cdb c;
	bool own;
	int fd, rc;

	if ((rc = qm_open(q, p, &fd, &own)) != 1) {
		if (rc == -1)
			qrv_error("unable to read %s", p->path);
		return rc;
	}
	if (cdb_init(&c, fd) == -1) {
		rc = -1;
	} else {
		rc = assign_lookup(q, &c, u, d, o);
		cdb_free(&c);
	}
	if (rc == -1)
		qrv_error("corrupt or unreadable users/cdb file %s", p->path);
	if (own)
		close(fd);
	return rc;
}
