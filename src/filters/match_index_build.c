/*
 * match_index_build.c - building the sidecar index of a large IP or rDNS
 * list file (match_index.h; the format is described in match_index.c).
 *
 * The text is read once through util/listfile.  Entries go into arrays
 * that grow by doubling (no allocation per line): for an IP list the
 * address intervals of each line (match_ip_spans()) or the line itself
 * when it cannot be indexed; for an rDNS list the key and kind of each
 * line (match_rdns_kind()).  IP intervals are sorted and swept into
 * disjoint segments carrying the first line that covers them; names are
 * sorted and equal keys folded.  The result is written to F.sdx.tmp,
 * created without following symlinks, locked with fcntl(2) so that
 * concurrent connections do not build it twice, given the text's mode
 * (0644 at most), fsync()ed, and renamed over F.sdx: readers see the old
 * index or the new one, never a part.
 *
 * Entry point: mx_build().
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

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
write_full(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t k;

	while (n > 0) {
		k = write(fd, p, n);
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Keep the smaller non-zero line number. */
static void
take(uint32_t *best, uint32_t line)
{
	if (line != 0 && (*best == 0 || line < *best))
		*best = line;
}

struct k128 {
	uint64_t	 h, l;
};

struct iv4 {
	uint32_t	 lo, hi, line;
};

struct iv6 {
	unsigned char	 lo[16], hi[16];
	uint32_t	 line;
};

/* A growing array: n used, cap allocated, of elements of size sz. */
struct arr {
	void		*v;
	size_t		 n, cap, sz;
};

struct builder {
	enum mx_kind	 kind;
	struct arr	 lines;		/* uint32_t */
	struct arr	 res;		/* struct mx_res */
	struct arr	 iv4, iv6;	/* struct iv4, iv6 */
	struct arr	 seg4, seg6;	/* struct mx_seg4, mx_seg6 */
	struct arr	 names;		/* struct mx_name */
	struct arr	 pool;		/* bytes */
};

/* Room for k more elements; NULL (errno ENOMEM) when there is none. */
static void *
arr_room(struct arr *a, size_t k)
{
	size_t cap = a->cap;
	void *v;

	if (k > SIZE_MAX / a->sz - a->n) {
		errno = ENOMEM;
		return NULL;
	}
	while (a->n + k > cap)
		cap = cap < 64 ? 64 : cap > SIZE_MAX / 2 / a->sz ?
		    SIZE_MAX / a->sz : cap * 2;
	if (cap != a->cap) {
		if ((v = realloc(a->v, cap * a->sz)) == NULL)
			return NULL;
		a->v = v;
		a->cap = cap;
	}
	return (char *)a->v + a->n * a->sz;
}

static int
arr_push(struct arr *a, const void *el)
{
	void *p = arr_room(a, 1);

	if (p == NULL)
		return -1;
	memcpy(p, el, a->sz);
	a->n++;
	return 0;
}

/* Append n bytes to the pool; their offset in *off. */
static int
pool_add(struct builder *b, const void *s, size_t n, uint32_t *off)
{
	unsigned char *p;

	if (b->pool.n + n >= UINT32_MAX || (p = arr_room(&b->pool, n)) ==
	    NULL) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(p, s, n);
	*off = (uint32_t)b->pool.n;
	b->pool.n += n;
	return 0;
}

static void
builder_init(struct builder *b, enum mx_kind kind)
{
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->lines.sz = sizeof(uint32_t);
	b->res.sz = sizeof(struct mx_res);
	b->iv4.sz = sizeof(struct iv4);
	b->iv6.sz = sizeof(struct iv6);
	b->seg4.sz = sizeof(struct mx_seg4);
	b->seg6.sz = sizeof(struct mx_seg6);
	b->names.sz = sizeof(struct mx_name);
	b->pool.sz = 1;
}

static void
builder_free(struct builder *b)
{
	free(b->lines.v);
	free(b->res.v);
	free(b->iv4.v);
	free(b->iv6.v);
	free(b->seg4.v);
	free(b->seg6.v);
	free(b->names.v);
	free(b->pool.v);
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* One IP line: its intervals, or the line itself as a residual. */
static int
add_ip_line(struct builder *b, const char *line, size_t len, uint32_t no)
{
	struct mx_span sp[MX_MAXSPANS];
	struct mx_res r;
	struct iv4 a;
	struct iv6 a6;
	int n, i;

	if ((n = match_ip_spans(line, len, sp)) < 0) {
		r.line = no ^ mx_tag(line, len, MX_SALT_RES);
		r.len = (uint32_t)len;
		return pool_add(b, line, len, &r.off) == -1 ? -1 :
		    arr_push(&b->res, &r);
	}
	for (i = 0; i < n; i++) {
		if (sp[i].family == AF_INET) {
			a.lo = get32(sp[i].lo);
			a.hi = get32(sp[i].hi);
			a.line = no;
			if (arr_push(&b->iv4, &a) == -1)
				return -1;
		} else {
			memcpy(a6.lo, sp[i].lo, 16);
			memcpy(a6.hi, sp[i].hi, 16);
			a6.line = no;
			if (arr_push(&b->iv6, &a6) == -1)
				return -1;
		}
	}
	return 0;
}

static int
add_name_line(struct builder *b, const char *line, size_t len, uint32_t no)
{
	struct mx_name nm;
	const char *key;
	unsigned char *p;
	size_t klen, i;
	int kind;

	if ((kind = match_rdns_kind(line, len, &key, &klen)) == 0)
		return 0;
	if (pool_add(b, key, klen, &nm.off) == -1)
		return -1;
	p = (unsigned char *)b->pool.v + nm.off;
	for (i = 0; i < klen; i++)
		p[i] = (unsigned char)lc(p[i]);
	nm.len = (uint32_t)klen;
	nm.exact = kind == 1 ? no : 0;
	nm.suffix = kind == 2 ? no : 0;
	return arr_push(&b->names, &nm);
}

/* Read F once: line offsets and what each entry line contributes. */
static int
collect(struct builder *b, struct listfile *lf)
{
	const char *line;
	uint32_t *slot, no;
	size_t len;
	int rc;

	while ((rc = listfile_next(lf, &line, &len)) == 1) {
		if (lf->lineno >= MX_NOLINE || lf->lineoff >= MX_NOLINE) {
			errno = EFBIG;
			return -1;
		}
		/* Comment and empty lines before it get MX_NOLINE. */
		while (b->lines.n < lf->lineno) {
			if ((slot = arr_room(&b->lines, 1)) == NULL)
				return -1;
			no = (uint32_t)b->lines.n + 1;
			*slot = (no == lf->lineno ? (uint32_t)lf->lineoff :
			    MX_NOLINE) ^ mx_tag(&no, sizeof(no), MX_SALT_OFF);
			b->lines.n++;
		}
		if ((b->kind == MX_IP ? add_ip_line(b, line, len, lf->lineno) :
		    add_name_line(b, line, len, lf->lineno)) == -1)
			return -1;
	}
	return rc;
}

static int
k_cmp(struct k128 a, struct k128 b)
{
	if (a.h != b.h)
		return a.h < b.h ? -1 : 1;
	return a.l < b.l ? -1 : a.l > b.l;
}

/* k + 1; false when it wraps (k was the last address). */
static bool
k_inc(struct k128 *k)
{
	if (++k->l != 0)
		return true;
	return ++k->h != 0;
}

static struct k128
k_from16(const unsigned char *p)
{
	struct k128 k = { 0, 0 };
	int i;

	for (i = 0; i < 8; i++) {
		k.h = k.h << 8 | p[i];
		k.l = k.l << 8 | p[8 + i];
	}
	return k;
}

static void
k_to16(struct k128 k, unsigned char *p)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (unsigned char)k.h;
		p[8 + i] = (unsigned char)k.l;
		k.h >>= 8;
		k.l >>= 8;
	}
}

/* The i-th interval of the sorted array, whatever its family. */
static void
iv_get(const struct builder *b, bool v6, size_t i, struct k128 *lo,
    struct k128 *hi, uint32_t *line)
{
	const struct iv4 *a;
	const struct iv6 *a6;

	if (!v6) {
		a = (const struct iv4 *)b->iv4.v + i;
		lo->h = hi->h = 0;
		lo->l = a->lo;
		hi->l = a->hi;
		*line = a->line;
	} else {
		a6 = (const struct iv6 *)b->iv6.v + i;
		*lo = k_from16(a6->lo);
		*hi = k_from16(a6->hi);
		*line = a6->line;
	}
}

static int
seg_put(struct builder *b, bool v6, struct k128 start, uint32_t line)
{
	struct mx_seg4 s4;
	struct mx_seg6 s6;

	if (!v6) {
		s4.start = (uint32_t)start.l;
		s4.line = line ^ mx_tag(&s4.start, 4, MX_SALT_SEG);
		return arr_push(&b->seg4, &s4);
	}
	k_to16(start, s6.start);
	s6.line = line ^ mx_tag(s6.start, 16, MX_SALT_SEG);
	return arr_push(&b->seg6, &s6);
}

/* A binary min-heap of the intervals covering the sweep position. */
struct hent {
	struct k128	 hi;
	uint32_t	 line;
};

static void
heap_sift_down(struct hent *h, size_t n, size_t i)
{
	struct hent t;
	size_t c;

	for (; (c = 2 * i + 1) < n; i = c) {
		if (c + 1 < n && h[c + 1].line < h[c].line)
			c++;
		if (h[i].line <= h[c].line)
			break;
		t = h[i];
		h[i] = h[c];
		h[c] = t;
	}
}

static int
heap_push(struct arr *a, struct k128 hi, uint32_t line)
{
	struct hent *h, t;
	size_t i;

	if (arr_room(a, 1) == NULL)
		return -1;
	h = a->v;
	i = a->n++;
	h[i].hi = hi;
	h[i].line = line;
	for (; i > 0 && h[(i - 1) / 2].line > h[i].line; i = (i - 1) / 2) {
		t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
	}
	return 0;
}

static void
heap_pop(struct arr *a)
{
	struct hent *h = a->v;

	h[0] = h[--a->n];
	heap_sift_down(h, a->n, 0);
}

/*
 * Cut one family's address space into segments: walk the interval
 * boundaries in address order, keeping the intervals that cover the
 * current position in a heap ordered by line; the top is the first line
 * matching there.  Equal neighbours are merged.  Expired intervals below
 * the top stay until they surface: they cannot hide a smaller line.
 */
static int
sweep(struct builder *b, bool v6)
{
	struct arr heap = { NULL, 0, 0, sizeof(struct hent) };
	struct k128 pos = { 0, 0 }, lo, hi, nxt, end;
	size_t i = 0, n = v6 ? b->iv6.n : b->iv4.n;
	uint32_t line, last = MX_NOLINE;
	struct hent *top;
	bool more;
	int rc = -1;

	for (;;) {
		for (; i < n; i++) {
			iv_get(b, v6, i, &lo, &hi, &line);
			if (k_cmp(lo, pos) > 0)
				break;
			if (heap_push(&heap, hi, line) == -1)
				goto out;
		}
		top = heap.v;
		while (heap.n > 0 && k_cmp(top->hi, pos) < 0)
			heap_pop(&heap);
		line = heap.n > 0 ? top->line : 0;
		if (line != last && seg_put(b, v6, pos, line) == -1)
			goto out;
		last = line;
		more = false;
		if (i < n) {
			iv_get(b, v6, i, &nxt, &hi, &line);
			more = true;
		}
		if (heap.n > 0) {
			end = top->hi;
			/* Nothing follows the last address of the family. */
			if (k_inc(&end) && (v6 || end.l <= UINT32_MAX) &&
			    (!more || k_cmp(end, nxt) < 0)) {
				nxt = end;
				more = true;
			}
		}
		if (!more)
			break;
		pos = nxt;
	}
	rc = 0;
out:
	free(heap.v);
	return rc;
}

static int
iv4_cmp(const void *a, const void *b)
{
	const struct iv4 *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int
iv6_cmp(const void *a, const void *b)
{
	const struct iv6 *x = a, *y = b;

	return memcmp(x->lo, y->lo, 16);
}

static const unsigned char *sort_pool;	/* for name_cmp (no qsort_r) */

static int
name_cmp(const void *a, const void *b)
{
	const struct mx_name *x = a, *y = b;

	return mx_keycmp(sort_pool + x->off, x->len, sort_pool + y->off,
	    y->len);
}

/* Sort the names and fold equal keys, keeping the first line of each kind. */
static void
fold_names(struct builder *b)
{
	struct mx_name *v = b->names.v;
	size_t i, n = b->names.n, k = 0;

	sort_pool = b->pool.v;
	if (n > 0)
		qsort(v, n, sizeof(*v), name_cmp);
	for (i = 0; i < n; i++) {
		if (k > 0 && name_cmp(&v[k - 1], &v[i]) == 0) {
			take(&v[k - 1].exact, v[i].exact);
			take(&v[k - 1].suffix, v[i].suffix);
		} else
			v[k++] = v[i];
	}
	b->names.n = k;
	for (i = 0; i < k; i++) {
		v[i].exact ^= mx_tag(sort_pool + v[i].off, v[i].len,
		    MX_SALT_EXACT);
		v[i].suffix ^= mx_tag(sort_pool + v[i].off, v[i].len,
		    MX_SALT_SUFFIX);
	}
}

/* Sections in file order, each 8-aligned; fills the header. */
static int
write_index(int fd, struct builder *b, const struct stat *src)
{
	static const unsigned char zero[8];
	struct mx_header h;
	struct arr *sec[6];
	uint64_t *offs[6], pos;
	size_t i, bytes;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MX_MAGIC, 8);
	h.version = MX_VERSION;
	h.kind = (uint32_t)b->kind;
	h.order = MX_ORDER;
	h.hsize = sizeof(h);
	mx_src_ident(&h, src);
	h.nlines = (uint32_t)b->lines.n;
	h.nres = (uint32_t)b->res.n;
	h.nseg4 = (uint32_t)b->seg4.n;
	h.nseg6 = (uint32_t)b->seg6.n;
	h.nnames = (uint32_t)b->names.n;
	h.pool_size = b->pool.n;
	sec[0] = &b->lines, offs[0] = &h.off_lines;
	sec[1] = &b->res, offs[1] = &h.off_res;
	sec[2] = &b->seg4, offs[2] = &h.off_seg4;
	sec[3] = &b->seg6, offs[3] = &h.off_seg6;
	sec[4] = &b->names, offs[4] = &h.off_names;
	sec[5] = &b->pool, offs[5] = &h.off_pool;
	pos = sizeof(h);
	for (i = 0; i < 6; i++) {
		*offs[i] = pos;
		pos += (sec[i]->n * sec[i]->sz + 7) & ~(uint64_t)7;
	}
	h.fsize = pos;
	h.check = mx_header_check(&h);
	if (write_full(fd, &h, sizeof(h)) == -1)
		return -1;
	for (i = 0; i < 6; i++) {
		bytes = sec[i]->n * sec[i]->sz;
		if ((bytes > 0 && write_full(fd, sec[i]->v, bytes) == -1) ||
		    write_full(fd, zero, (8 - bytes % 8) % 8) == -1)
			return -1;
	}
	return 0;
}

/*
 * The temporary file, ours alone: created or reused without following a
 * symlink, locked (another process holding the lock is building: -1 with
 * errno EAGAIN), still the one at tmppath, a plain file of ours with one
 * link, emptied and given mode.  Returns the descriptor.
 */
static int
tmp_open(const char *tmppath, mode_t mode)
{
	struct flock fl;
	struct stat st, lst;
	int fd, e;

	fd = open(tmppath, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC, 0644);
	if (fd == -1)
		return -1;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == -1) {
		e = errno == EACCES ? EAGAIN : errno;
		goto fail;
	}
	/* Renamed into place by the process that held the lock before us? */
	e = EAGAIN;
	if (fstat(fd, &st) == -1 || lstat(tmppath, &lst) == -1 ||
	    st.st_dev != lst.st_dev || st.st_ino != lst.st_ino)
		goto fail;
	e = EPERM;
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_nlink != 1)
		goto fail;
	if (ftruncate(fd, 0) == -1 || fchmod(fd, mode) == -1) {
		e = errno;
		goto fail;
	}
	return fd;
fail:
	close(fd);
	errno = e;
	return -1;
}

/*
 * Build ixpath from the text lf has open (and has not read), whose
 * fstat() is src.  0 ok; -1 with errno set (EAGAIN: another process is
 * building it; ESTALE: the text changed meanwhile).  lf is consumed.
 */
int
mx_build(const char *ixpath, struct listfile *lf, const struct stat *src,
    enum mx_kind kind)
{
	char tmppath[MATCH_PATHLEN + 8];
	struct builder b;
	struct stat now;
	int fd, k, e, rc = -1;
	bool placed = false;

	k = snprintf(tmppath, sizeof(tmppath), "%s.tmp", ixpath);
	if (k < 0 || (size_t)k >= sizeof(tmppath)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((uint64_t)src->st_size >= MX_NOLINE) {
		errno = EFBIG;		/* offsets are 32 bits */
		return -1;
	}
	/*
	 * 0644, or narrower when the text is: the index holds what the text
	 * says, so it must not be readable by anyone who cannot read that.
	 */
	if ((fd = tmp_open(tmppath, src->st_mode & 0644)) == -1)
		return -1;
	builder_init(&b, kind);
	/* The process that held the lock before us may have built it. */
	if (mx_fresh(ixpath, src, kind)) {
		rc = 0;
		goto out;
	}
	if (collect(&b, lf) == -1 || fstat(lf->fd, &now) == -1)
		goto out;
	if (now.st_size != src->st_size ||
	    now.st_mtim.tv_sec != src->st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != src->st_mtim.tv_nsec ||
	    now.st_ctim.tv_sec != src->st_ctim.tv_sec ||
	    now.st_ctim.tv_nsec != src->st_ctim.tv_nsec) {
		errno = ESTALE;
		goto out;
	}
	if (kind == MX_IP) {
		if (b.iv4.n > 0)
			qsort(b.iv4.v, b.iv4.n, sizeof(struct iv4), iv4_cmp);
		if (b.iv6.n > 0)
			qsort(b.iv6.v, b.iv6.n, sizeof(struct iv6), iv6_cmp);
		if (sweep(&b, false) == -1 || sweep(&b, true) == -1)
			goto out;
	} else
		fold_names(&b);
	/* On disk before it has its name: a crash leaves no torn index. */
	if (write_index(fd, &b, src) == -1 || fsync(fd) == -1 ||
	    rename(tmppath, ixpath) == -1)
		goto out;
	placed = true;
	match_index_stats.built++;
	rc = 0;
out:
	e = errno;
	builder_free(&b);
	if (!placed)
		unlink(tmppath);	/* ours: we hold its lock */
	close(fd);
	errno = e;
	return rc;
}
