/*
 * buf.c - the growable, bounded byte buffer of buf.h.
 *
 * Growth doubles the allocation up to max; nothing ever grows past max, so a
 * remote peer can never make us allocate more than the ceiling chosen by the
 * caller.  Entry points: buf_init, buf_append, buf_printf, buf_consume.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

int
buf_reserve(struct buf *b, size_t n)
{
	size_t want, ncap;
	char *p;

	if (n > b->max - b->len)
		return -1;
	want = b->len + n + 1;		/* room for the trailing NUL */
	if (want <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < want)
		ncap = ncap > SIZE_MAX / 2 ? want : ncap * 2;
	if (ncap > b->max + 1)
		ncap = b->max + 1;
	if ((p = realloc(b->data, ncap)) == NULL)
		return -1;
	b->data = p;
	b->cap = ncap;
	return 0;
}

int
buf_append(struct buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	return buf_append(b, &ch, 1);
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return -1;
	room = b->max - b->len;
	if ((size_t)n <= room) {
		if (buf_reserve(b, (size_t)n) == -1)
			return -1;
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
		return 0;
	}
	/* Truncate at the ceiling and report it. */
	if (room > 0 && buf_reserve(b, room) == 0) {
		char *tmp = malloc((size_t)n + 1);

		if (tmp != NULL) {
			vsnprintf(tmp, (size_t)n + 1, fmt, ap);
			memcpy(b->data + b->len, tmp, room);
			b->len += room;
			b->data[b->len] = '\0';
			free(tmp);
		}
	}
	return -1;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void
buf_consume(struct buf *b, size_t n)
{
	if (n >= b->len) {
		b->len = 0;
	} else {
		memmove(b->data, b->data + n, b->len - n);
		b->len -= n;
	}
	if (b->data != NULL)
		b->data[b->len] = '\0';
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

const char *
buf_cstr(struct buf *b)
{
	return b->data != NULL ? b->data : "";
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
