/*
 * conn.h - a buffered, non-blocking endpoint: one read descriptor, one
 * write descriptor, an input buffer and an output buffer, each bounded.
 *
 * The client and the backend are both conns.  Code above reads and writes
 * the same way whether or not TLS is active: the optional ops pointer
 * (installed by tls/) replaces the raw read()/write() calls.
 */
#ifndef SPAMDYKE_IO_CONN_H
#define SPAMDYKE_IO_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/buf.h"

struct conn;

struct conn_ops {
	/* As read(2)/write(2); -1 with errno EAGAIN when it would block. */
	ssize_t	(*read)(struct conn *, void *, size_t);
	ssize_t	(*write)(struct conn *, const void *, size_t);
	/* Extra events the layer needs to make progress (IO_* bits). */
	unsigned (*wants)(struct conn *);
};

struct conn {
	int			 rfd;
	int			 wfd;
	struct buf		 in;	/* received, not yet processed */
	struct buf		 out;	/* queued, not yet written */
	bool			 eof;	/* read side reached end of file */
	bool			 werr;	/* a write failed: output is discarded */
	const struct conn_ops	*ops;	/* NULL: plain descriptors */
	void			*layer;	/* state of ops (TLS) */
};

/* Set up with descriptors and ceilings; the descriptors become non-blocking. */
void	 conn_init(struct conn *, int rfd, int wfd, size_t inmax,
	    size_t outmax);
/*
 * Read once into in (at most want bytes, bounded by in.max).  Returns the
 * number of bytes read, 0 at end of file (eof set), -1 when nothing could
 * be read now (EAGAIN) or on error (then eof is set too).
 */
ssize_t	 conn_fill(struct conn *, size_t want);
/* Queue bytes for writing; -1 when out would pass its ceiling. */
int	 conn_queue(struct conn *, const void *, size_t);
/*
 * Send bytes: written at once when nothing is queued and the chunk is
 * large (no copy on the relay path), the rest queued.  0 ok, -1 when the
 * write failed (werr set, errno kept) or out would pass its ceiling.
 */
int	 conn_send(struct conn *, const void *, size_t);
/* Write as much of out as possible: 0 all written, 1 more pending, -1 error. */
int	 conn_flush(struct conn *);
/* Bytes waiting in out. */
size_t	 conn_pending(const struct conn *);
void	 conn_free(struct conn *);

#endif
