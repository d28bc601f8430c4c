/*
 * file.c - bounded reads of regular files (file.h): opening with the
 * checks every reader of untrusted paths needs, reading a whole small file
 * under a ceiling, and a line reader with per-line and line-count caps.
 * What a line means is left to the callers.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "util/file.h"

int
file_open_regular(const char *path, int *fdp, struct stat *stp)
{
	struct stat st;
	int fd, e;

	*fdp = -1;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return (errno == ENOENT || errno == ENOTDIR) ? 0 : -1;
	if (fstat(fd, &st) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	if (stp != NULL)
		*stp = st;
	*fdp = fd;
	return 1;
}

int
file_read_fd(int fd, size_t max, struct buf *out)
{
	char chunk[8192];
	off_t off = 0;
	ssize_t n;

	buf_reset(out);
	for (;;) {
		n = pread(fd, chunk, sizeof(chunk), off);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		if ((size_t)n > max - out->len) {
			errno = EFBIG;
			return -1;
		}
		if (buf_append(out, chunk, (size_t)n) == -1) {
			errno = ENOMEM;
			return -1;
		}
		off += n;
	}
}

void
file_lines_fd(struct file_lines *fl, int fd, size_t max_line,
    size_t max_lines)
{
	memset(fl, 0, sizeof(*fl));
	fl->fd = fd;
	fl->max_line = max_line;
	fl->max_lines = max_lines;
	buf_init(&fl->line, max_line);
}

void
file_lines_mem(struct file_lines *fl, const char *p, size_t n,
    size_t max_line, size_t max_lines)
{
	file_lines_fd(fl, -1, max_line, max_lines);
	fl->mem = p;
	fl->memlen = n;
}

/* Make data available: 1 some, 0 end of input, -1 read error. */
static int
fill(struct file_lines *fl)
{
	ssize_t n;

	if (fl->rpos < fl->rlen)
		return 1;
	if (fl->fd == -1)
		return 0;
	do
		n = read(fl->fd, fl->rbuf, sizeof(fl->rbuf));
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -1;
	fl->rpos = 0;
	fl->rlen = (size_t)n;
	return n > 0;
}

/*
 * Read one physical line into fl->line: 1 line read (*toolong set when it
 * did not fit), 0 end of input or line cap, -1 read error.
 */
static int
read_line(struct file_lines *fl, bool *toolong)
{
	const char *src, *end, *nl;
	bool any = false;
	size_t take;
	int rc;

	buf_reset(&fl->line);
	*toolong = false;
	for (;;) {
		if (fl->fd == -1) {
			src = fl->mem + fl->mempos;
			end = fl->mem + fl->memlen;
		} else {
			if ((rc = fill(fl)) == -1)
				return -1;
			src = fl->rbuf + fl->rpos;
			end = fl->rbuf + (rc ? fl->rlen : fl->rpos);
		}
		if (src == end) {		/* end of input */
			fl->eof = true;
			return any;
		}
		if (fl->nlines >= fl->max_lines) {
			fl->eof = fl->capped = true;
			return 0;
		}
		any = true;
		for (nl = src; nl < end && *nl != '\n' && *nl != '\r'; nl++)
			;
		take = (size_t)(nl - src);
		if (!*toolong && buf_append(&fl->line, src, take) == -1)
			*toolong = true;
		take += nl < end;		/* consume the terminator */
		if (fl->fd == -1)
			fl->mempos += take;
		else
			fl->rpos += take;
		if (nl < end)
			return 1;
	}
}

int
file_lines_next(struct file_lines *fl, const char **line, size_t *len)
{
	bool toolong;
	int rc;

	while (!fl->eof) {
		if ((rc = read_line(fl, &toolong)) != 1)
			return rc;
		fl->nlines++;
		if (toolong) {
			fl->skipped = true;
			continue;
		}
		*line = buf_cstr(&fl->line);
		*len = fl->line.len;
		return 1;
	}
	return 0;
}

void
file_lines_free(struct file_lines *fl)
{
	buf_free(&fl->line);
}
