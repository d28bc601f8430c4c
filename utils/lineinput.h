/*
 * lineinput.h - read a log file line by line, plain or compressed.
 *
 * Compressed input (gzip, bzip2, xz) is recognised by its magic bytes,
 * not by its name, and read through "gzip -dc" ("bzip2 -dc", "xz -dc") in
 * a child process: the utilities need no compression library at build
 * time, and gzip is on every system that rotates logs.  When the input
 * cannot be rewound (a pipe), a second child feeds the decompressor the
 * bytes already peeked at and the rest of the input.
 *
 * Header-only: the build makes one program of each utils/NAME.c.
 * Entry points: input_open(), input_line(), input_close().  Messages go to
 * stderr prefixed with INPUT_PROG, which the includer defines.
 */
#ifndef SPAMDYKE_UTILS_LINEINPUT_H
#define SPAMDYKE_UTILS_LINEINPUT_H

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/str.h"

#ifndef INPUT_PROG
#define INPUT_PROG	"spamdyke"
#endif
#define INPUT_LINE_MAX	65536	/* longer lines are skipped whole */

struct input {
	const char	*name;
	int		 fd;		/* text to read */
	pid_t		 pid;		/* decompressor, or -1 */
	pid_t		 feeder;	/* copies a pipe into it, or -1 */
	const char	*prog;
	char		*buf;		/* INPUT_LINE_MAX bytes */
	size_t		 start, len;
	bool		 eof, skipping;
};

static const struct {
	const char	*magic;
	size_t		 n;
	const char	*prog;
} input_magics[] = {
	{ "\x1f\x8b", 2, "gzip" },
	{ "BZh", 3, "bzip2" },
	{ "\xfd" "7zXZ", 5, "xz" },
};

static inline void
input_exec(const char *prog, int in, int out)
{
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1)
		_exit(127);
	execlp(prog, prog, "-dc", (char *)NULL);
	fprintf(stderr, "%s: cannot run %s: %s\n", INPUT_PROG, prog,
	    strerror(errno));
	_exit(127);
}

/* Copy the peeked bytes, then the rest of fd, into out. */
static inline void
input_feed(const char *peek, size_t n, int fd, int out)
{
	char buf[16384];
	ssize_t r;

	do {
		while (n > 0) {
			if ((r = write(out, peek, n)) == -1) {
				if (errno == EINTR)
					continue;
				_exit(1);
			}
			peek += r;
			n -= (size_t)r;
		}
		while ((r = read(fd, buf, sizeof(buf))) == -1 &&
		    errno == EINTR)
			;
		peek = buf;
		n = r > 0 ? (size_t)r : 0;
	} while (r > 0);
	_exit(r == 0 ? 0 : 1);
}

/*
 * Start prog -dc on fd.  Its input is fd itself when fd can be rewound,
 * else a pipe that a feeder child fills with the peeked bytes and the
 * rest of fd.  0 ok (in->fd is the decompressed stream), -1 errno.
 */
static inline int
input_spawn(struct input *in, int fd)
{
	int out[2], fp[2] = { -1, -1 }, src = fd;

	if (pipe(out) == -1)
		return -1;
	if (lseek(fd, -(off_t)in->len, SEEK_CUR) == -1) {
		if (pipe(fp) == -1 || (in->feeder = fork()) == -1)
			goto fail;
		if (in->feeder == 0) {
			close(out[0]);
			close(out[1]);
			close(fp[0]);
			input_feed(in->buf, in->len, fd, fp[1]);
		}
		close(fp[1]);
		fp[1] = -1;
		src = fp[0];
	}
	if ((in->pid = fork()) == -1)
		goto fail;
	if (in->pid == 0) {
		close(out[0]);
		input_exec(in->prog, src, out[1]);
	}
	if (fp[0] != -1)
		close(fp[0]);
	close(out[1]);
	in->fd = out[0];
	in->len = 0;
	return 0;
fail:
	close(out[0]);
	close(out[1]);
	if (fp[0] != -1)
		close(fp[0]);
	if (fp[1] != -1)
		close(fp[1]);
	return -1;
}

static inline ssize_t
input_read(int fd, char *buf, size_t n)
{
	ssize_t r;

	while ((r = read(fd, buf, n)) == -1 && errno == EINTR)
		;
	return r;
}

/* Open name ("-" is stdin); 0 ok, -1 with a message on stderr. */
static inline int
input_open(struct input *in, const char *name)
{
	int fd = 0;
	size_t i;
	ssize_t r;

	memset(in, 0, sizeof(*in));
	in->name = name;
	in->pid = in->feeder = -1;
	if ((in->buf = malloc(INPUT_LINE_MAX)) == NULL ||
	    (strcmp(name, "-") != 0 &&
	    (fd = open(name, O_RDONLY | O_CLOEXEC)) == -1))
		goto fail;
	/* Peek at the magic bytes. */
	while (in->len < 6 && (r = input_read(fd, in->buf + in->len,
	    6 - in->len)) > 0)
		in->len += (size_t)r;
	for (i = 0; i < nitems(input_magics); i++)
		if (in->len >= input_magics[i].n && memcmp(in->buf,
		    input_magics[i].magic, input_magics[i].n) == 0)
			in->prog = input_magics[i].prog;
	in->fd = fd;
	if (in->prog != NULL && input_spawn(in, fd) == -1)
		goto fail;
	if (in->prog != NULL && fd != 0)
		close(fd);
	return 0;
fail:
	fprintf(stderr, "%s: cannot read %s: %s\n", INPUT_PROG, name,
	    strerror(errno));
	if (fd > 0)
		close(fd);
	free(in->buf);
	return -1;
}

/* Next line in [*p, *end); 1 a line, 0 end of input, -1 read error. */
static inline int
input_line(struct input *in, const char **p, const char **end)
{
	char *nl;
	ssize_t r;

	for (;;) {
		nl = memchr(in->buf + in->start, '\n', in->len - in->start);
		if (nl != NULL) {
			*p = in->buf + in->start;
			*end = nl;
			in->start = (size_t)(nl - in->buf) + 1;
			if (!in->skipping)
				return 1;
			in->skipping = false;	/* end of an overlong line */
			continue;
		}
		if (in->eof) {
			if (in->start == in->len || in->skipping)
				return 0;
			*p = in->buf + in->start;
			*end = in->buf + in->len;
			in->start = in->len;
			return 1;
		}
		memmove(in->buf, in->buf + in->start, in->len - in->start);
		in->len -= in->start;
		in->start = 0;
		if (in->len == INPUT_LINE_MAX) {	/* overlong: skip */
			in->skipping = true;
			in->len = 0;
		}
		r = input_read(in->fd, in->buf + in->len,
		    INPUT_LINE_MAX - in->len);
		if (r == -1)
			return -1;
		if (r == 0)
			in->eof = true;
		in->len += (size_t)(r > 0 ? r : 0);
	}
}

/* Close, reap the children; -1 when the input was not read completely. */
static inline int
input_close(struct input *in, bool read_error)
{
	int status = 0, rc = read_error ? -1 : 0;

	if (read_error)
		fprintf(stderr, "%s: error reading %s: %s\n", INPUT_PROG,
		    in->name, strerror(errno));
	if (in->fd > 0)
		close(in->fd);
	if (in->feeder != -1)
		waitpid(in->feeder, &status, 0);
	if (in->pid != -1) {
		while (waitpid(in->pid, &status, 0) == -1)
			if (errno != EINTR) {
				status = -1;
				break;
			}
		if (status == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "%s: %s: %s -dc failed\n",
			    INPUT_PROG, in->name, in->prog);
			rc = -1;
		}
	}
	free(in->buf);
	return rc;
}

#endif
