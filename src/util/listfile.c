/*
 * listfile.c - the common line reader of text list files (files.md 0).
 *
 * A file is read in 64 KiB blocks into a 128 KiB window; lines are found
 * with memchr(3) and handed out in place.  The positions of the next CR
 * and the next LF are remembered separately, so a file that uses only
 * one of them is still scanned once, not once per line.  The file offset
 * of each line is tracked for the sidecar indexes (filters/match_index.c).
 * Entry points: listfile_open(), listfile_mem(), listfile_next(),
 * listfile_rewind(), listfile_close().
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/listfile.h"

#define LF_BLOCK	65536
#define LF_BUFSIZE	(2 * LF_BLOCK)	/* a whole line plus a block */
#define NONE		SIZE_MAX

/*
 * One window serves every scan: files are scanned one at a time, and a
 * lookup should not pay for malloc() and page faults of 128 KiB.  A
 * second reader open at the same time gets its own buffer.
 */
static char	 shared_buf[LF_BUFSIZE];
static bool	 shared_busy;

static void
reset(struct listfile *lf)
{
	memset(lf, 0, sizeof(*lf));
	lf->fd = -1;
	lf->at[0] = lf->at[1] = NONE;
}

int
listfile_open(struct listfile *lf, const char *path)
{
	struct stat st;
	int fd, e;

	reset(lf);
	lf->done = true;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	/* A FIFO or a device could block or feed text without end. */
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	if (!shared_busy) {
		lf->buf = shared_buf;
		shared_busy = true;
	} else if ((lf->buf = malloc(LF_BUFSIZE)) != NULL)
		lf->ownbuf = true;
	else {
		close(fd);
		errno = ENOMEM;
		return -1;
	}
	lf->fd = fd;
	lf->done = false;
	return 0;
}

void
listfile_mem(struct listfile *lf, const char *data, size_t n)
{
	reset(lf);
	/* Never written to: a memory source is never refilled. */
	lf->buf = (char *)(uintptr_t)data;
	lf->len = n;
	lf->eof = true;
}

void
listfile_close(struct listfile *lf)
{
	if (lf->fd != -1) {
		close(lf->fd);
		if (lf->ownbuf)
			free(lf->buf);
		else
			shared_busy = false;
	}
	reset(lf);
	lf->done = true;
}

/* Offset of the first c in [pos, limit), or NONE; i indexes the caches. */
static size_t
find(struct listfile *lf, int i, int c, size_t limit)
{
	const char *p;
	size_t from;

	if (lf->at[i] != NONE && lf->at[i] >= lf->pos)
		return lf->at[i] < limit ? lf->at[i] : NONE;
	from = lf->clear[i] > lf->pos ? lf->clear[i] : lf->pos;
	if (from < limit &&
	    (p = memchr(lf->buf + from, c, limit - from)) != NULL) {
		lf->at[i] = (size_t)(p - lf->buf);
		return lf->at[i];
	}
	if (limit > lf->clear[i])
		lf->clear[i] = limit;
	return NONE;
}

/* Read the next block; 0 ok (eof may now be set), -1 read error. */
static int
fill(struct listfile *lf)
{
	ssize_t n;
	int i;

	if (LF_BUFSIZE - lf->len < LF_BLOCK && lf->pos > 0) {
		memmove(lf->buf, lf->buf + lf->pos, lf->len - lf->pos);
		for (i = 0; i < 2; i++) {
			lf->at[i] = lf->at[i] != NONE && lf->at[i] >= lf->pos ?
			    lf->at[i] - lf->pos : NONE;
			lf->clear[i] = lf->clear[i] > lf->pos ?
			    lf->clear[i] - lf->pos : 0;
		}
		lf->len -= lf->pos;
		lf->base += lf->pos;
		lf->pos = 0;
	}
	do
		n = read(lf->fd, lf->buf + lf->len, LF_BUFSIZE - lf->len);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -1;
	if (n == 0)
		lf->eof = true;
	lf->len += (size_t)n;
	return 0;
}

/* Next physical line, empty and comment lines included; as next. */
static int
next_raw(struct listfile *lf, const char **line, size_t *len)
{
	size_t limit, cr, lfd, end;

	for (;;) {
		limit = lf->len - lf->pos > LISTFILE_MAX_LINE ?
		    lf->pos + LISTFILE_MAX_LINE : lf->len;
		cr = find(lf, 0, '\r', limit);
		lfd = find(lf, 1, '\n', limit);
		end = cr < lfd ? cr : lfd;
		*line = lf->buf + lf->pos;
		if (end != NONE) {
			*len = end - lf->pos;
			lf->pos = end + 1;
			return 1;
		}
		/* files.md 0: longer text continues as the next line. */
		if (lf->len - lf->pos >= LISTFILE_MAX_LINE || lf->eof) {
			*len = limit - lf->pos;
			lf->pos = limit;
			return *len > 0 ? 1 : 0;
		}
		if (fill(lf) == -1)
			return -1;
	}
}

int
listfile_next(struct listfile *lf, const char **line, size_t *len)
{
	int rc;

	/* Improvement (issue 3): no line limit, every line counts. */
	while (!lf->done) {
		if ((rc = next_raw(lf, line, len)) != 1) {
			lf->done = true;
			return rc;
		}
		lf->lineno++;
		if (*len > 0 && (*line)[0] != '#') {
			lf->lineoff = lf->base + (uint64_t)(*line - lf->buf);
			return 1;
		}
	}
	return 0;
}

int
listfile_rewind(struct listfile *lf)
{
	size_t len = lf->len;
	char *buf = lf->buf;
	bool ownbuf = lf->ownbuf;
	int fd = lf->fd;

	if (fd != -1 && lseek(fd, 0, SEEK_SET) == -1) {
		lf->done = true;
		return -1;
	}
	if (fd == -1 && buf == NULL) {		/* closed or never opened */
		errno = EBADF;
		return -1;
	}
	reset(lf);
	lf->fd = fd;
	lf->buf = buf;
	lf->ownbuf = ownbuf;
	if (fd == -1) {			/* memory: everything is there */
		lf->len = len;
		lf->eof = true;
	}
	return 0;
}
