/*
 * buf.h - the one growable byte buffer.
 *
 * Every buffer has a hard ceiling (max) chosen at creation from the protocol
 * or the specification; appending past it fails and the caller decides what
 * that means.  The data is always NUL-terminated after len (not counted).
 */
#ifndef SPAMDYKE_UTIL_BUF_H
#define SPAMDYKE_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;		/* bytes in use */
	size_t	 cap;		/* bytes allocated */
	size_t	 max;		/* hard ceiling, never exceeded */
};

/* Start empty with ceiling max; allocates nothing yet. */
void		 buf_init(struct buf *, size_t max);
/* Append n bytes; 0 ok, -1 past max or out of memory (buffer unchanged). */
int		 buf_append(struct buf *, const void *, size_t);
/* Append a NUL-terminated string; as buf_append. */
int		 buf_puts(struct buf *, const char *);
/* Append one byte; as buf_append. */
int		 buf_putc(struct buf *, int);
/* printf-append; -1 when the result had to be truncated at max. */
int		 buf_printf(struct buf *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 buf_vprintf(struct buf *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));
/* Remove the first n bytes (n <= len). */
void		 buf_consume(struct buf *, size_t);
/* Forget the contents, keep the allocation. */
void		 buf_reset(struct buf *);
/* Make room for n more bytes; 0 ok, -1 past max or no memory. */
int		 buf_reserve(struct buf *, size_t);
/* The contents as a C string (always valid, "" when empty). */
const char	*buf_cstr(struct buf *);
void		 buf_free(struct buf *);

#endif
