/*
 * conn.c - buffered non-blocking endpoint of conn.h.
 *
 * The relay path runs through here: bytes are read in large chunks and
 * written without per-byte work.  Write errors are remembered, not
 * retried; the caller logs them (session.md 1.5) and carries on until the
 * read side reports end of file.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "io/conn.h"

void
conn_init(struct conn *c, int rfd, int wfd, size_t inmax, size_t outmax)
{
	int fl;

	c->rfd = rfd;
	c->wfd = wfd;
	buf_init(&c->in, inmax);
	buf_init(&c->out, outmax);
	c->eof = false;
	c->werr = false;
	c->ops = NULL;
	c->layer = NULL;
	if (rfd >= 0 && (fl = fcntl(rfd, F_GETFL)) != -1)
		fcntl(rfd, F_SETFL, fl | O_NONBLOCK);
	if (wfd >= 0 && wfd != rfd && (fl = fcntl(wfd, F_GETFL)) != -1)
		fcntl(wfd, F_SETFL, fl | O_NONBLOCK);
}

ssize_t
conn_fill(struct conn *c, size_t want)
{
	size_t room = c->in.max - c->in.len;
	ssize_t n;

	if (want > room)
		want = room;
	if (want == 0 || c->eof)
		return -1;
	if (buf_reserve(&c->in, want) == -1)
		return -1;
	do {
		n = c->ops != NULL ? c->ops->read(c, c->in.data + c->in.len,
		    want) : read(c->rfd, c->in.data + c->in.len, want);
	} while (n == -1 && errno == EINTR);
	if (n > 0) {
		c->in.len += (size_t)n;
		c->in.data[c->in.len] = '\0';
		return n;
	}
	if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
		c->eof = true;
		return n == 0 ? 0 : -1;
	}
	return -1;
}

int
conn_queue(struct conn *c, const void *p, size_t n)
{
	if (c->werr)
		return 0;		/* the peer is gone: discard quietly */
	return buf_append(&c->out, p, n);
}

#define DIRECT_MIN	4096	/* smaller chunks are queued and batched */

int
conn_send(struct conn *c, const void *p, size_t n)
{
	const char *q = p;
	ssize_t w;

	if (c->werr)
		return 0;
	if (c->out.len == 0 && n >= DIRECT_MIN) {
		do {
			w = c->ops != NULL ? c->ops->write(c, q, n) :
			    write(c->wfd, q, n);
		} while (w == -1 && errno == EINTR);
		if (w > 0) {
			q += w;
			n -= (size_t)w;
		} else if (w == -1 && errno != EAGAIN && errno != EWOULDBLOCK) {
			c->werr = true;
			return -1;
		}
	}
	return n > 0 ? buf_append(&c->out, q, n) : 0;
}

int
conn_flush(struct conn *c)
{
	size_t off = 0;
	ssize_t n;

	while (off < c->out.len && !c->werr) {
		n = c->ops != NULL ? c->ops->write(c, c->out.data + off,
		    c->out.len - off) : write(c->wfd, c->out.data + off,
		    c->out.len - off);
		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		c->werr = true;
	}
	if (c->werr) {
		buf_reset(&c->out);
		return -1;
	}
	buf_consume(&c->out, off);
	return c->out.len > 0 ? 1 : 0;
}

size_t
conn_pending(const struct conn *c)
{
	return c->out.len;
}

void
conn_free(struct conn *c)
{
	buf_free(&c->in);
	buf_free(&c->out);
}
