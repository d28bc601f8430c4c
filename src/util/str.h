/*
 * str.h - small string helpers.  No function here allocates unless it says
 * so; lengths travel with pointers.
 */
#ifndef SPAMDYKE_UTIL_STR_H
#define SPAMDYKE_UTIL_STR_H

#include <stdbool.h>
#include <stddef.h>

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Copy at most dstlen-1 bytes and NUL-terminate; returns strlen(src). */
size_t	 str_lcpy(char *dst, const char *src, size_t dstlen);
/* Append like strlcat; returns the length it tried to create. */
size_t	 str_lcat(char *dst, const char *src, size_t dstlen);
/* ASCII case-insensitive prefix test: does s (length n) start with pfx? */
bool	 str_prefix_ci(const char *s, size_t n, const char *pfx);
/* ASCII case-insensitive equality of two NUL-terminated strings. */
bool	 str_eq_ci(const char *a, const char *b);
/* Lowercase ASCII in place. */
void	 str_lower(char *s, size_t n);
/*
 * Escape remote text for a log line or a reply: bytes outside printable
 * ASCII become '?'; at most dstlen-1 bytes are written; returns dst.
 */
char	*str_escape(char *dst, size_t dstlen, const char *src, size_t n);
/* Replace every space by '_' (decision-line reason field), in place. */
void	 str_spaces_to_underscores(char *s);
/* Duplicate into malloc()ed memory the caller frees; NULL on ENOMEM. */
char	*str_dup(const char *s);
char	*str_ndup(const char *s, size_t n);

#endif
