/*
 * int.h - shared between the resolver's files of src/dns/ only; not a
 * public interface (that is dns.h).  resolver.c owns lookups, queries,
 * rounds, timers and the UDP sockets; tcp.c the TCP fallback of one
 * query (session.md 6.2 item 7); sync.c dns_lookup_sync() and the copied
 * results it returns.
 */
#ifndef SPAMDYKE_DNS_INT_H
#define SPAMDYKE_DNS_INT_H

#include <sys/types.h>
#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns/dns.h"

#define MAX_QUERIES	64	/* per lookup, aliases included */
#define MAX_SERVERS	(2 * DNS_MAX_SERVERS)
#define QUERY_MAX	512	/* a query: 12 + 255 + 4 bytes at most */

enum qstate {
	Q_OPEN,			/* waiting for an answer */
	Q_FOUND,		/* records of its type arrived */
	Q_NEGATIVE,		/* NXDOMAIN or no data */
	Q_ALIAS,		/* handed on to a query for the alias target */
};

struct dns_tcp;			/* tcp.c's */

/* One name and type asked, with its own id; part of one lookup. */
struct dns_query {
	char			 name[DNS_MAX_NAME + 1];
	int			 rrtype;
	uint16_t		 id;
	int			 depth;		/* CNAME hops from the name */
	enum qstate		 st;
	uint32_t		 asked;		/* servers sent to this round */
	uint32_t		 failed;	/* of those, failed answers */
	struct dns_tcp		*tcp;		/* its TCP fallback, or NULL */
	unsigned char		 pkt[QUERY_MAX];
	size_t			 len;
};

struct dns_lookup {
	struct dns_resolver	*res;
	struct dns_lookup	*prev, *next;
	char			 name[DNS_MAX_NAME + 1];
	unsigned		 types, prefer;
	dns_cb			*cb;
	void			*ctx;
	struct dns_query	*q[MAX_QUERIES];
	size_t			 nq;
	int			 fd4, fd6;
	int			 round;
	uint64_t		 deadline;
	int			 timer;		/* round or immediate timer */
	int			 status;	/* for an immediate result */
	unsigned		 hit;		/* types found that count */
	unsigned		 present;	/* types present in rr[] */
	struct dns_rr		**rr;
	size_t			 nrr;
};

struct dns_resolver {
	struct loop		*loop;
	struct dns_config	 cfg;
	struct dns_server	 srv[MAX_SERVERS];	/* primaries first */
	size_t			 nprim, nsrv;
	struct dns_lookup	*head;
	size_t			 nlookups;
	unsigned char		*buf;			/* DNS_UDP_MAX */
};

/* ---- resolver.c ---- */

/*
 * Decide whether lk is over (6.2 items 6 and 8), ending the round early
 * when every server asked failed.  true: it completed and is freed.
 */
bool		 dns_check(struct dns_lookup *lk);
/*
 * One answer for lk from configured server "server" (-1: unknown
 * source), via_tcp when it came over TCP.  true: lk completed and is
 * freed.
 */
bool		 dns_handle_answer(struct dns_lookup *lk,
		    const unsigned char *pkt, size_t len, int server,
		    bool via_tcp);
/* Count server (if known, >= 0) as failed for q in this round. */
void		 dns_fail_server(struct dns_query *q, int server);
/* The address of ss as text in buf (returned), its port in *port. */
const char	*dns_addr_text(const struct sockaddr_storage *ss, char *buf,
		    size_t len, unsigned *port);
/* Free n records and the array. */
void		 dns_records_free(struct dns_rr **rr, size_t n);

/* ---- tcp.c ---- */

/*
 * Ask q again over TCP of server (its index in the lookup's resolver),
 * unless q has a connection already.  Failures count the server as
 * failed for q; the answer goes to dns_handle_answer().
 */
void		 dns_tcp_start(struct dns_lookup *lk, struct dns_query *q,
		    int server);
/* Close q's connection (t may be NULL) and forget it in its query. */
void		 dns_tcp_close(struct dns_tcp *t, struct dns_resolver *res);

#endif
