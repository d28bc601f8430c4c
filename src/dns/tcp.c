/*
 * tcp.c - the TCP fallback of the resolver (session.md 6.2 item 7): a
 * query whose UDP answer came back truncated is asked again of the same
 * server over a non-blocking TCP connection, driven by the lookup's
 * loop: connect, write the length-prefixed query, read the two-byte
 * length and the answer, which goes to resolver.c like a UDP answer.
 * One connection per query; a failure on the way counts the server as
 * failed for the query in this round.  The lookup's deadline covers the
 * connection too: when the lookup ends, resolver.c closes it.
 * Entry points: dns_tcp_start(), dns_tcp_close().
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
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

enum tstate { T_CONNECT, T_WRITE, T_READ };

/* One query's connection to one server. */
struct dns_tcp {
	struct dns_lookup	*lk;
	struct dns_query	*q;
	int			 fd;
	int			 server;
	enum tstate		 st;
	unsigned char		 out[2 + QUERY_MAX];
	size_t			 outlen, sent;
	unsigned char		 hdr[2];
	unsigned char		*in;		/* DNS_TCP_MAX bytes */
	size_t			 got, need;
};

void
dns_tcp_close(struct dns_tcp *t, struct dns_resolver *res)
{
	if (t == NULL)
		return;
	loop_unwatch(res->loop, t->fd);
	close(t->fd);
	if (t->q != NULL)
		t->q->tcp = NULL;
	free(t->in);
	free(t);
}

static void
tcp_fail(struct dns_tcp *t, const char *what, int err)
{
	struct dns_lookup *lk = t->lk;
	struct dns_query *q = t->q;
	char text[IP_STRLEN];
	unsigned port;

	dns_addr_text(&lk->res->srv[t->server].addr, text, sizeof(text), &port);
	log_verror("unable to connect to DNS server %s:%u using TCP: %s", text,
	    port, err != 0 ? strerror(err) : what);
	dns_fail_server(q, t->server);
	dns_tcp_close(t, lk->res);
	(void)dns_check(lk);
}

static void
tcp_cb(int fd, unsigned events, void *ctx)
{
	struct dns_tcp *t = ctx;
	struct dns_lookup *lk = t->lk;
	unsigned char *in;
	socklen_t elen = sizeof(int);
	ssize_t n;
	size_t got;
	int err = 0;

	(void)events;
	switch (t->st) {
	case T_CONNECT:
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) == -1)
			err = errno;
		if (err != 0) {
			tcp_fail(t, "connect", err);
			return;
		}
		t->st = T_WRITE;
		/* FALLTHROUGH */
	case T_WRITE:
		n = write(fd, t->out + t->sent, t->outlen - t->sent);
		if (n == -1) {
			if (errno != EAGAIN && errno != EINTR)
				tcp_fail(t, "write", errno);
			return;
		}
		if ((t->sent += (size_t)n) < t->outlen)
			return;
		t->st = T_READ;
		loop_events(lk->res->loop, fd, IO_READ);
		return;
	case T_READ:
		break;
	}
	if (t->got < 2)
		n = read(fd, t->hdr + t->got, 2 - t->got);
	else
		n = read(fd, t->in + t->got - 2, t->need - (t->got - 2));
	if (n == -1) {
		if (errno != EAGAIN && errno != EINTR)
			tcp_fail(t, "read", errno);
		return;
	}
	if (n == 0) {
		tcp_fail(t, "connection closed", 0);
		return;
	}
	t->got += (size_t)n;
	if (t->got == 2) {
		t->need = ns_get16(t->hdr);
		if (t->need == 0 || (t->in = malloc(t->need)) == NULL) {
			tcp_fail(t, "empty or oversized answer", 0);
			return;
		}
	}
	if (t->got < 2 || t->got - 2 < t->need)
		return;
	/* Whole answer: close first, the lookup may end in the handler. */
	in = t->in;
	got = t->need;
	t->in = NULL;
	{
		int server = t->server;

		dns_tcp_close(t, lk->res);
		(void)dns_handle_answer(lk, in, got, server, true);
	}
	free(in);
}

void
dns_tcp_start(struct dns_lookup *lk, struct dns_query *q, int server)
{
	const struct dns_server *srv = &lk->res->srv[server];
	struct dns_tcp *t;
	int fd;

	if (q->tcp != NULL)
		return;			/* one connection per query */
	if ((fd = socket(srv->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0)) == -1) {
		log_error("unable to create TCP socket: %s", strerror(errno));
		dns_fail_server(q, server);
		return;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL) {
		close(fd);
		dns_fail_server(q, server);
		return;
	}
	t->lk = lk;
	t->q = q;
	t->fd = fd;
	t->server = server;
	t->st = T_CONNECT;
	ns_put16((unsigned)q->len, t->out);
	memcpy(t->out + 2, q->pkt, q->len);
	t->outlen = q->len + 2;
	q->tcp = t;
	if ((connect(fd, (const struct sockaddr *)&srv->addr, srv->len) == -1 &&
	    errno != EINPROGRESS) ||
	    loop_watch(lk->res->loop, fd, IO_WRITE, tcp_cb, t) == -1) {
		int err = errno;
		char text[IP_STRLEN];
		unsigned port;

		dns_addr_text(&srv->addr, text, sizeof(text), &port);
		log_verror("unable to connect to DNS server %s:%u using TCP: "
		    "%s", text, port, strerror(err));
		dns_fail_server(q, server);
		dns_tcp_close(t, lk->res);
	}
}
