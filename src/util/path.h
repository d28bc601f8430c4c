/*
 * path.h - building file names from parts that may come from outside.
 *
 * The one rule: a name appended to a directory is a single path component.
 * path_join() refuses the parts that could leave the directory or change
 * the meaning of the path ("", ".", "..", anything with '/' or NUL).
 */
#ifndef SPAMDYKE_UTIL_PATH_H
#define SPAMDYKE_UTIL_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Is part (n bytes) one plain component: not "", ".", "..", no '/', NUL? */
bool	 path_part_ok(const char *part, size_t n);
/*
 * Replace out's contents with dir + "/" + part (n bytes).  0 ok; -1 with
 * errno EINVAL when part is not path_part_ok(), ENAMETOOLONG when the
 * result does not fit under out's max.
 */
int	 path_join(struct buf *out, const char *dir, const char *part,
	    size_t n);

#endif
