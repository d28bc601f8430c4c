/*
 * listfile.h - the line reader shared by every text list file (files.md 0).
 *
 * Each single CR or LF ends a line (so CRLF is a line followed by an empty
 * one), a line holds at most 65535 bytes (longer text continues as the
 * next line), empty lines and lines whose first byte is '#' are skipped,
 * nothing is trimmed.  Improvement (issue 3): every line counts, however
 * long the file; 5.0.1 stopped after line 65536.  A file is read in large
 * blocks into one buffer and lines are handed out in place: a scan costs
 * no allocation per line.  Nothing here logs (util/ sits below log/): the
 * caller reports open errors and read errors.
 */
#ifndef SPAMDYKE_UTIL_LISTFILE_H
#define SPAMDYKE_UTIL_LISTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LISTFILE_MAX_LINE	65535	/* bytes per line (files.md 0) */

struct listfile {
	int		 fd;		/* -1: memory source */
	char		*buf;
	bool		 ownbuf;	/* buf was malloc()ed */
	size_t		 pos;		/* first unread byte */
	size_t		 len;		/* bytes in buf */
	size_t		 at[2];		/* CR / LF found at (cache) */
	size_t		 clear[2];	/* no CR / LF in [pos, clear) */
	uint64_t	 base;		/* file offset of buf[0] */
	uint64_t	 lineoff;	/* offset of the line last returned */
	unsigned	 lineno;	/* number of the line last returned */
	bool		 eof;
	bool		 done;
};

/*
 * Open a regular file for scanning.  0 ok; -1 with errno set (EISDIR for
 * a directory, EINVAL for another non-regular file); then nothing needs
 * closing.
 */
int	 listfile_open(struct listfile *, const char *path);
/* Scan n bytes of memory (not copied; must outlive the reader). */
void	 listfile_mem(struct listfile *, const char *data, size_t n);
/*
 * Next entry line (comments and empty lines skipped): 1 with *line and
 * *len set, valid until the next call and not NUL-terminated, lineno and
 * lineoff set to its number and its offset in the file; 0 at the end; -1
 * read error (errno), after which the reader is finished.
 */
int	 listfile_next(struct listfile *, const char **line, size_t *len);
/*
 * Start again from the first byte (of the file: its offset is set back
 * to 0).  0 ok; -1 with errno set, after which the reader is finished.
 */
int	 listfile_rewind(struct listfile *);
/* Release the file and the buffer; safe to call twice. */
void	 listfile_close(struct listfile *);

#endif
