/*
 * loop.c - the poll()-based event loop of loop.h.
 *
 * Watches live in a small array (a session watches four or five
 * descriptors, plus DNS sockets); timers in an unsorted array scanned once
 * per round, which is cheaper than a heap at these sizes.  Callbacks may
 * change watches and timers at any time: a removed watch is marked dead and
 * compacted after the round.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/loop.h"

struct watch {
	int		 fd;
	unsigned	 events;
	io_cb		*cb;
	void		*ctx;
	int		 dead;
};

struct timer {
	int		 id;
	uint64_t	 deadline;
	timer_cb	*cb;
	void		*ctx;
};

struct loop {
	struct watch	*w;
	size_t		 nw, capw;
	struct timer	*t;
	size_t		 nt, capt;
	struct pollfd	*pfd;
	size_t		 cappfd;
	int		 next_id;
	int		 stopped;
};

uint64_t
loop_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct loop *
loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));

	if (l != NULL)
		l->next_id = 1;
	return l;
}

void
loop_free(struct loop *l)
{
	if (l == NULL)
		return;
	free(l->w);
	free(l->t);
	free(l->pfd);
	free(l);
}

static struct watch *
find(struct loop *l, int fd)
{
	size_t i;

	for (i = 0; i < l->nw; i++)
		if (l->w[i].fd == fd && !l->w[i].dead)
			return &l->w[i];
	return NULL;
}

int
loop_watch(struct loop *l, int fd, unsigned events, io_cb *cb, void *ctx)
{
	struct watch *w;

	if ((w = find(l, fd)) == NULL) {
		if (l->nw == l->capw) {
			size_t ncap = l->capw ? l->capw * 2 : 8;
			struct watch *nwp = realloc(l->w, ncap * sizeof(*nwp));

			if (nwp == NULL)
				return -1;
			l->w = nwp;
			l->capw = ncap;
		}
		w = &l->w[l->nw++];
	}
	w->fd = fd;
	w->events = events;
	w->cb = cb;
	w->ctx = ctx;
	w->dead = 0;
	return 0;
}

void
loop_events(struct loop *l, int fd, unsigned events)
{
	struct watch *w = find(l, fd);

	if (w != NULL)
		w->events = events;
}

void
loop_unwatch(struct loop *l, int fd)
{
	struct watch *w = find(l, fd);

	if (w != NULL)
		w->dead = 1;
}

int
loop_timer(struct loop *l, uint64_t deadline, timer_cb *cb, void *ctx)
{
	struct timer *t;

	if (l->nt == l->capt) {
		size_t ncap = l->capt ? l->capt * 2 : 8;
		struct timer *ntp = realloc(l->t, ncap * sizeof(*ntp));

		if (ntp == NULL)
			return -1;
		l->t = ntp;
		l->capt = ncap;
	}
	t = &l->t[l->nt++];
	t->id = l->next_id++;
	if (l->next_id <= 0)
		l->next_id = 1;
	t->deadline = deadline;
	t->cb = cb;
	t->ctx = ctx;
	return t->id;
}

void
loop_cancel(struct loop *l, int id)
{
	size_t i;

	for (i = 0; i < l->nt; i++)
		if (l->t[i].id == id) {
			l->t[i] = l->t[--l->nt];
			return;
		}
}

static void
compact(struct loop *l)
{
	size_t i, k = 0;

	for (i = 0; i < l->nw; i++)
		if (!l->w[i].dead)
			l->w[k++] = l->w[i];
	l->nw = k;
}

/* Fire every timer whose deadline has passed; returns how many fired. */
static int
fire_timers(struct loop *l, uint64_t now)
{
	int fired = 0;
	size_t i = 0;

	while (i < l->nt) {
		if (l->t[i].deadline <= now) {
			struct timer t = l->t[i];

			l->t[i] = l->t[--l->nt];
			t.cb(t.ctx);
			fired++;
			i = 0;		/* the callback may have changed the array */
			continue;
		}
		i++;
	}
	return fired;
}

int
loop_once(struct loop *l, int max_wait_ms)
{
	uint64_t now, first = UINT64_MAX;
	size_t i, n = 0;
	int timeout = max_wait_ms, rc;

	compact(l);
	if (l->cappfd < l->nw) {
		struct pollfd *p = realloc(l->pfd, l->nw * sizeof(*p));

		if (p == NULL)
			return -1;
		l->pfd = p;
		l->cappfd = l->nw;
	}
	for (i = 0; i < l->nw; i++) {
		short ev = 0;

		if (l->w[i].events & IO_READ)
			ev |= POLLIN;
		if (l->w[i].events & IO_WRITE)
			ev |= POLLOUT;
		/* A watch with no events still occupies its slot (fd -1). */
		l->pfd[n].fd = ev ? l->w[i].fd : -1;
		l->pfd[n].events = ev;
		l->pfd[n].revents = 0;
		n++;
	}
	for (i = 0; i < l->nt; i++)
		if (l->t[i].deadline < first)
			first = l->t[i].deadline;
	if (first != UINT64_MAX) {
		now = loop_now_ms();
		if (first <= now)
			timeout = 0;
		else if (timeout < 0 || first - now < (uint64_t)timeout)
			timeout = (int)(first - now);
	}
	rc = poll(l->pfd, n, timeout);
	if (rc == -1 && errno != EINTR)
		return -1;
	if (rc > 0) {
		/*
		 * Dispatch by position: the watch array is only compacted at
		 * the start of a round, so index i still names the same
		 * watch unless a callback removed it (then it is dead).
		 */
		for (i = 0; i < n && i < l->nw; i++) {
			unsigned ev = 0;
			short re = l->pfd[i].revents;

			if (re == 0 || l->w[i].dead || l->w[i].fd != l->pfd[i].fd)
				continue;
			if (re & (POLLIN | POLLHUP | POLLERR | POLLNVAL))
				ev |= IO_READ;
			if (re & POLLOUT)
				ev |= IO_WRITE;
			if (re & (POLLERR | POLLNVAL) &&
			    (l->w[i].events & IO_WRITE))
				ev |= IO_WRITE;
			ev &= l->w[i].events | IO_READ;
			if (ev)
				l->w[i].cb(l->w[i].fd, ev, l->w[i].ctx);
		}
	}
	if (l->nt > 0)
		fire_timers(l, loop_now_ms());
	return 0;
}

static int
busy(struct loop *l)
{
	size_t i;

	if (l->nt > 0)
		return 1;
	for (i = 0; i < l->nw; i++)
		if (!l->w[i].dead && l->w[i].events != 0)
			return 1;
	return 0;
}

int
loop_run(struct loop *l)
{
	l->stopped = 0;
	while (!l->stopped && busy(l))
		if (loop_once(l, -1) == -1)
			return -1;
	return 0;
}

void
loop_stop(struct loop *l)
{
	l->stopped = 1;
}
