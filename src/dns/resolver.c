/*
 * resolver.c - lookups in flight: sockets, ids, rounds and deadlines
 * (session.md 6.2), driven by the caller's loop.
 *
 * A lookup is one name and a set of types; each type is one query with a
 * random id, sent over the lookup's own non-blocking UDP socket(s), so
 * every lookup gets a fresh kernel-chosen source port.  All queries of a
 * lookup leave together, round after round: a round sends every open
 * query to the round's servers (aggressive) or to one of them in turn
 * (normal) and waits min(remaining, total / rounds).  A round also ends
 * early when every server asked has answered SERVFAIL/REFUSED or
 * nonsense.  An answer counts only if its source passes dns-spoof and its
 * id and question are an open query's (packet.c checks the latter).
 * Truncated answers are asked again over TCP (tcp.c); aliases the answer
 * does not resolve are followed with new queries.
 *
 * Packets are packet.c's, configuration conf.c's, the waiting variant
 * sync.c's.  Entry points: dns_new(), dns_lookup(), dns_cancel(),
 * dns_pending(), dns_free(), dns_result_first(); for tcp.c (int.h)
 * dns_check(), dns_handle_answer() and their helpers.
 */
#include <sys/types.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dns/dns.h"
#include "dns/int.h"
#include "io/loop.h"
#include "log/log.h"
#include "util/ip.h"
#include "util/str.h"

#define MAX_RECORDS	256	/* kept per lookup; more are dropped */
#define RECV_BURST	64	/* datagrams read per wake-up */

static void	 round_timer(void *);

/* ---- small helpers ---- */

static uint16_t
rand16(void)
{
	static unsigned fallback;
	uint16_t v;

	if (getrandom(&v, sizeof(v), 0) == (ssize_t)sizeof(v))
		return v;
	/* getrandom(2) cannot fail on a supported kernel; be safe anyway. */
	fallback = fallback * 1103515245u + 12345u + (unsigned)loop_now_ms();
	return (uint16_t)(fallback >> 8);
}

const char *
dns_addr_text(const struct sockaddr_storage *ss, char *buf, size_t len,
    unsigned *port)
{
	struct ip_addr ip;

	memset(&ip, 0, sizeof(ip));
	*port = 0;
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s = (const void *)ss;

		ip.family = AF_INET;
		memcpy(ip.a, &s->sin_addr, 4);
		*port = ntohs(s->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const void *)ss;

		ip.family = AF_INET6;
		memcpy(ip.a, &s->sin6_addr, 16);
		*port = ntohs(s->sin6_port);
	}
	return ip_format(&ip, buf, len);
}

/* Compare address (and port when with_port) of two socket addresses. */
static bool
same_addr(const struct sockaddr_storage *a, const struct sockaddr_storage *b,
    bool with_addr, bool with_port)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET) {
		const struct sockaddr_in *x = (const void *)a,
		    *y = (const void *)b;

		return (!with_addr ||
		    x->sin_addr.s_addr == y->sin_addr.s_addr) &&
		    (!with_port || x->sin_port == y->sin_port);
	}
	if (a->ss_family == AF_INET6) {
		const struct sockaddr_in6 *x = (const void *)a,
		    *y = (const void *)b;

		return (!with_addr || memcmp(&x->sin6_addr, &y->sin6_addr,
		    16) == 0) && (!with_port || x->sin6_port == y->sin6_port);
	}
	return false;
}

/*
 * Which configured server sent this?  -1 unknown.  *ok tells whether the
 * dns-spoof policy accepts the source (6.2 item 5).
 */
static int
source_server(const struct dns_resolver *res,
    const struct sockaddr_storage *from, bool *ok)
{
	size_t i;
	int exact = -1;
	bool addr = false, port = false;

	for (i = 0; i < res->nsrv; i++) {
		const struct sockaddr_storage *s = &res->srv[i].addr;

		if (same_addr(s, from, true, true) && exact == -1)
			exact = (int)i;
		if (same_addr(s, from, true, false))
			addr = true;
		if (s->ss_family == from->ss_family &&
		    same_addr(s, from, false, true))
			port = true;
	}
	switch (res->cfg.spoof) {
	case DNS_SPOOF_ACCEPT_SAME_IP:
		*ok = addr;
		break;
	case DNS_SPOOF_ACCEPT_SAME_PORT:
		*ok = port;
		break;
	case DNS_SPOOF_REJECT:
		*ok = exact != -1;
		break;
	default:
		*ok = true;
	}
	return exact;
}

static unsigned
round_count(const struct dns_lookup *lk)
{
	const struct dns_resolver *res = lk->res;

	/* Primary-only rounds first (6.2 item 3); no primary: everyone. */
	if (lk->round < res->cfg.max_retries_primary && res->nprim > 0)
		return (unsigned)res->nprim;
	return (unsigned)res->nsrv;
}

static uint64_t
round_len(const struct dns_resolver *res)
{
	uint64_t len = res->cfg.timeout_ms /
	    (uint64_t)res->cfg.max_retries_total;

	return len > 0 ? len : 1;
}

/* ---- sending ---- */

static void	udp_cb(int, unsigned, void *);

static int
udp_socket(struct dns_lookup *lk, int family)
{
	int *fdp = family == AF_INET6 ? &lk->fd6 : &lk->fd4;
	struct sockaddr_storage any;
	socklen_t len;
	int fd;

	if (*fdp != -1)
		return *fdp;
	if ((fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) == -1) {
		log_error("unable to create UDP socket: %s", strerror(errno));
		return -1;
	}
	/* Port 0: the kernel picks a random ephemeral port per socket. */
	memset(&any, 0, sizeof(any));
	any.ss_family = (sa_family_t)family;
	len = family == AF_INET6 ? sizeof(struct sockaddr_in6) :
	    sizeof(struct sockaddr_in);
	if (bind(fd, (struct sockaddr *)&any, len) == -1) {
		log_error("unable to bind socket: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (loop_watch(lk->res->loop, fd, IO_READ, udp_cb, lk) == -1) {
		close(fd);
		return -1;
	}
	return *fdp = fd;
}

static void
send_to(struct dns_lookup *lk, struct dns_query *q, unsigned s)
{
	const struct dns_server *srv = &lk->res->srv[s];
	ssize_t n;
	int fd;

	if (q->asked & (1u << s))
		return;
	if ((fd = udp_socket(lk, srv->addr.ss_family)) == -1)
		return;
	n = sendto(fd, q->pkt, q->len, 0, (const struct sockaddr *)&srv->addr,
	    srv->len);
	if (n == -1) {
		log_error("unable to send data packet, tried to send %zu "
		    "bytes: %s", q->len, strerror(errno));
		return;
	}
	if ((size_t)n != q->len) {
		log_error("unable to send complete data packet, tried to send "
		    "%zu bytes, actually sent %zd bytes", q->len, n);
		return;
	}
	q->asked |= 1u << s;
}

static void
send_query(struct dns_lookup *lk, struct dns_query *q)
{
	unsigned n = round_count(lk), i;

	if (lk->res->cfg.level == DNS_LEVEL_NORMAL)
		send_to(lk, q, (unsigned)lk->round % n);
	else
		for (i = 0; i < n; i++)
			send_to(lk, q, i);
}

static void
start_round(struct dns_lookup *lk)
{
	struct dns_resolver *res = lk->res;
	uint64_t now = loop_now_ms(), end = now + round_len(res);
	size_t i;

	if (end > lk->deadline)
		end = lk->deadline;
	for (i = 0; i < lk->nq; i++)
		if (lk->q[i]->st == Q_OPEN) {
			lk->q[i]->asked = lk->q[i]->failed = 0;
			send_query(lk, lk->q[i]);
		}
	lk->timer = loop_timer(res->loop, end, round_timer, lk);
}

/* ---- queries ---- */

static bool
id_used(const struct dns_lookup *lk, uint16_t id)
{
	size_t i;

	for (i = 0; i < lk->nq; i++)
		if (lk->q[i]->id == id)
			return true;
	return false;
}

/* A new open query; NULL when the lookup is full or memory is short. */
static struct dns_query *
add_query(struct dns_lookup *lk, const char *name, int rrtype, int depth)
{
	struct dns_query *q;
	int n;

	if (lk->nq == MAX_QUERIES || (q = calloc(1, sizeof(*q))) == NULL)
		return NULL;
	if (!dns_name_ok(name, q->name, sizeof(q->name))) {
		free(q);
		return NULL;
	}
	q->rrtype = rrtype;
	q->depth = depth;
	/* Improvement: a random id per query (6.2), unique in the lookup. */
	do
		q->id = rand16();
	while (id_used(lk, q->id));
	if ((n = dns_packet_query(q->pkt, sizeof(q->pkt), q->id, q->name,
	    rrtype)) == -1) {
		free(q);
		return NULL;
	}
	q->len = (size_t)n;
	lk->q[lk->nq++] = q;
	return q;
}

static bool
queried(const struct dns_lookup *lk, const char *name, int rrtype)
{
	size_t i;

	for (i = 0; i < lk->nq; i++)
		if (lk->q[i]->rrtype == rrtype &&
		    str_eq_ci(lk->q[i]->name, name))
			return true;
	return false;
}

static struct dns_query *
query_by_id(const struct dns_lookup *lk, uint16_t id)
{
	size_t i;

	for (i = 0; i < lk->nq; i++)
		if (lk->q[i]->id == id)
			return lk->q[i];
	return NULL;
}

/* ---- ending a lookup ---- */


void
dns_records_free(struct dns_rr **rr, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dns_rr_free(rr[i]);
	free(rr);
}

/* Release sockets, timers and the list entry; the lookup stays allocated. */
static void
detach(struct dns_lookup *lk)
{
	struct dns_resolver *res = lk->res;
	size_t i;

	if (lk->timer > 0)
		loop_cancel(res->loop, lk->timer);
	lk->timer = 0;
	for (i = 0; i < lk->nq; i++)
		dns_tcp_close(lk->q[i]->tcp, res);
	if (lk->fd4 != -1) {
		loop_unwatch(res->loop, lk->fd4);
		close(lk->fd4);
	}
	if (lk->fd6 != -1) {
		loop_unwatch(res->loop, lk->fd6);
		close(lk->fd6);
	}
	lk->fd4 = lk->fd6 = -1;
	if (lk->prev != NULL)
		lk->prev->next = lk->next;
	else
		res->head = lk->next;
	if (lk->next != NULL)
		lk->next->prev = lk->prev;
	res->nlookups--;
}

static void
lookup_free(struct dns_lookup *lk)
{
	size_t i;

	for (i = 0; i < lk->nq; i++)
		free(lk->q[i]);
	dns_records_free(lk->rr, lk->nrr);
	free(lk);
}

/* Report and free the lookup.  After this, touch nothing of it. */
static void
complete(struct dns_lookup *lk, int status)
{
	struct dns_result r;

	detach(lk);
	memset(&r, 0, sizeof(r));
	r.status = status;
	r.name = lk->name;
	r.found = lk->present;
	r.rr = lk->rr;
	r.nrr = lk->nrr;
	if (lk->cb != NULL)
		lk->cb(&r, lk->ctx);
	lookup_free(lk);
}

/* ---- answers ---- */

/* Is a query of one of these types (0: of any type) still open? */
static bool
any_open(const struct dns_lookup *lk, unsigned types)
{
	size_t i;

	for (i = 0; i < lk->nq; i++)
		if (lk->q[i]->st == Q_OPEN && (types == 0 ||
		    (dns_type_bit(lk->q[i]->rrtype) & types)))
			return true;
	return false;
}

/* A round over before its time: every server asked failed (Improvement). */
static bool
round_failed(const struct dns_lookup *lk)
{
	size_t i;
	bool open = false;

	for (i = 0; i < lk->nq; i++) {
		const struct dns_query *q = lk->q[i];

		if (q->st != Q_OPEN)
			continue;
		open = true;
		if (q->asked == 0 || q->tcp != NULL ||
		    (q->failed & q->asked) != q->asked)
			return false;
	}
	return open;
}

static bool
next_round(struct dns_lookup *lk)
{
	if (lk->hit != 0) {
		complete(lk, DNS_FOUND);
		return true;
	}
	if (lk->round + 1 >= lk->res->cfg.max_retries_total ||
	    loop_now_ms() >= lk->deadline) {
		complete(lk, DNS_NORESULT);
		return true;
	}
	lk->round++;
	start_round(lk);
	return dns_check(lk);
}

/*
 * Decide whether the lookup is over (6.2 items 6 and 8).  Returns true
 * when it completed (and is freed).
 */
bool
dns_check(struct dns_lookup *lk)
{
	if (lk->hit != 0 && (lk->prefer == 0 || (lk->hit & lk->prefer) ||
	    !any_open(lk, lk->prefer))) {
		complete(lk, DNS_FOUND);
		return true;
	}
	if (!any_open(lk, 0)) {
		complete(lk, lk->hit != 0 ? DNS_FOUND : DNS_NOTFOUND);
		return true;
	}
	if (round_failed(lk)) {
		if (lk->timer > 0)
			loop_cancel(lk->res->loop, lk->timer);
		lk->timer = 0;
		return next_round(lk);
	}
	return false;
}

static void
round_timer(void *ctx)
{
	struct dns_lookup *lk = ctx;

	lk->timer = 0;
	(void)next_round(lk);
}

static void
immediate(void *ctx)
{
	struct dns_lookup *lk = ctx;

	lk->timer = 0;
	complete(lk, lk->status);
}

void
dns_fail_server(struct dns_query *q, int server)
{
	if (server >= 0)
		q->failed |= 1u << server;
}

/* Move parsed records into the lookup. */
static void
keep(struct dns_lookup *lk, struct dns_rr **rr, size_t n)
{
	struct dns_rr **all;
	size_t i;

	if (lk->nrr + n > MAX_RECORDS) {
		log_debug("%s: keeping %d DNS records, dropping the rest",
		    lk->name, MAX_RECORDS);
		while (n > 0 && lk->nrr + n > MAX_RECORDS)
			dns_rr_free(rr[--n]);
	}
	if (n == 0)
		return;
	all = realloc(lk->rr, (lk->nrr + n) * sizeof(*all));
	if (all == NULL) {
		log_error("out of memory - unable to allocate %zu bytes",
		    (lk->nrr + n) * sizeof(*all));
		for (i = 0; i < n; i++)
			dns_rr_free(rr[i]);
		return;
	}
	for (i = 0; i < n; i++) {
		all[lk->nrr++] = rr[i];
		lk->present |= rr[i]->type;
	}
	lk->rr = all;
}

/* The answer says nothing here; follow its alias when we may. */
static void
negative(struct dns_lookup *lk, struct dns_query *q,
    const struct dns_reply *r)
{
	struct dns_query *child;
	int depth = q->depth + (r->nalias > 0 ? r->nalias : 1);

	q->st = Q_NEGATIVE;
	if (r->alias[0] == '\0' || r->rcode != ns_r_noerror ||
	    !(lk->types & DNS_T_CNAME) || q->rrtype == ns_t_cname ||
	    q->rrtype == ns_t_any)
		return;
	/* 6.2 item 9: at most DNS_MAX_CHAIN lookups per chain, no loops. */
	if (depth > DNS_MAX_CHAIN || queried(lk, r->alias, q->rrtype)) {
		log_debug("CNAME chain of %s ends at %s (loop or too long)",
		    q->name, r->alias);
		return;
	}
	if ((child = add_query(lk, r->alias, q->rrtype, depth)) == NULL)
		return;
	q->st = Q_ALIAS;
	send_query(lk, child);
}

/*
 * One packet for this lookup from configured server "server" (-1:
 * unknown source).  Returns true when the lookup completed.
 */
bool
dns_handle_answer(struct dns_lookup *lk, const unsigned char *pkt, size_t len,
    int server, bool via_tcp)
{
	struct dns_query *q;
	struct dns_reply r;
	struct dns_rr **rr = NULL;
	size_t nrr = 0;
	enum dns_perr e;
	bool want_cname = (lk->types & DNS_T_CNAME) != 0;

	if (len < 2 || (q = query_by_id(lk, ns_get16(pkt))) == NULL) {
		log_debug("DNS packet with an unknown id ignored");
		return false;
	}
	if (q->st != Q_OPEN)
		return false;		/* answered already (another server) */
	e = dns_packet_parse(pkt, len, q->id, q->name, q->rrtype, want_cname,
	    &r, &rr, &nrr);
	if (e == DNS_P_MALFORMED) {
		log_verror("bad or invalid dns response to %s; this could "
		    "indicate a problem with the name server.", q->name);
		dns_fail_server(q, server);
		return dns_check(lk);
	}
	if (e != DNS_P_OK) {
		log_debug("DNS packet for %s ignored (reason %d)", q->name,
		    (int)e);
		return false;
	}
	if (r.tc && !via_tcp && lk->res->cfg.tcp) {
		/* 6.2 item 7: ask the same server again over TCP. */
		dns_records_free(rr, nrr);
		if (server >= 0)
			dns_tcp_start(lk, q, server);
		return dns_check(lk);
	}
	if (r.rcode == ns_r_servfail || r.rcode == ns_r_refused) {
		/* Improvement: not negative; other servers, rounds. */
		dns_records_free(rr, nrr);
		dns_fail_server(q, server);
		return dns_check(lk);
	}
	keep(lk, rr, nrr);
	free(rr);
	if (r.nfound > 0) {
		q->st = Q_FOUND;
		if (q->rrtype == ns_t_any)
			lk->hit |= lk->present & ~DNS_T_ANY;
		else
			lk->hit |= dns_type_bit(q->rrtype);
	} else
		negative(lk, q, &r);
	return dns_check(lk);
}

static void
udp_cb(int fd, unsigned events, void *ctx)
{
	struct dns_lookup *lk = ctx;
	struct dns_resolver *res = lk->res;
	struct sockaddr_storage from;
	socklen_t fromlen;
	char text[IP_STRLEN];
	unsigned port;
	ssize_t n;
	int i, server;
	bool ok;

	(void)events;
	for (i = 0; i < RECV_BURST; i++) {
		fromlen = sizeof(from);
		n = recvfrom(fd, res->buf, DNS_UDP_MAX, 0,
		    (struct sockaddr *)&from, &fromlen);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return;		/* EAGAIN, or an ICMP error */
		}
		server = source_server(res, &from, &ok);
		if (!ok) {
			dns_addr_text(&from, text, sizeof(text), &port);
			log_error("UDP packet received from an unexpected "
			    "server, could be a DNS spoofing attempt: IP %s, "
			    "port %u", text, port);
			continue;
		}
		if (dns_handle_answer(lk, res->buf, (size_t)n, server, false))
			return;
	}
}

/* ---- public interface ---- */

struct dns_resolver *
dns_new(struct loop *loop, const struct dns_config *cfg)
{
	struct dns_resolver *res;
	size_t i;

	if ((res = calloc(1, sizeof(*res))) == NULL)
		return NULL;
	if ((res->buf = malloc(DNS_UDP_MAX)) == NULL) {
		free(res);
		return NULL;
	}
	res->loop = loop;
	res->cfg = *cfg;
	if (res->cfg.max_retries_total < 1)
		res->cfg.max_retries_total = 1;
	if (res->cfg.timeout_ms == 0)
		res->cfg.timeout_ms = (uint64_t)DNS_DEFAULT_TIMEOUT * 1000;
	for (i = 0; i < cfg->nprimary && i < DNS_MAX_SERVERS; i++)
		res->srv[res->nsrv++] = cfg->primary[i];
	res->nprim = res->nsrv;
	for (i = 0; i < cfg->nsecondary && i < DNS_MAX_SERVERS; i++)
		res->srv[res->nsrv++] = cfg->secondary[i];
	return res;
}

struct dns_lookup *
dns_lookup(struct dns_resolver *res, const char *name, unsigned types,
    unsigned prefer, dns_cb *cb, void *ctx)
{
	struct dns_lookup *lk;
	unsigned bit;
	int qtypes = 0;

	if (types == 0 || (types & ~DNS_T_ALL) != 0) {
		errno = EINVAL;
		return NULL;
	}
	if (res->nlookups >= DNS_MAX_LOOKUPS) {
		errno = EAGAIN;
		return NULL;
	}
	if ((lk = calloc(1, sizeof(*lk))) == NULL)
		return NULL;
	lk->res = res;
	lk->types = types;
	lk->prefer = prefer;
	lk->cb = cb;
	lk->ctx = ctx;
	lk->fd4 = lk->fd6 = -1;
	lk->deadline = loop_now_ms() + res->cfg.timeout_ms;
	lk->status = DNS_NORESULT;
	if ((lk->next = res->head) != NULL)
		lk->next->prev = lk;
	res->head = lk;
	res->nlookups++;

	if (!dns_name_ok(name, lk->name, sizeof(lk->name))) {
		/* Improvement: such names are never sent (6.2). */
		str_lcpy(lk->name, name, sizeof(lk->name));
		lk->status = DNS_NOTFOUND;
	} else if (res->cfg.level != DNS_LEVEL_NONE && res->nsrv > 0) {
		for (bit = 1; bit <= DNS_T_ALL; bit <<= 1) {
			if (!(types & bit) || (bit == DNS_T_CNAME &&
			    types != DNS_T_CNAME))
				continue;
			if (add_query(lk, lk->name, dns_type_code(bit), 0) ==
			    NULL) {
				detach(lk);
				lookup_free(lk);
				errno = ENOMEM;
				return NULL;
			}
			qtypes++;
		}
	}
	if (qtypes == 0) {
		/* dns-level none, bad name: answer from the loop. */
		lk->timer = loop_timer(res->loop, loop_now_ms(), immediate, lk);
	} else
		start_round(lk);
	if (lk->timer == -1) {
		detach(lk);
		lookup_free(lk);
		errno = ENOMEM;
		return NULL;
	}
	return lk;
}

void
dns_cancel(struct dns_lookup *lk)
{
	if (lk == NULL)
		return;
	detach(lk);
	lookup_free(lk);
}

size_t
dns_pending(const struct dns_resolver *res)
{
	return res->nlookups;
}

void
dns_free(struct dns_resolver *res)
{
	if (res == NULL)
		return;
	while (res->head != NULL)
		dns_cancel(res->head);
	free(res->buf);
	free(res);
}

const struct dns_rr *
dns_result_first(const struct dns_result *r, unsigned type)
{
	size_t i;

	for (i = 0; i < r->nrr; i++)
		if (r->rr[i]->type == type)
			return r->rr[i];
	return NULL;
}

