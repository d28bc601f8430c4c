/*
 * listfile.h - the line reader shared by every text list file (files.md 0).
 *
 * Each single CR or LF ends a line (so CRLF is a line followed by an empty
 * one), a line holds at most 65535 bytes (longer text continues as the
 * next line), reading stops after line 65536, empty lines and lines whose
 * first byte is '#' are skipped, nothing is trimmed.  A file is read in
 * large blocks into one buffer and lines are handed out in place: a scan
 * costs no allocation per line.  Nothing here logs (util/ sits below
 * log/): the caller reports open errors, read errors and the line cap.
 */
#ifndef SPAMDYKE_UTIL_LISTFILE_H
#define SPAMDYKE_UTIL_LISTFILE_H

#include <stdbool.h>
#include <stddef.h>

#define LISTFILE_MAX_LINE	65535	/* bytes per line (files.md 0) */
#define LISTFILE_MAX_LINES	65536	/* lines read per file */

struct listfile {
	int		 fd;		/* -1: memory source */
	char		*buf;
	bool		 ownbuf;	/* buf was malloc()ed */
	size_t		 pos;		/* first unread byte */
	size_t		 len;		/* bytes in buf */
	size_t		 at[2];		/* CR / LF found at (cache) */
	size_t		 clear[2];	/* no CR / LF in [pos, clear) */
	unsigned	 lineno;	/* number of the line last returned */
	bool		 eof;
	bool		 done;
	bool		 capped;	/* stopped at line 65536, data left */
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
 * *len set, valid until the next call and not NUL-terminated, lineno set
 * to its number; 0 at the end or at the line limit (capped set when text
 * was left); -1 read error (errno), after which the reader is finished.
 */
int	 listfile_next(struct listfile *, const char **line, size_t *len);
/* Release the file and the buffer; safe to call twice. */
void	 listfile_close(struct listfile *);

#endif
