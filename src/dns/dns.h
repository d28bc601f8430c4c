/*
 * dns.h - the asynchronous DNS client (session.md 6, options.md 2.3).
 *
 * A lookup asks one name for a set of record types.  Every query of a
 * lookup leaves at once, over non-blocking UDP sockets driven by the
 * caller's loop; answers, retry rounds and the deadline are handled here
 * and the callback runs exactly once, from the loop, with the records.
 * Many lookups may be in flight together (rDNS plus every RBL at
 * connection start).  There is no cache and no blocking call.
 *
 * Configuration (conf.c) turns option values and resolver files into a
 * struct dns_config; the resolver (resolver.c) copies it.  Packets are
 * built and read with libresolv (packet.c); the packet functions are
 * declared at the end for resolver.c, the utilities and the tests.
 */
#ifndef SPAMDYKE_DNS_DNS_H
#define SPAMDYKE_DNS_DNS_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loop;

/* Record types, as bits: a lookup asks for a set of them. */
#define DNS_T_A		0x001u
#define DNS_T_AAAA	0x002u
#define DNS_T_CNAME	0x004u	/* follow aliases; see dns_lookup() */
#define DNS_T_MX	0x008u
#define DNS_T_PTR	0x010u
#define DNS_T_TXT	0x020u
#define DNS_T_NS	0x040u
#define DNS_T_SOA	0x080u
#define DNS_T_ANY	0x100u	/* one ANY query; records of every type */
#define DNS_T_ALL	0x1ffu

/* Lookup outcome (STYLE.md 4: 1 found, 0 not found, -1 no result). */
#define DNS_FOUND	1
#define DNS_NOTFOUND	0	/* NXDOMAIN or no data from every query */
#define DNS_NORESULT	(-1)	/* timeout, server failures, dns-level none */

#define DNS_MAX_SERVERS	16	/* per list (options.md 2.3) */
#define DNS_MAX_NAME	253	/* longest name we send, without the dot */
#define DNS_MAX_CHAIN	16	/* CNAME lookups per chain (6.2 item 9) */
#define DNS_MAX_LOOKUPS	128	/* lookups in flight per resolver */
#define DNS_MAX_TXT	4096	/* TXT text kept per record, bytes */
#define DNS_DEFAULT_TIMEOUT 30	/* seconds, when nothing sets one */

/*
 * dns-level and dns-spoof.  The values are those of the options' DL_* and
 * DS_* (config/options.h), in the same order, so the option value can be
 * cast.
 */
enum dns_level {
	DNS_LEVEL_NONE,		/* never query: every lookup is "no result" */
	DNS_LEVEL_NORMAL,	/* one server per round, rotating */
	DNS_LEVEL_AGGRESSIVE,	/* every server of the round (default) */
};

enum dns_spoof {
	DNS_SPOOF_ACCEPT_ALL,	/* any source (id, question still checked) */
	DNS_SPOOF_ACCEPT_SAME_IP,	/* address of a configured server */
	DNS_SPOOF_ACCEPT_SAME_PORT,	/* port of a configured server */
	DNS_SPOOF_REJECT,	/* address and port of one configured server */
};

struct dns_server {
	struct sockaddr_storage	 addr;
	socklen_t		 len;
};

struct dns_config {
	struct dns_server	 primary[DNS_MAX_SERVERS];
	size_t			 nprimary;
	struct dns_server	 secondary[DNS_MAX_SERVERS];
	size_t			 nsecondary;
	enum dns_level		 level;
	int			 max_retries_primary;	/* rounds */
	int			 max_retries_total;	/* >= 1 */
	long			 timeout_secs;	/* <= 0: not set */
	enum dns_spoof		 spoof;
	bool			 tcp;		/* dns-tcp normal */
	/* Set by dns_config_read_resolv(); -1 when the file had none. */
	long			 resolv_total;	/* "timeout N" */
	long			 resolv_query;	/* "options timeout:N" */
	/* Set by dns_config_finish(): the whole budget of one lookup. */
	uint64_t		 timeout_ms;
};

/* Defaults of options.md 2.3: aggressive, 1 and 3 rounds, accept-all, tcp. */
void	 dns_config_init(struct dns_config *);
/*
 * Parse "IPv4[:PORT]", "IPv6" or "[IPv6]:PORT" (PORT 1-65535, default
 * 53) into *srv.  0 ok, -1 malformed (message in err).
 */
int	 dns_server_parse(const char *spec, struct dns_server *srv, char *err,
	    size_t errlen);
/*
 * Add a dns-server-ip-primary (primary true) or dns-server-ip server.
 * Duplicates in the same list are ignored.  0 ok, -1 malformed or the
 * list already holds DNS_MAX_SERVERS (message in err).
 */
int	 dns_config_add_server(struct dns_config *, const char *spec,
	    bool primary, char *err, size_t errlen);
/*
 * Read one resolver file (6.1 item 2): nameserver lines (the first server
 * of all files becomes primary, later ones secondary, duplicates and
 * servers past DNS_MAX_SERVERS dropped), "port N" for this file's servers,
 * "timeout N", "options timeout:N".  Bad lines are logged and skipped.
 * 0 ok, -1 the file cannot be read (message naming it in err).
 */
int	 dns_config_read_resolv(struct dns_config *, const char *path,
	    char *err, size_t errlen);
/*
 * Complete the configuration: default server 127.0.0.1:53 when there is
 * none, and timeout_ms by the precedence of 6.2 item 4 (dns-timeout-secs;
 * RES_OPTIONS "timeout:N" x rounds; "timeout N"; "options timeout:N" x
 * rounds; 30 s).  res_options is getenv("RES_OPTIONS"), may be NULL.
 */
void	 dns_config_finish(struct dns_config *, const char *res_options);
/*
 * The usual sequence after the explicit options are set: read every
 * resolver file in paths[] unless a server was given explicitly, then
 * dns_config_finish().  0 ok, -1 a file could not be read (err).
 */
int	 dns_config_load(struct dns_config *, const char *const *paths,
	    size_t npaths, const char *res_options, char *err, size_t errlen);

/* One answer record; strings are NUL-terminated and lowercased names. */
struct dns_rr {
	unsigned	 type;		/* one DNS_T_* bit (never DNS_T_ANY) */
	char		*owner;		/* owner name, lowercased */
	/*
	 * Text form: A dotted quad; AAAA RFC 5952; PTR, CNAME, NS, MX
	 * host and SOA primary server as names; TXT every character-string
	 * joined (may contain NUL bytes, clipped at DNS_MAX_TXT).
	 */
	char		*data;
	size_t		 len;		/* bytes in data */
	size_t		 txt_first;	/* TXT: length of the first string */
	unsigned char	 addr[16];	/* A: 4 bytes, AAAA: 16 bytes */
	unsigned	 pref;		/* MX preference */
	char		*soa_rname;	/* SOA: mailbox name */
	uint32_t	 soa[5];	/* SOA: serial ... minimum */
};

struct dns_result {
	int		 status;	/* DNS_FOUND, _NOTFOUND, _NORESULT */
	const char	*name;		/* the name asked (without final dot) */
	unsigned	 found;		/* DNS_T_* bits present in rr[] */
	struct dns_rr	**rr;		/* by arrival, then answer order */
	size_t		 nrr;
};

/*
 * Result callback: runs once per lookup, from the loop.  The result and
 * its records belong to the resolver and are freed when cb returns.  The
 * callback may start and cancel other lookups and free the resolver.
 */
typedef void	 dns_cb(const struct dns_result *, void *ctx);

struct dns_resolver;
struct dns_lookup;

/* A resolver on loop with a copy of cfg; NULL when out of memory. */
struct dns_resolver *dns_new(struct loop *, const struct dns_config *);
/*
 * Look up name (a trailing dot is ignored) for the types in "types".
 * Each type except CNAME becomes one query; CNAME alone becomes a CNAME
 * query, and with other types it means: follow an alias chain the answer
 * does not complete (at most DNS_MAX_CHAIN lookups, loops stop it) and
 * report the CNAME records.  Records of an asked type found along an
 * alias chain count; CNAME records count as found only when CNAME is the
 * only type asked.
 *
 * The lookup is found as soon as a query of a type in "prefer" answers,
 * or a record is there and no query of a preferred type is still open,
 * or at the end of the round in which something was found; prefer 0 means
 * the first answer with records wins (6.2 items 6 and 8).  It is not found
 * when every query came back negative (NXDOMAIN or no data; SERVFAIL and
 * REFUSED do not count), and has no result when the rounds run out.
 *
 * A name that is empty, has an empty label, a label over 63 bytes, more
 * than DNS_MAX_NAME bytes, a backslash, a space or a control byte is
 * never sent: that lookup is "not found".  The callback never runs before
 * dns_lookup() returns.  Returns a handle valid until the callback starts
 * or dns_cancel(), or NULL (errno ENOMEM, or EAGAIN when DNS_MAX_LOOKUPS
 * are in flight; types without a known bit: EINVAL).
 */
struct dns_lookup *dns_lookup(struct dns_resolver *, const char *name,
	    unsigned types, unsigned prefer, dns_cb *cb, void *ctx);
/* Stop a lookup; its callback will not run.  Not from its own callback. */
void	 dns_cancel(struct dns_lookup *);
/* Number of lookups in flight (tests, and callers pacing themselves). */
size_t	 dns_pending(const struct dns_resolver *);
/* Cancel every lookup (no callbacks) and free the resolver. */
void	 dns_free(struct dns_resolver *);

/*
 * Blocking convenience for the small utilities and tests: runs a private
 * loop until the lookup ends.  Returns the status; *res (may be NULL) gets
 * a copy of the result to release with dns_result_free(), or NULL when
 * out of memory (status DNS_NORESULT).
 */
int	 dns_lookup_sync(const struct dns_config *, const char *name,
	    unsigned types, unsigned prefer, struct dns_result **res);
void	 dns_result_free(struct dns_result *);
/* First record of type (a DNS_T_* bit) in res, or NULL. */
const struct dns_rr *dns_result_first(const struct dns_result *,
	    unsigned type);

/* DNS_T_* bit <-> RR type number (ns_t_a ...); 0 for anything else. */
unsigned dns_type_bit(int rrtype);
int	 dns_type_code(unsigned bit);
/* "A", "TXT", ... for one bit; "?" otherwise. */
const char *dns_type_name(unsigned bit);

/*
 * Is name acceptable on the wire (the rules of dns_lookup())?  When it
 * is, copy it to out without a final dot.  outlen > DNS_MAX_NAME.
 */
bool	 dns_name_ok(const char *name, char *out, size_t outlen);

/* ---- packet.c: build and read packets with libresolv. ---- */

#define DNS_UDP_MAX	65536	/* receive buffer; answers are clipped here */
#define DNS_TCP_MAX	65535	/* largest TCP answer (2-byte length) */

/*
 * Build a query for name (checked by dns_name_ok()) and rrtype: id, RD
 * set, one question of class IN, no EDNS.  Returns the length, or -1
 * when it does not fit in buflen or the name is refused.
 */
int	 dns_packet_query(unsigned char *buf, size_t buflen, uint16_t id,
	    const char *name, int rrtype);

/* Why a packet is not an answer to our query. */
enum dns_perr {
	DNS_P_OK,
	DNS_P_SHORT,		/* shorter than a header */
	DNS_P_ID,		/* another id */
	DNS_P_NOTREPLY,		/* QR clear or opcode not QUERY */
	DNS_P_QUESTION,		/* question missing or not ours */
	DNS_P_MALFORMED,	/* does not parse: counts, names, rdata */
};

struct dns_reply {
	int		 rcode;		/* ns_r_noerror, ns_r_nxdomain, ... */
	bool		 tc;		/* truncated */
	bool		 ra;		/* recursion available */
	int		 nfound;	/* records of the asked type accepted */
	/*
	 * When nothing was found and the answer's CNAMEs lead away from
	 * the question's name: the last name of that chain (lowercased),
	 * for the caller to ask next; else "".
	 */
	char		 alias[DNS_MAX_NAME + 2];
	int		 nalias;	/* CNAMEs followed inside the answer */
};

/*
 * Read an answer to (id, qname, rrtype): header, question (name
 * case-insensitively, type, class IN), then the answer section.  Records
 * of rrtype (every type for ns_t_any) whose owner is qname or a name the
 * answer's own CNAMEs lead to are appended to *rrs (grown with realloc,
 * *nrr counts them), CNAME records too when want_cname.  Records of other
 * owners are ignored.  Returns DNS_P_OK and fills *r, or the reason to
 * ignore the packet (then *rrs gains nothing).
 */
enum dns_perr dns_packet_parse(const unsigned char *pkt, size_t len,
	    uint16_t id, const char *qname, int rrtype, bool want_cname,
	    struct dns_reply *r, struct dns_rr ***rrs, size_t *nrr);
/* Free one record from dns_packet_parse(). */
void	 dns_rr_free(struct dns_rr *);

#endif
