/*
 * loop.h - the one poll()-based event loop with millisecond timers.
 *
 * The loop knows nothing of SMTP, DNS or TLS: it watches descriptors and
 * fires timers.  Single-threaded; callbacks may add and remove watches and
 * timers freely, including their own.
 */
#ifndef SPAMDYKE_IO_LOOP_H
#define SPAMDYKE_IO_LOOP_H

#include <stdbool.h>
#include <stdint.h>

#define IO_READ		0x1u
#define IO_WRITE	0x2u

struct loop;

typedef void	 io_cb(int fd, unsigned events, void *ctx);
typedef void	 timer_cb(void *ctx);

/* Monotonic clock in milliseconds. */
uint64_t	 loop_now_ms(void);
/* A new loop, or NULL when out of memory. */
struct loop	*loop_new(void);
void		 loop_free(struct loop *);
/*
 * Watch fd for events (IO_READ|IO_WRITE); replaces an earlier watch of the
 * same fd.  events 0 keeps the registration but polls nothing.  The
 * callback receives the ready events, plus IO_READ on error/hangup.
 * 0 ok, -1 no memory.
 */
int		 loop_watch(struct loop *, int fd, unsigned events, io_cb *,
		    void *ctx);
/* Change the event mask of a watched fd (no-op if not watched). */
void		 loop_events(struct loop *, int fd, unsigned events);
void		 loop_unwatch(struct loop *, int fd);
/* One-shot timer at an absolute loop_now_ms() deadline; returns an id > 0, or -1. */
int		 loop_timer(struct loop *, uint64_t deadline_ms, timer_cb *,
		    void *ctx);
/* Cancel a timer by id (no-op when it already fired). */
void		 loop_cancel(struct loop *, int id);
/* Run one poll round, waiting at most max_wait_ms (-1: until something). */
int		 loop_once(struct loop *, int max_wait_ms);
/* Run until nothing is watched (with events) and no timer is set, or loop_stop(). */
int		 loop_run(struct loop *);
void		 loop_stop(struct loop *);

#endif
