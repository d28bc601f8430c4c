/*
 * str.c - small string helpers of str.h: bounded copies, ASCII case
 * folding, and the escaping that every piece of remote text goes through
 * before it reaches a reply or a log line.
 */
#include <stdlib.h>
#include <string.h>

#include "util/str.h"

static int
lc(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

size_t
str_lcpy(char *dst, const char *src, size_t dstlen)
{
	size_t n = strlen(src);

	if (dstlen > 0) {
		size_t k = n < dstlen - 1 ? n : dstlen - 1;

		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return n;
}

size_t
str_lcat(char *dst, const char *src, size_t dstlen)
{
	size_t d = strnlen(dst, dstlen);

	if (d == dstlen)
		return d + strlen(src);
	return d + str_lcpy(dst + d, src, dstlen - d);
}

bool
str_prefix_ci(const char *s, size_t n, const char *pfx)
{
	size_t i;

	for (i = 0; pfx[i] != '\0'; i++)
		if (i >= n || lc((unsigned char)s[i]) != lc((unsigned char)pfx[i]))
			return false;
	return true;
}

bool
str_eq_ci(const char *a, const char *b)
{
	while (*a != '\0' && lc((unsigned char)*a) == lc((unsigned char)*b)) {
		a++;
		b++;
	}
	return lc((unsigned char)*a) == lc((unsigned char)*b);
}

void
str_lower(char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = (char)lc((unsigned char)s[i]);
}

char *
str_escape(char *dst, size_t dstlen, const char *src, size_t n)
{
	size_t i, k = 0;

	if (dstlen == 0)
		return dst;
	for (i = 0; i < n && k + 1 < dstlen; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[k++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	dst[k] = '\0';
	return dst;
}

void
str_spaces_to_underscores(char *s)
{
	for (; *s != '\0'; s++)
		if (*s == ' ')
			*s = '_';
}

char *
str_ndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
str_dup(const char *s)
{
	return str_ndup(s, strlen(s));
}
