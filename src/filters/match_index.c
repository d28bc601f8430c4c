/*
 * match_index.c - sidecar indexes for large IP and rDNS list files
 * (match_index.h; issue 3 item 5).
 *
 * The text file F stays the source of truth (the FAQ's reasons for plain
 * text hold: an administrator edits F with any editor and never touches
 * the index).  F.sdx is a cache for this machine, in its native byte
 * order, and is rebuilt whenever anything about it is off:
 *
 *   header   struct mx_header: magic, version, kind, byte order, the
 *            identity of F it was built from (inode, size, mtime and
 *            ctime to the nanosecond), section offsets and counts, and a
 *            checksum of the header itself
 *   lines    uint32 offset in F of lines 1..nlines (MX_NOLINE: no entry)
 *   res      IP only: the "residual" lines whose answer depends on more
 *            than the address ("user@", "=name", masks with holes, range
 *            products of more than MX_MAXSPANS intervals), in file order:
 *            { line, pool offset, length }; checked one by one with the
 *            scan's own predicate at each lookup
 *   seg4     IP: the IPv4 space cut into disjoint segments sorted by
 *   seg6     start (the first starts at 0), each with the smallest
 *            number of the lines that cover it, 0 for none; same for IPv6
 *   names    rDNS: the distinct keys, lowercased and sorted, each with the
 *            first line of each kind (exact name, ".suffix")
 *   pool     residual texts and keys
 *
 * A lookup opens F (the caller did), fstat()s it, opens F.sdx with
 * O_NOFOLLOW, checks the header against F and answers with a binary
 * search (the IP segment of the client; the name and each of its
 * parents), the residual lines before the line found, and one pread() of
 * that line from F, which is checked with the scan's predicate before it
 * is reported: an index that disagrees with its text is not trusted.
 *
 * Every line number and offset stored in a record is XORed with a tag of
 * what the record is about (mx_tag()), so that garbage or zeros written
 * over a record decode, with high probability, to a line past the end
 * and the index is rebuilt; binary searches also check that the keys
 * they meet are in order.
 *
 * Building (match_index_build.c) happens when F.sdx is missing, stale or
 * invalid: it reads F once and renames a complete F.sdx into place.  When
 * it is impossible (the directory is not writable by the user spamdyke
 * runs as, another process is building, no memory) the caller scans F,
 * in one pass with no allocation per line, as before.
 *
 * Entry points: match_index_file(); for match_index_build.c mx_tag(),
 * mx_header_check(), mx_src_ident(), mx_keycmp(), mx_fresh().
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filters/match_index.h"
#include "log/log.h"
#include "util/str.h"

size_t	 match_index_min_size = 4096;
struct mx_stats	 match_index_stats;

/*
 * An open index.  It is read with pread(2), a record at a time: measured
 * faster than mapping it (mmap, munmap and the page faults cost more than
 * the 20-odd small reads of a lookup), and the process does not grow by
 * the size of the index, which matters under softlimit.
 */
struct mx {
	int			 fd;
	size_t			 size;
	struct mx_header	 h;
	bool			 bad;	/* an access fell outside the file */
};

/* Line texts read back from F, pool texts read from the index. */
static char		 linebuf[LISTFILE_MAX_LINE + 1];
static unsigned char	 poolbuf[LISTFILE_MAX_LINE + 1];

/* ------------------------------------------------------------ helpers */

static uint64_t
fnv(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 14695981039346656037ULL;

	while (n-- > 0)
		h = (h ^ *b++) * 1099511628211ULL;
	return h;
}

uint64_t
mx_header_check(const struct mx_header *h)
{
	return fnv(h, offsetof(struct mx_header, check));
}

void
mx_src_ident(struct mx_header *h, const struct stat *st)
{
	h->src_ino = (uint64_t)st->st_ino;
	h->src_size = (uint64_t)st->st_size;
	h->src_mtime = st->st_mtim.tv_sec;
	h->src_mtime_ns = st->st_mtim.tv_nsec;
	h->src_ctime = st->st_ctim.tv_sec;
	h->src_ctime_ns = st->st_ctim.tv_nsec;
}

static bool
same_src(const struct mx_header *h, const struct stat *st)
{
	struct mx_header now;

	mx_src_ident(&now, st);
	return h->src_ino == now.src_ino && h->src_size == now.src_size &&
	    h->src_mtime == now.src_mtime &&
	    h->src_mtime_ns == now.src_mtime_ns &&
	    h->src_ctime == now.src_ctime &&
	    h->src_ctime_ns == now.src_ctime_ns;
}

static ssize_t
pread_full(int fd, void *buf, size_t n, uint64_t off)
{
	size_t got = 0;
	ssize_t k;

	while (got < n) {
		k = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* "<path><suffix>" into dst; false when it does not fit. */
static bool
path_plus(char *dst, size_t len, const char *path, const char *suffix)
{
	int k = snprintf(dst, len, "%s%s", path, suffix);

	return k > 0 && (size_t)k < len;
}

/* ------------------------------------------------------------ reading */

/* n bytes at off; false (and m->bad) when they are not in the file. */
static bool
mx_read(struct mx *m, uint64_t off, void *dst, size_t n)
{
	if (off > m->size || n > m->size - off) {
		m->bad = true;
		return false;
	}
	if (pread_full(m->fd, dst, n, off) != (ssize_t)n) {
		m->bad = true;
		return false;
	}
	return true;
}

/* n pool bytes at off, in poolbuf; NULL when out of bounds. */
static const unsigned char *
mx_pool(struct mx *m, uint32_t off, uint32_t n)
{
	if (off > m->h.pool_size || n > m->h.pool_size - off ||
	    n > LISTFILE_MAX_LINE) {
		m->bad = true;
		return NULL;
	}
	return mx_read(m, m->h.off_pool + off, poolbuf, n) ? poolbuf : NULL;
}

/* Does a section of n records of size sz at off fit in the file? */
static bool
section_ok(const struct mx_header *h, uint64_t off, uint64_t n, size_t sz)
{
	return off >= sizeof(*h) && off <= h->fsize &&
	    n <= (h->fsize - off) / sz;
}

static void
mx_close(struct mx *m)
{
	if (m->fd != -1)
		close(m->fd);
	m->fd = -1;
}

/*
 * Open the index at ixpath for the text src.  0 ok; -1 missing, stale or
 * invalid (*why says which; errno stays ENOENT when it is missing).
 */
static int
mx_open(struct mx *m, const char *ixpath, const struct stat *src,
    enum mx_kind kind, const char **why)
{
	const struct mx_header *h = &m->h;
	struct stat st;

	memset(m, 0, sizeof(*m));
	m->fd = open(ixpath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (m->fd == -1) {
		*why = errno == ELOOP ? "a symbolic link" : strerror(errno);
		return -1;
	}
	*why = "not a regular file";
	if (fstat(m->fd, &st) == -1 || !S_ISREG(st.st_mode))
		goto bad;
	*why = "invalid header";
	m->size = (size_t)st.st_size;
	if ((uint64_t)st.st_size < sizeof(m->h) ||
	    pread_full(m->fd, &m->h, sizeof(m->h), 0) != sizeof(m->h) ||
	    memcmp(h->magic, MX_MAGIC, 8) != 0 ||
	    h->version != MX_VERSION || h->order != MX_ORDER ||
	    h->hsize != sizeof(*h) || h->kind != (uint32_t)kind ||
	    h->check != mx_header_check(h) || h->fsize != (uint64_t)st.st_size)
		goto bad;
	*why = "stale";
	if (!same_src(h, src))
		goto bad;
	*why = "invalid sections";
	if (!section_ok(h, h->off_lines, h->nlines, sizeof(uint32_t)) ||
	    !section_ok(h, h->off_res, h->nres, sizeof(struct mx_res)) ||
	    !section_ok(h, h->off_seg4, h->nseg4, sizeof(struct mx_seg4)) ||
	    !section_ok(h, h->off_seg6, h->nseg6, sizeof(struct mx_seg6)) ||
	    !section_ok(h, h->off_names, h->nnames, sizeof(struct mx_name)) ||
	    !section_ok(h, h->off_pool, h->pool_size, 1) ||
	    (kind == MX_IP && (h->nseg4 == 0 || h->nseg6 == 0)))
		goto bad;
	return 0;
bad:
	mx_close(m);
	errno = EINVAL;
	return -1;
}

bool
mx_fresh(const char *ixpath, const struct stat *src, enum mx_kind kind)
{
	const char *why;
	struct mx m;

	if (mx_open(&m, ixpath, src, kind, &why) == -1)
		return false;
	mx_close(&m);
	return true;
}

uint32_t
mx_tag(const void *p, size_t n, uint32_t salt)
{
	uint64_t h = fnv(p, n) ^ salt;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return (uint32_t)(h ^ (h >> 32));
}

/* A segment as read: start as a big-endian key of klen bytes. */
struct seg {
	unsigned char	 start[16];
	uint32_t	 line;
};

/* Segment i of one family, decoded and checked; false: corrupt. */
static bool
seg_at(struct mx *m, bool v6, uint64_t i, struct seg *s)
{
	struct mx_seg4 s4;
	struct mx_seg6 s6;

	if (v6) {
		if (!mx_read(m, m->h.off_seg6 + i * sizeof(s6), &s6,
		    sizeof(s6)))
			return false;
		memcpy(s->start, s6.start, 16);
		s->line = s6.line ^ mx_tag(s6.start, 16, MX_SALT_SEG);
	} else {
		if (!mx_read(m, m->h.off_seg4 + i * sizeof(s4), &s4,
		    sizeof(s4)))
			return false;
		s->start[0] = (unsigned char)(s4.start >> 24);
		s->start[1] = (unsigned char)(s4.start >> 16);
		s->start[2] = (unsigned char)(s4.start >> 8);
		s->start[3] = (unsigned char)s4.start;
		s->line = s4.line ^ mx_tag(&s4.start, 4, MX_SALT_SEG);
	}
	if (s->line > m->h.nlines)
		m->bad = true;
	return !m->bad;
}

/*
 * The line of the segment holding address a (network order, 4 or 16
 * bytes): the last segment starting at or before a.  Starts met on the
 * way must be in order, and a must lie before the next segment's start.
 */
static uint32_t
seg_find(struct mx *m, const unsigned char *a, int family)
{
	static const unsigned char zero16[16];
	bool v6 = family == AF_INET6, bounded = false;
	size_t klen = v6 ? 16 : 4;
	uint64_t n = v6 ? m->h.nseg6 : m->h.nseg4, lo = 0, hi = n - 1, mid;
	unsigned char lob[16], hib[16];
	struct seg s;
	uint32_t line;

	if (!seg_at(m, v6, 0, &s))
		return 0;
	memcpy(lob, s.start, klen);
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		if (!seg_at(m, v6, mid, &s))
			return 0;
		if (memcmp(s.start, lob, klen) <= 0 ||
		    (bounded && memcmp(s.start, hib, klen) >= 0)) {
			m->bad = true;
			return 0;
		}
		if (memcmp(s.start, a, klen) <= 0) {
			lo = mid;
			memcpy(lob, s.start, klen);
		} else {
			hi = mid - 1;
			memcpy(hib, s.start, klen);
			bounded = true;
		}
	}
	if (!seg_at(m, v6, lo, &s))
		return 0;
	line = s.line;
	if ((lo == 0 && memcmp(s.start, zero16, klen) != 0) ||
	    memcmp(s.start, a, klen) > 0 ||
	    (lo + 1 < n && (!seg_at(m, v6, lo + 1, &s) ||
	    memcmp(s.start, a, klen) <= 0))) {
		m->bad = true;
		return 0;
	}
	return line;
}

/* Compare key bytes with a pool key: as memcmp, shorter first. */
int
mx_keycmp(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/*
 * The record of key k (lowercased), lines decoded: true when found.  The
 * keys met on the way must be in order, and each record's lines valid.
 */
static bool
name_find(struct mx *m, const unsigned char *k, size_t klen,
    struct mx_name *rec)
{
	const unsigned char *key;
	uint64_t lo = 0, hi = m->h.nnames, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (!mx_read(m, m->h.off_names + mid * sizeof(*rec), rec,
		    sizeof(*rec)) ||
		    (key = mx_pool(m, rec->off, rec->len)) == NULL)
			return false;
		rec->exact ^= mx_tag(key, rec->len, MX_SALT_EXACT);
		rec->suffix ^= mx_tag(key, rec->len, MX_SALT_SUFFIX);
		if (rec->exact > m->h.nlines || rec->suffix > m->h.nlines) {
			m->bad = true;
			return false;
		}
		if ((c = mx_keycmp(k, klen, key, rec->len)) == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static void
take(uint32_t *best, uint32_t line)
{
	if (line != 0 && (*best == 0 || line < *best))
		*best = line;
}

/* files.md 4.1 through the index: the first line naming key->name. */
static uint32_t
names_lookup(struct mx *m, const struct mx_key *key)
{
	unsigned char low[MX_NAMEMAX];
	struct mx_name rec;
	uint32_t best = 0;
	size_t n = key->namelen, i;

	for (i = 0; i < n; i++)
		low[i] = (unsigned char)lc((unsigned char)key->name[i]);
	if (name_find(m, low, n, &rec)) {
		take(&best, rec.exact);
		take(&best, rec.suffix);
	}
	/* ".S" also matches X.S for a non-empty X. */
	for (i = 2; i < n; i++)
		if (low[i - 1] == '.' && name_find(m, low + i, n - i, &rec))
			take(&best, rec.suffix);
	return best;
}

/* The first residual line before best that pred accepts, or best. */
static uint32_t
residual(struct mx *m, uint32_t best, match_pred *pred, void *ctx)
{
	const unsigned char *text;
	struct mx_res r;
	uint32_t i;

	for (i = 0; !m->bad && i < m->h.nres; i++) {
		if (!mx_read(m, m->h.off_res + (uint64_t)i * sizeof(r), &r,
		    sizeof(r)) || (text = mx_pool(m, r.off, r.len)) == NULL)
			break;
		r.line ^= mx_tag(text, r.len, MX_SALT_RES);
		if (r.line == 0 || r.line > m->h.nlines) {
			m->bad = true;
			break;
		}
		if (best != 0 && r.line >= best)
			break;
		if (pred((const char *)text, r.len, ctx))
			return r.line;
	}
	return best;
}

/*
 * Line `line` of F (open at fd) into linebuf, found at the offset the
 * index gives: the bytes up to its end (files.md 0).  -1 when the offset
 * is not plausible.
 */
static int
read_line(struct mx *m, int fd, uint32_t line, size_t *len)
{
	uint32_t off;
	uint64_t left;
	size_t want, got = 0, i = 0, step;
	ssize_t k;

	if (line == 0 || line > m->h.nlines || !mx_read(m, m->h.off_lines +
	    (uint64_t)(line - 1) * sizeof(off), &off, sizeof(off)))
		return -1;
	off ^= mx_tag(&line, sizeof(line), MX_SALT_OFF);
	if (off >= m->h.src_size)
		return -1;
	left = m->h.src_size - off;
	want = left < LISTFILE_MAX_LINE ? (size_t)left : LISTFILE_MAX_LINE;
	for (;;) {
		/* Most lines are short: read a little first. */
		step = got == 0 && want > 512 ? 512 : want - got;
		if ((k = pread_full(fd, linebuf + got, step, off + got)) <= 0)
			return -1;
		got += (size_t)k;
		for (; i < got; i++)
			if (linebuf[i] == '\r' || linebuf[i] == '\n') {
				*len = i;
				return 0;
			}
		if (got >= want || (size_t)k < step) {
			*len = got;
			return 0;
		}
	}
}

/*
 * Answer from an open index.  The line found is read back from F and
 * must be an entry line the scan would accept.  1 match (res filled), 0
 * none, -1 the index is corrupt or disagrees with F.
 */
static int
mx_lookup(struct mx *m, const char *path, int srcfd,
    const struct mx_key *key, match_pred *pred, void *ctx,
    struct match_result *res)
{
	uint32_t best;
	size_t len = 0;

	if (key->kind == MX_IP)
		best = seg_find(m, key->ip->a, key->ip->family);
	else
		best = names_lookup(m, key);
	best = residual(m, best, pred, ctx);
	if (m->bad)
		return -1;
	if (best == 0)
		return 0;
	if (read_line(m, srcfd, best, &len) == -1 || len == 0 ||
	    linebuf[0] == '#' || !pred(linebuf, len, ctx))
		return -1;
	res->src = MS_FILE;
	if (len >= sizeof(res->entry))
		len = sizeof(res->entry) - 1;
	memcpy(res->entry, linebuf, len);
	res->entry[len] = '\0';
	str_lcpy(res->file, path, sizeof(res->file));
	res->line = best;
	return 1;
}

/* ------------------------------------------------------------ entry */

int
match_index_file(const char *path, struct listfile *lf,
    const struct mx_key *key, match_pred *pred, void *ctx,
    struct match_result *res)
{
	char ixpath[MATCH_PATHLEN + 8];
	const char *why;
	struct stat st;
	struct mx m;
	int rc, tries;

	if (lf->fd == -1 || fstat(lf->fd, &st) == -1 ||
	    (uint64_t)st.st_size < match_index_min_size ||
	    (key->kind == MX_IP && (key->ip == NULL ||
	    (key->ip->family != AF_INET && key->ip->family != AF_INET6))) ||
	    (key->kind == MX_RDNS && key->namelen > MX_NAMEMAX) ||
	    !path_plus(ixpath, sizeof(ixpath), path, MX_SUFFIX))
		return -1;
	for (tries = 0;; tries++) {
		if (mx_open(&m, ixpath, &st, key->kind, &why) == 0) {
			rc = mx_lookup(&m, path, lf->fd, key, pred, ctx, res);
			mx_close(&m);
			if (rc != -1) {
				match_index_stats.used++;
				return rc;
			}
			log_verror("ignoring index %s: damaged, or it does not "
			    "agree with %s", ixpath, path);
			res->src = MS_NONE;
			res->entry[0] = res->file[0] = '\0';
			res->line = 0;
		} else if (errno != ENOENT && tries == 0)
			log_debug("index %s: %s: rebuilding it", ixpath, why);
		if (tries > 0)
			break;
		if (mx_build(ixpath, lf, &st, key->kind) == -1) {
			/*
			 * EAGAIN: another process is building it right now.
			 * A directory we may not write to is a normal setup
			 * (PERFORMANCE.md): said at the debug level only.
			 */
			if (errno == EACCES || errno == EPERM ||
			    errno == EROFS)
				log_debug("cannot build index %s, scanning %s "
				    "instead: %s", ixpath, path,
				    strerror(errno));
			else if (errno != EAGAIN)
				log_verror("cannot build index %s, scanning %s "
				    "instead: %s", ixpath, path,
				    strerror(errno));
			break;
		}
	}
	match_index_stats.scanned++;
	if (listfile_rewind(lf) == -1) {
		log_error("unable to read file %s: %s", path, strerror(errno));
		return 0;
	}
	return -1;
}
