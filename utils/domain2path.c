/*
 * domain2path - print the rDNS-directory path of a name (files.md 4.2, 13).
 *
 * The path of a name N with labels ... L3.L2.L1 is L1/<c>/N for one label
 * (c the first byte of L1), L1/<c>/L2/N for two or three labels (c the
 * first byte of L2) and L1/<c>/L2/L3/N for four or more.  With -d only
 * the directory part is printed.  No trailing newline, so that the output
 * can be pasted into a shell command: mkdir -p DIR/$(domain2path -d NAME).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "utils.h"

#define NAME_MAX_LEN	1024	/* longer than any DNS name */

static const char *const usage[] = {
	"USAGE: domain2path [ -d ] NAME",
	"",
	"Prints the path of NAME (lowercased) in an rDNS directory, for "
	    "example",
	"com/e/example/mx.example.com for mx.example.com.  With -d, prints "
	    "only the",
	"directory part (com/e/example).  No newline is printed after the "
	    "path.",
	NULL
};

/* Start and length of label i counted from the right (0 is the TLD). */
struct label {
	const char	*p;
	size_t		 n;
};

/*
 * Improvement (files.md 4.2): a name with an empty label or a '/' cannot
 * name a path below the directory, so nothing is printed for it.
 */
static bool
split(const char *name, size_t len, struct label *lab, size_t *nlab)
{
	size_t i, start = len, k = 0;

	if (len == 0 || memchr(name, '/', len) != NULL)
		return false;
	for (i = len; i > 0; i--)
		if (name[i - 1] == '.') {
			if (start == i)
				return false;		/* empty label */
			if (k < 3) {
				lab[k].p = name + i;
				lab[k].n = start - i;
			}
			k++;
			start = i - 1;
		}
	if (start == 0)
		return false;
	if (k < 3) {
		lab[k].p = name;
		lab[k].n = start;
	}
	*nlab = k + 1;
	return true;
}

static int
build(struct buf *out, const char *name, size_t len, bool dironly)
{
	struct label lab[3];
	size_t nlab, first;
	int rc = 0;

	if (!split(name, len, lab, &nlab))
		return -1;
	/* L1 / first char of L2 (of L1 for a one-label name) */
	first = nlab == 1 ? 0 : 1;
	rc |= buf_append(out, lab[0].p, lab[0].n);
	rc |= buf_putc(out, '/');
	rc |= buf_putc(out, lab[first].p[0]);
	if (nlab >= 2) {
		rc |= buf_putc(out, '/');
		rc |= buf_append(out, lab[1].p, lab[1].n);
	}
	if (nlab >= 4) {
		rc |= buf_putc(out, '/');
		rc |= buf_append(out, lab[2].p, lab[2].n);
	}
	if (!dironly) {
		rc |= buf_putc(out, '/');
		rc |= buf_append(out, name, len);
	}
	return rc == 0 ? 0 : -1;
}

int
main(int argc, char *argv[])
{
	char name[NAME_MAX_LEN + 1];
	struct buf out;
	bool dironly = false;
	size_t len;
	int i = 1;

	if (argc > 1 && strcmp(argv[1], "-d") == 0) {
		dironly = true;
		i++;
	}
	if (argc - i != 1 || strcmp(argv[i], "-h") == 0) {
		util_usage(usage);
		return 0;
	}
	if ((len = str_lcpy(name, argv[i], sizeof(name))) >= sizeof(name)) {
		fprintf(stderr, "domain2path: name too long\n");
		return 0;
	}
	str_lower(name, len);
	if (len > 1 && name[len - 1] == '.')	/* fully qualified form */
		name[--len] = '\0';
	buf_init(&out, 4 * NAME_MAX_LEN);
	if (build(&out, name, len, dironly) == -1)
		fprintf(stderr, "domain2path: cannot make a path from %s\n",
		    argv[i]);
	else
		fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	/* Compat: every helper exits 0 (files.md 13). */
	return 0;
}
