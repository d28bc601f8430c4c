/*
 * match.h - the pure matching engines behind the list filters
 * (files.md 3-8, session.md 2.11).
 *
 * Given the value to look up and the configured entries, files and
 * directories, each matcher says whether something matched and what, in
 * a struct match_result the caller turns into FILTER and decision lines
 * (session.md 4.2, 4.5).  Nothing here touches a socket or a session.
 *
 * Common rules: entries are tried before files, in the order given, and
 * the first match wins.  Files are reread on every call and read by
 * util/listfile (files.md 0).  A file that cannot be opened is logged
 * ("unable to open file for searching F: reason", for keyword files
 * "unable to open keywords file F: reason") and counts as no match; zone
 * files differ (match_zones_load).  A NULL list is empty.  Values looked
 * up are expected lowercased; comparisons are ASCII case-insensitive
 * anyway.  Results are copied into struct match_result: nothing returned
 * points into the lists or the files.
 */
#ifndef SPAMDYKE_FILTERS_MATCH_H
#define SPAMDYKE_FILTERS_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/options.h"

#define MATCH_ENTRYLEN	512
#define MATCH_PATHLEN	4096

enum match_src {
	MS_NONE,	/* nothing matched */
	MS_ENTRY,	/* an -entry value: entry */
	MS_FILE,	/* a line of a file: entry (the line), file, line */
	MS_DIR,		/* an rDNS directory: path */
};

struct match_result {
	enum match_src	 src;
	char		 entry[MATCH_ENTRYLEN];	/* clipped, NUL-terminated */
	char		 file[MATCH_PATHLEN];
	unsigned	 line;
	char		 path[MATCH_PATHLEN];
};

/* The client as the IP list rules see it (files.md 3.1). */
struct match_client {
	const char	*ip;	/* remote address text */
	const char	*rdns;	/* rDNS name; NULL or "" when there is none */
	const char	*info;	/* TCPREMOTEINFO; NULL when unset */
};

/* Decision-line reason: entry, "FILE:LINE" or path (4.3); returns dst. */
char	*match_reason(const struct match_result *, char *dst, size_t len);
/* FILTER line tail: "entry: E", "file: F(L)" or "path: P"; returns dst. */
char	*match_filter_tail(const struct match_result *, char *dst,
	    size_t len);

/*
 * The driver every matcher uses (shared by the match_*.c files): a line
 * of an entry or a file matches when pred accepts it.  what names the
 * file in the open error: "file for searching" or "keywords file".
 * 1 match (res filled), 0 none.
 */
typedef bool	 match_pred(const char *line, size_t len, void *ctx);
int	 match_lists(const struct strlist *entries,
	    const struct strlist *files, const char *what, match_pred *pred,
	    void *ctx, struct match_result *);

/* IP lists (files.md 3): 1 match, 0 none. */
int	 match_ip(const struct match_client *, const struct strlist *entries,
	    const struct strlist *files, struct match_result *);
/* One IP list line or entry value against the client (files.md 3.1). */
bool	 match_ip_line(const struct match_client *, const char *line,
	    size_t len);

/* rDNS names (files.md 4.1): 1 match, 0 none (also when rdns is empty). */
int	 match_rdns(const char *rdns, const struct strlist *entries,
	    const struct strlist *files, struct match_result *);
/* rDNS directories (files.md 4.2): 1 match (path set), 0 none. */
int	 match_rdns_dir(const char *rdns, const struct strlist *dirs,
	    struct match_result *);
/*
 * The path under an rDNS directory that encodes name (files.md 4.2), e.g.
 * "com/e/example/example.com".  0 ok; -1 when name has an empty label, a
 * '/' or does not fit.
 */
int	 match_rdns_path(const char *name, char *dst, size_t len);

/* Address lists (files.md 6). */
#define MATCH_ADDR_DOT_ENTRIES	0x1u	/* sender-blacklist-entry quirk */
/*
 * The target is local@domain, local alone without a domain, @domain with
 * an empty local part; an empty target matches nothing.  flags applies
 * MATCH_ADDR_DOT_ENTRIES to entries only.  1 match, 0 none.
 */
int	 match_addr(const char *local, const char *domain,
	    const struct strlist *entries, const struct strlist *files,
	    unsigned flags, struct match_result *);

/* IP-in-rDNS (files.md 5): is the client IPv4 address in the name? */
bool	 match_ip_in_name(const char *ip, const char *rdns);
/* 5.2: IP in the name and the last label exactly two characters. */
bool	 match_ip_in_cc_rdns(const char *ip, const char *rdns);
/* One keyword pattern against a name known to contain the IP (5.3). */
bool	 match_keyword_line(const char *rdns, const char *pat, size_t len);
/* 5.3: keyword entries, then keyword files; 1 match, 0 none. */
int	 match_keyword(const char *ip, const char *rdns,
	    const struct strlist *entries, const struct strlist *files,
	    struct match_result *);

/* Header blacklist (files.md 7): field is one unfolded header field. */
int	 match_header(const char *field, size_t len,
	    const struct strlist *entries, const struct strlist *files,
	    struct match_result *);

/* DNS list zones (files.md 8, options.md 5 ZONE=CODES). */
#define ZONE_NAMELEN	254	/* 253 octets and NUL */
#define ZONE_MAXCODES	8

struct zone {
	char		 name[ZONE_NAMELEN];
	size_t		 ncodes;		/* 0: any answer lists */
	struct {
		uint32_t lo, hi;		/* host order, inclusive */
	}		 codes[ZONE_MAXCODES];
};

struct zonelist {
	struct zone	*v;
	size_t		 n;
	size_t		 cap;
};

/*
 * Parse "ZONE" or "ZONE=CODES" (n bytes; surrounding blanks ignored).
 * CODES is a comma-separated list of A.B.C.D, A.B.C.D/LEN, A.B.C.D-E.F.G.H,
 * N or N-M (N, M: the last octet of 127.0.0.N).  0 ok; -1 malformed,
 * with a reason in err.
 */
int	 match_zone_parse(const char *text, size_t n, struct zone *,
	    char *err, size_t errlen);
/*
 * Entries first, then every file, appended to out (free it with
 * match_zones_free).  0 ok; -1 when a file cannot be opened or read or
 * memory runs out (logged; out keeps only what it had): skip the filter
 * (files.md 8).  Malformed zones are logged and left out.
 */
int	 match_zones_load(const struct strlist *entries,
	    const struct strlist *files, struct zonelist *out);
void	 match_zones_free(struct zonelist *);
/*
 * Does the A answer addr (4 bytes, network order) list the client in z?
 * 127.255.255.0/24 ("query refused") does not, unless CODES names it;
 * with CODES only the addresses given do.
 */
bool	 match_zone_listed(const struct zone *z, const unsigned char addr[4]);

#endif
