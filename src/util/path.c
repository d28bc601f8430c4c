/*
 * path.c - safe joining of a trusted directory and one untrusted name
 * (path.h).  Nothing here touches the file system; what the joined name
 * refers to is for the kernel to resolve, under whatever identity the
 * caller has chosen.
 */
#include <errno.h>
#include <string.h>

#include "util/path.h"

bool
path_part_ok(const char *part, size_t n)
{
	if (n == 0)
		return false;
	if ((n == 1 && part[0] == '.') ||
	    (n == 2 && part[0] == '.' && part[1] == '.'))
		return false;
	return memchr(part, '/', n) == NULL && memchr(part, '\0', n) == NULL;
}

int
path_join(struct buf *out, const char *dir, const char *part, size_t n)
{
	size_t dl = strlen(dir);

	buf_reset(out);
	if (!path_part_ok(part, n)) {
		errno = EINVAL;
		return -1;
	}
	if (buf_append(out, dir, dl) == -1 ||
	    ((dl == 0 || dir[dl - 1] != '/') && buf_putc(out, '/') == -1) ||
	    buf_append(out, part, n) == -1) {
		buf_reset(out);
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}
