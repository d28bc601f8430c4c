/*
 * file.h - bounded reading of regular files.
 *
 * Files are opened read-only, non-blocking and close-on-exec, and only
 * regular files are accepted, so a FIFO or a device in a place where a
 * configuration file is expected can neither block nor feed endless data.
 * Every read has a ceiling chosen by the caller.
 */
#ifndef SPAMDYKE_UTIL_FILE_H
#define SPAMDYKE_UTIL_FILE_H

#include <sys/types.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/*
 * Open path with O_RDONLY|O_NONBLOCK|O_CLOEXEC and fstat it.  1: *fd is a
 * regular file (st filled when not NULL); 0: absent (ENOENT, ENOTDIR, or
 * not a regular file); -1: any other failure, errno set.
 */
int	 file_open_regular(const char *path, int *fd, struct stat *st);
/*
 * Read the whole of fd from offset 0 into out (replacing its contents).
 * 0 ok; -1 read error (errno), or EFBIG when the data is longer than max.
 */
int	 file_read_fd(int fd, size_t max, struct buf *out);

/*
 * Line reader over an fd or a memory block.  Lines end at LF or CR (each
 * one ends a line).  A line longer than max_line is skipped whole; after
 * max_lines physical lines the reader stops and sets capped.
 */
struct file_lines {
	int		 fd;		/* -1: memory source */
	const char	*mem;
	size_t		 memlen;
	size_t		 mempos;
	char		 rbuf[4096];
	size_t		 rpos;
	size_t		 rlen;
	struct buf	 line;
	size_t		 max_line;
	size_t		 max_lines;
	size_t		 nlines;
	bool		 eof;
	bool		 capped;	/* stopped at max_lines */
	bool		 skipped;	/* an over-long line was skipped */
};

void	 file_lines_fd(struct file_lines *, int fd, size_t max_line,
	    size_t max_lines);
void	 file_lines_mem(struct file_lines *, const char *, size_t,
	    size_t max_line, size_t max_lines);
/*
 * Next line: 1 with *line and *len set (valid until the next call, NUL
 * terminated), 0 at the end, -1 read error (errno).
 */
int	 file_lines_next(struct file_lines *, const char **line,
	    size_t *len);
void	 file_lines_free(struct file_lines *);

#endif
