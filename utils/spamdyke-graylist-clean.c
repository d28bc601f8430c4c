/*
 * spamdyke-graylist-clean - remove expired graylist entries (files.md 9).
 *
 * An entry GRAYLIST_DIR/<rdomain>/<ruser>/<sdomain>/<suser> whose mtime
 * is more than graylist-max-secs in the past can never let mail through
 * again: the filter would empty it (files.md 9.4, "too old"), which is
 * exactly what removing it achieves, since a missing entry is recreated
 * empty.  So removing such an entry is safe, and removing anything
 * younger is not: this program never does.
 *
 * Safety rules, in the order they are applied:
 * - The tree is walked with openat()/fstatat()/unlinkat() relative to
 *   directory descriptors opened with O_NOFOLLOW, so a symbolic link or a
 *   directory swapped for one while we walk can never lead outside the
 *   tree.  Only the named root may itself be a symbolic link.  Another
 *   file system mounted inside the tree is not entered.
 * - An entry is removed only if it is a regular file at depth 4 (or a
 *   pre-4.0 entry at depth 3, which the filter would migrate), with one
 *   link, mode 0600 as the filter leaves it, and every component a name
 *   the filter can produce (canon(): [a-z0-9@_.-], not "." or "..").
 *   Anything else is reported as skipped and left alone.
 * - The entry is first renamed to a private name in its own directory
 *   ('+' prefix, which canon() never produces), checked again (same
 *   inode, same mtime, still expired) and only then unlinked; if it
 *   changed in between it is put back.
 * - With -e, empty user and sender-domain directories (depths 2 and 3)
 *   are removed with rmdir, which fails if the filter has just added
 *   something; domain directories (depth 1) are never removed, because
 *   they switch graylisting on (files.md 9.5).
 *
 * graylist-max-secs comes from -m or from the spamdyke configuration
 * file given with -c (which also supplies graylist-dir when no directory
 * is named).  Output: one line per entry or directory removed (or that
 * would be, with -n), one per anomaly skipped, and a summary per tree
 * with the number of inodes freed.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/options.h"
#include "util/str.h"
#include "utils.h"

#define DEPTH_ENTRY	4	/* <rdomain>/<ruser>/<sdomain>/<suser> */
#define DEPTH_LEGACY	3	/* pre-4.0 <rdomain>/<ruser>/<entry> */
#define ENTRY_MODE	0600
#define DIR_QUIET_SECS	60	/* -e: keep directories changed since */
#define SHOW_MAX	1024	/* bytes of an escaped name in a report */

static const char *const usage[] = {
	"USAGE: spamdyke-graylist-clean [ -n ] [ -e ] [ -q | -v ] "
	    "[ -m SECS ] [ -c FILE ]",
	"                               [ GRAYLIST_DIR ... ]",
	"",
	"Removes graylist entries older than graylist-max-secs and reports "
	    "what it",
	"removed and the inodes freed.  Entries still within their window, "
	    "anything",
	"that is not an entry, and anything outside the tree are never "
	    "touched.",
	"",
	"  -m SECS   graylist-max-secs (default: from the file of -c)",
	"  -c FILE   spamdyke configuration file: graylist-max-secs and, "
	    "when no",
	"            GRAYLIST_DIR is given, graylist-dir",
	"  -n        dry run: report what would be removed",
	"  -e        also remove empty user and sender-domain directories",
	"  -q        print only the summary",
	"  -v        also print the entries kept and why",
	NULL
};

struct opts {
	long		 max_secs;
	bool		 dry;
	bool		 empty_dirs;
	bool		 quiet;
	bool		 verbose;
};

struct stats {
	unsigned long	 removed;	/* entries */
	unsigned long	 dirs;		/* directories */
	unsigned long	 inodes;	/* freed: last link gone */
	unsigned long long bytes;	/* st_size of the entries removed */
	unsigned long	 kept;		/* entries within their window */
	unsigned long	 skipped;	/* anomalies left alone */
	unsigned long	 errors;
};

struct walk {
	const struct opts	*o;
	const char		*root;
	dev_t			 dev;		/* the root's file system */
	time_t			 now;
	const char		*comp[DEPTH_ENTRY + 1];	/* by depth, 1-4 */
	unsigned long		 seq;		/* private rename names */
	struct stats		 st;
};

/* Write root/comp[1]/.../comp[depth] with control bytes escaped. */
static void
put_path(FILE *fp, const struct walk *w, int depth)
{
	char esc[SHOW_MAX];
	int i;

	fputs(str_escape(esc, sizeof(esc), w->root, strlen(w->root)), fp);
	for (i = 1; i <= depth; i++)
		fprintf(fp, "/%s", str_escape(esc, sizeof(esc), w->comp[i],
		    strlen(w->comp[i])));
}

static void
report(struct walk *w, int depth, const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
report(struct walk *w, int depth, const char *verb, const char *fmt, ...)
{
	va_list ap;

	fputs(verb, stdout);
	putchar(' ');
	put_path(stdout, w, depth);
	if (fmt != NULL) {
		fputs(": ", stdout);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
	}
	putchar('\n');
}

static void
skip(struct walk *w, int depth, const char *why)
{
	w->st.skipped++;
	if (!w->o->quiet)
		report(w, depth, "skipped", "%s", why);
}

static void
fail(struct walk *w, int depth, const char *what)
{
	int saved = errno;

	w->st.errors++;
	fflush(stdout);
	fprintf(stderr, "spamdyke-graylist-clean: cannot %s ", what);
	put_path(stderr, w, depth);
	fprintf(stderr, ": %s\n", strerror(saved));
}

/* Could canon() (files.md 9.1) have produced this name? */
static bool
canon_name(const char *s)
{
	const char *p;

	if (*s == '\0' || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '@' || *p == '_' || *p == '.' || *p == '-'))
			return false;
	return true;
}

static bool
expired(const struct walk *w, const struct stat *sb)
{
	/* The filter passes while mtime + max >= now (files.md 9.4). */
	return (int64_t)w->now - (int64_t)sb->st_mtim.tv_sec >
	    (int64_t)w->o->max_secs;
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/*
 * The entry changed between our check and the rename: put it back unless
 * the filter has made a new one meanwhile (then that one is current).
 */
static void
put_back(struct walk *w, int dfd, const char *tmp, const char *name,
    int depth)
{
	/*
	 * linkat() never replaces: if the filter has created the entry
	 * anew (EEXIST), that one stays and ours goes.  Only an expired
	 * entry can be in our hands, so nothing of value is lost.
	 */
	if (linkat(dfd, tmp, dfd, name, 0) == 0 || errno == EEXIST) {
		if (unlinkat(dfd, tmp, 0) == -1)
			fail(w, depth, "remove the temporary name of");
	} else if (renameat(dfd, tmp, dfd, name) == -1)
		fail(w, depth, "restore");
	w->st.kept++;
	if (!w->o->quiet)
		report(w, depth, "kept", "changed while being removed");
}

/* A regular file where an entry may be: remove it if it has expired. */
static void
entry(struct walk *w, int dfd, const char *name, const struct stat *sb,
    int depth)
{
	struct stat again;
	char tmp[64];
	long long age = (long long)(w->now - sb->st_mtim.tv_sec);

	if (sb->st_nlink != 1) {
		skip(w, depth, "more than one hard link");
		return;
	}
	if ((sb->st_mode & 07777) != ENTRY_MODE) {
		skip(w, depth, "mode is not 0600, not a graylist entry");
		return;
	}
	if (!expired(w, sb)) {
		w->st.kept++;
		if (w->o->verbose)
			report(w, depth, "kept", "age %lld s, within %ld s",
			    age, w->o->max_secs);
		return;
	}
	if (w->o->dry) {
		w->st.removed++;
		w->st.inodes++;
		w->st.bytes += (unsigned long long)sb->st_size;
		if (!w->o->quiet)
			report(w, depth, "would remove", "age %lld s", age);
		return;
	}
	snprintf(tmp, sizeof(tmp), "+clean.%ld.%lu", (long)getpid(),
	    w->seq++);
	if (renameat(dfd, name, dfd, tmp) == -1) {
		if (errno != ENOENT)	/* gone already: nothing to do */
			fail(w, depth, "rename");
		return;
	}
	if (fstatat(dfd, tmp, &again, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(again.st_mode) || !same_file(sb, &again) ||
	    again.st_nlink != 1 || !expired(w, &again)) {
		put_back(w, dfd, tmp, name, depth);
		return;
	}
	if (unlinkat(dfd, tmp, 0) == -1) {
		fail(w, depth, "remove");
		put_back(w, dfd, tmp, name, depth);
		return;
	}
	w->st.removed++;
	w->st.inodes++;
	w->st.bytes += (unsigned long long)again.st_size;
	if (!w->o->quiet)
		report(w, depth, "removed", "age %lld s", age);
}

static void	walk_dir(struct walk *, int dfd, int depth);

/* A directory at depth 1-3: enter it, then maybe remove it if empty. */
static void
subdir(struct walk *w, int dfd, const char *name, const struct stat *sb,
    int depth)
{
	struct stat opened;
	int fd;

	if (sb->st_dev != w->dev) {
		skip(w, depth, "another file system");
		return;
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1) {
		fail(w, depth, "open directory");
		return;
	}
	/* Swapped between fstatat() and openat()?  Then leave it. */
	if (fstat(fd, &opened) == -1 || opened.st_dev != sb->st_dev ||
	    opened.st_ino != sb->st_ino) {
		close(fd);
		skip(w, depth, "changed while being read");
		return;
	}
	walk_dir(w, fd, depth);
	close(fd);
	if (!w->o->empty_dirs || depth < 2 ||
	    w->now - sb->st_mtim.tv_sec < DIR_QUIET_SECS)
		return;
	if (w->o->dry) {
		/* Only the entries found expired would have gone. */
		return;
	}
	if (unlinkat(dfd, name, AT_REMOVEDIR) == 0) {
		w->st.dirs++;
		w->st.inodes++;
		if (!w->o->quiet)
			report(w, depth, "removed directory", NULL);
	} else if (errno != ENOTEMPTY && errno != EEXIST && errno != ENOENT)
		fail(w, depth, "remove directory");
}

static void
visit(struct walk *w, int dfd, const char *name, int depth)
{
	struct stat sb;

	w->comp[depth] = name;
	if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == -1) {
		if (errno != ENOENT)
			fail(w, depth, "stat");
		return;
	}
	if (S_ISLNK(sb.st_mode)) {
		skip(w, depth, "symbolic link, not followed");
		return;
	}
	if (name[0] == '+' && depth >= DEPTH_LEGACY && S_ISREG(sb.st_mode)) {
		/* A temporary name of the filter or of an interrupted run. */
		entry(w, dfd, name, &sb, depth);
		return;
	}
	if (!canon_name(name)) {
		skip(w, depth, "not a name the filter creates");
		return;
	}
	if (S_ISDIR(sb.st_mode) && depth < DEPTH_ENTRY) {
		subdir(w, dfd, name, &sb, depth);
		return;
	}
	if (S_ISREG(sb.st_mode) && depth >= DEPTH_LEGACY) {
		entry(w, dfd, name, &sb, depth);
		return;
	}
	skip(w, depth, S_ISDIR(sb.st_mode) ? "directory where an entry "
	    "should be" : S_ISREG(sb.st_mode) ? "file where a directory "
	    "should be" : "not a regular file or directory");
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
walk_dir(struct walk *w, int dfd, int depth)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL, **grown;
	size_t n = 0, cap = 0, i;
	int fd;

	if ((fd = dup(dfd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		fail(w, depth, "read directory");
		return;
	}
	/* Collect first: we rename and remove while we go. */
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			if ((grown = realloc(names, cap * sizeof(*names))) ==
			    NULL)
				break;
			names = grown;
		}
		if ((names[n] = str_dup(de->d_name)) == NULL)
			break;
		n++;
		errno = 0;
	}
	if (errno != 0)
		fail(w, depth, "read directory");
	closedir(d);
	/* Sorted, so that reports are the same from one run to the next. */
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		visit(w, dfd, names[i], depth + 1);
		free(names[i]);
	}
	free(names);
}

static int
clean_root(const struct opts *o, const char *root, struct stats *total)
{
	struct walk w;
	struct stat sb, top;
	char show[SHOW_MAX];
	size_t n;
	int fd;

	/* Reports name root as given, without trailing slashes. */
	n = str_lcpy(show, root, sizeof(show));
	if (n >= sizeof(show))
		n = sizeof(show) - 1;
	while (n > 1 && show[n - 1] == '/')
		show[--n] = '\0';
	memset(&w, 0, sizeof(w));
	w.o = o;
	w.root = show;
	w.now = time(NULL);
	if ((fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) == -1) {
		fprintf(stderr, "spamdyke-graylist-clean: cannot open %s: %s\n",
		    root, strerror(errno));
		if (fd != -1)
			close(fd);
		total->errors++;
		return -1;
	}
	/* A graylist tree is never the root of the file hierarchy. */
	if (stat("/", &top) == 0 && top.st_dev == sb.st_dev &&
	    top.st_ino == sb.st_ino) {
		fprintf(stderr, "spamdyke-graylist-clean: refusing to clean "
		    "/\n");
		close(fd);
		total->errors++;
		return -1;
	}
	w.dev = sb.st_dev;
	walk_dir(&w, fd, 0);
	close(fd);
	printf("%s: %s %lu entries and %lu directories, %lu inodes freed "
	    "(%llu bytes); %lu entries kept, %lu skipped, %lu errors\n",
	    show, o->dry ? "would remove" : "removed", w.st.removed,
	    w.st.dirs, w.st.inodes, w.st.bytes, w.st.kept, w.st.skipped,
	    w.st.errors);
	total->removed += w.st.removed;
	total->errors += w.st.errors;
	return 0;
}

/* graylist-max-secs and graylist-dir from a spamdyke config file. */
static struct options *
read_config(const char *path)
{
	struct options *opt;
	char err[1024];

	if ((opt = opt_new()) == NULL) {
		fprintf(stderr, "spamdyke-graylist-clean: out of memory\n");
		return NULL;
	}
	if (opt_set(opt, "config-file", path, OPT_WHERE_C, err,
	    sizeof(err)) == -1 ||
	    opt_read_config_files(opt, err, sizeof(err)) == -1) {
		fprintf(stderr, "spamdyke-graylist-clean: %s\n", err);
		opt_free(opt);
		return NULL;
	}
	return opt;
}

static bool
parse_secs(const char *s, long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*v = strtol(s, &end, 10);
	return errno == 0 && *end == '\0';
}

/* Clean the named trees, or those of graylist-dir; the exit status. */
static int
clean_all(const struct opts *o, const struct options *cfg, int argc,
    char *argv[])
{
	struct stats total;
	size_t i;

	if (o->max_secs == 0) {
		/* files.md 9.4: max 0 means entries never expire. */
		printf("graylist-max-secs is 0: entries never expire, so none "
		    "can be removed safely\n");
		return 0;
	}
	memset(&total, 0, sizeof(total));
	if (argc > 0)
		for (i = 0; i < (size_t)argc; i++)
			clean_root(o, argv[i], &total);
	else
		for (i = 0; i < cfg->graylist_dir.n; i++)
			clean_root(o, cfg->graylist_dir.v[i], &total);
	return total.errors > 0 ? 1 : 0;
}

int
main(int argc, char *argv[])
{
	struct opts o = { -1, false, false, false, false };
	struct options *cfg = NULL;
	const char *config = NULL;
	int c, rc;

	while ((c = getopt(argc, argv, "c:ehm:nqv")) != -1)
		switch (c) {
		case 'c':
			config = optarg;
			break;
		case 'e':
			o.empty_dirs = true;
			break;
		case 'm':
			if (!parse_secs(optarg, &o.max_secs))
				goto usage;
			break;
		case 'n':
			o.dry = true;
			break;
		case 'q':
			o.quiet = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'h':
			util_usage(usage);
			return 0;
		default:
			goto usage;
		}
	if (o.quiet && o.verbose)
		goto usage;
	if (config != NULL && (cfg = read_config(config)) == NULL)
		return 2;
	if (cfg != NULL && o.max_secs == -1)
		o.max_secs = cfg->graylist_max_secs;
	if (o.max_secs == -1 || (optind == argc && (cfg == NULL ||
	    cfg->graylist_dir.n == 0))) {
		opt_free(cfg);
		goto usage;
	}
	rc = clean_all(&o, cfg, argc - optind, argv + optind);
	opt_free(cfg);
	return rc;
usage:
	util_usage(usage);
	return 2;
}
