/*
 * match_index.h - sidecar indexes that keep lookups in large IP and rDNS
 * list files cheap (issue 3 item 5).  Internal to filters/: the public
 * matchers stay those of match.h.
 *
 * The text file stays the source of truth.  Next to a list file F of at
 * least match_index_min_size bytes, F.sdx holds an index compiled from
 * it; it is used only when its header names F exactly as fstat(2) sees
 * it now (inode, size, mtime, ctime), and it is rebuilt, atomically,
 * whenever it is missing, stale or invalid and the directory is writable
 * by the user spamdyke runs as.  Otherwise F is scanned as it always was:
 * one pass, no allocation per line.  Either way the answer is the same:
 * the first matching line and its number.
 */
#ifndef SPAMDYKE_FILTERS_MATCH_INDEX_H
#define SPAMDYKE_FILTERS_MATCH_INDEX_H

#include <sys/types.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filters/match.h"
#include "util/ip.h"
#include "util/listfile.h"

#define MX_SUFFIX	".sdx"		/* F.sdx, built through F.sdx.tmp */
#define MX_MAXSPANS	16		/* intervals one IP line may index to */

enum mx_kind {
	MX_IP = 1,		/* files.md 3 */
	MX_RDNS = 2,		/* files.md 4.1 */
};

/* What is looked up: the parsed client address or a name. */
struct mx_key {
	enum mx_kind		 kind;
	const struct ip_addr	*ip;	/* MX_IP */
	const char		*name;	/* MX_RDNS */
	size_t			 namelen;
};

/*
 * Files smaller than this are always scanned (they are faster to scan than
 * an index is to open, and get no F.sdx); 0 indexes every file (tests).
 */
extern size_t	 match_index_min_size;
/* What happened so far in this process (tests, debugging). */
struct mx_stats {
	unsigned long	 used;		/* lookups answered by an index */
	unsigned long	 built;		/* indexes written */
	unsigned long	 scanned;	/* large files scanned instead */
};
extern struct mx_stats	 match_index_stats;

/*
 * match_lists() with a key: files of at least match_index_min_size bytes
 * are looked up through their index.  key NULL: plain match_lists().
 */
int	 match_lists_key(const struct strlist *entries,
	    const struct strlist *files, const char *what, match_pred *pred,
	    void *ctx, const struct mx_key *key, struct match_result *res);

/*
 * Look key up in the index of path, whose text lf has open and not yet
 * read; pred/ctx is the linear scan's predicate (it checks the residual
 * lines and the line an index names).  Builds or rebuilds the index when
 * needed and possible.  1 match (res filled: MS_FILE, entry, file, line),
 * 0 none; -1 no usable index: lf is rewound and the caller scans it.
 */
int	 match_index_file(const char *path, struct listfile *lf,
	    const struct mx_key *key, match_pred *pred, void *ctx,
	    struct match_result *res);

/* One address interval, inclusive, network order (IPv4 in lo[0..3]). */
struct mx_span {
	int		 family;	/* AF_INET or AF_INET6 */
	unsigned char	 lo[16], hi[16];
};

/*
 * The addresses an IP list line matches for every TCPREMOTEINFO and rDNS
 * name (files.md 3.1): 0..MX_MAXSPANS intervals written to spans, or -1
 * when the answer depends on more than the address ("user@", "=name") or
 * needs too many intervals: the line is then checked one by one.
 */
int	 match_ip_spans(const char *line, size_t len, struct mx_span *spans);

/*
 * The names an rDNS list line matches (files.md 4.1): 0 none, 1 exactly
 * *key, 2 *key itself and every name ending in "." *key.  *key points
 * into line.
 */
int	 match_rdns_kind(const char *line, size_t len, const char **key,
	    size_t *keylen);

/*
 * ---- Between match_index.c (format, reading, lookups) and
 * match_index_build.c (building); the layout is described in
 * match_index.c.  Native byte order: the index is a cache for this host.
 */
#define MX_MAGIC	"SDYKIDX\n"
#define MX_VERSION	1u
#define MX_ORDER	0x01020304u	/* reads back otherwise elsewhere */
#define MX_NOLINE	UINT32_MAX	/* offsets table: not an entry line */
#define MX_NAMEMAX	1024		/* longer names are scanned for */

struct mx_header {
	char		 magic[8];
	uint32_t	 version;
	uint32_t	 kind;
	uint32_t	 order;
	uint32_t	 hsize;		/* sizeof(struct mx_header) */
	uint64_t	 fsize;		/* size of the whole index */
	uint64_t	 src_ino;	/* the text, as fstat(2) saw it */
	uint64_t	 src_size;
	int64_t		 src_mtime, src_mtime_ns;
	int64_t		 src_ctime, src_ctime_ns;
	uint32_t	 nlines, nres, nseg4, nseg6, nnames, spare;
	uint64_t	 off_lines, off_res, off_seg4, off_seg6, off_names;
	uint64_t	 off_pool, pool_size;
	uint64_t	 check;		/* mx_header_check() */
};

struct mx_res {				/* a line checked one by one */
	uint32_t	 line, off, len;	/* text: pool[off, off + len) */
};

struct mx_seg4 {
	uint32_t	 start, line;	/* start in host order */
};

struct mx_seg6 {
	unsigned char	 start[16];
	uint32_t	 line;
};

struct mx_name {
	uint32_t	 off, len, exact, suffix;	/* key: pool[off...] */
};

/* Stored line numbers and offsets are XORed with mx_tag(what, salt). */
#define MX_SALT_SEG	0x5e95e95eu	/* of the segment start */
#define MX_SALT_EXACT	0xe8ac7e8au	/* of the key */
#define MX_SALT_SUFFIX	0x5f1f1f1fu	/* of the key */
#define MX_SALT_RES	0x7e5d7e5du	/* of the residual text */
#define MX_SALT_OFF	0x0ff5e70fu	/* of the line number */

uint32_t mx_tag(const void *p, size_t n, uint32_t salt);
/* FNV-1a of the header bytes before check. */
uint64_t mx_header_check(const struct mx_header *);
/* Record the text's identity (inode, size, mtime, ctime) in a header. */
void	 mx_src_ident(struct mx_header *, const struct stat *);
/* Key order of the names table: memcmp, then shorter first. */
int	 mx_keycmp(const unsigned char *a, size_t alen,
	    const unsigned char *b, size_t blen);
/* Is the index at ixpath valid and built from the text src? */
bool	 mx_fresh(const char *ixpath, const struct stat *src,
	    enum mx_kind kind);
/*
 * Build the index at ixpath from the text lf has open and not read yet,
 * whose fstat() is src; lf is consumed.  0 ok; -1 with errno set (EAGAIN:
 * another process is building it; ESTALE: the text changed meanwhile).
 */
int	 mx_build(const char *ixpath, struct listfile *lf,
	    const struct stat *src, enum mx_kind kind);

#endif
