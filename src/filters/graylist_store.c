/*
 * graylist_store.c - the graylist tree (files.md 9): one file per
 * (recipient, sender) pair, GRAYLIST_DIR/<rdomain>/<ruser>/<sdomain>/<suser>,
 * whose emptiness and mtime decide whether a delivery passes.
 *
 * Below a root everything is reached with openat(), mkdirat(), renameat()
 * and fstatat() from directory descriptors opened O_DIRECTORY|O_NOFOLLOW,
 * one component at a time; every component is canonicalised and checked by
 * path_part_ok(), so no symbolic link inside the tree is followed and no
 * remote address can name anything outside it.  Updates are atomic: an
 * entry is created O_EXCL, a line is appended with one write() on an
 * O_APPEND descriptor, and an expired entry is replaced by renaming an
 * empty temporary file over it.  The level/exception decision is made from
 * the caller's booleans; rcpthosts, exception lists and replies are not
 * ours.  Entry point: graylist_check().
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/options.h"
#include "filters/graylist_store.h"
#include "log/log.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/path.h"
#include "util/str.h"

/* A root is the administrator's: it may itself be a symbolic link. */
#define ROOT_FLAGS	(O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define NEW_FLAGS	(O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC)
#define ENTRY_FLAGS	(O_RDWR | O_APPEND | O_NOFOLLOW | O_NONBLOCK | \
			    O_CLOEXEC)

#define GL_IP_MAX	64	/* bytes of the client IP kept in a line */
#define GL_RDNS_MAX	1024	/* bytes of the rDNS name kept in a line */
#define GL_SCAN_LINE	65535	/* files.md 0: line length */
#define GL_SCAN_LINES	65536	/* files.md 0: line limit */
#define GL_TMP_TRIES	8

/* Pre-4.0 null-sender file and its temporary name (files.md 9.4). */
#define NONE		"_none"
#define NONE_TMP	"___none"

static const char E_MKDIR[] = "unable to create directory";
static const char E_STAT[] = "unable to stat() path";
static const char E_WRITE[] = "cannot write to graylist file";
static const char E_REMOVE[] = "unable to remove file";

/* Path depth: root, then one level per component. */
enum { D_ROOT, D_RDOMAIN, D_RUSER, D_SDOMAIN, D_SUSER };

struct gl {
	const struct gl_request	*req;
	const char		*root;		/* chosen graylist-dir */
	char			*comp[D_SUSER];	/* comp[d - 1] names depth d */
	char			*legacy;	/* pre-4.0 "local@domain" name */
};

/*
 * canon() of files.md 9.1: letters are lowercased, bytes outside
 * [a-z0-9@_.-] become '_', and an empty (or NULL) s becomes the text
 * empty.  malloc()ed; NULL on ENOMEM.
 */
static char *
canon(const char *s, const char *empty)
{
	size_t i, n = s == NULL ? 0 : strlen(s);
	unsigned char c;
	char *out;

	if (n == 0)
		return str_dup(empty);
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '@' || c == '_' || c == '-' || c == '.'))
			c = '_';
		out[i] = (char)c;
	}
	out[n] = '\0';
	/* Improvement: "." and ".." are not names (session.md 9). */
	if (strcmp(out, ".") == 0 || strcmp(out, "..") == 0) {
		out[0] = '_';
		out[1] = '\0';
	}
	return out;
}

static void
gl_free(struct gl *g)
{
	size_t i;

	for (i = 0; i < D_SUSER; i++)
		free(g->comp[i]);
	free(g->legacy);
}

static int
gl_init(struct gl *g, const struct gl_request *r)
{
	const char *sl = r->sender_local != NULL ? r->sender_local : "";
	const char *sd = r->sender_domain != NULL ? r->sender_domain : "";
	struct buf addr;
	size_t i;

	memset(g, 0, sizeof(*g));
	g->req = r;
	/*
	 * Improvement: an empty recipient part becomes "_", not an empty
	 * component (5.0.1 builds GRAYLIST_DIR//user).  Compat: an empty
	 * sender part is "_none".
	 */
	g->comp[D_RDOMAIN - 1] = canon(r->rcpt_domain, "_");
	g->comp[D_RUSER - 1] = canon(r->rcpt_local, "_");
	g->comp[D_SDOMAIN - 1] = canon(sd, NONE);
	g->comp[D_SUSER - 1] = canon(sl, NONE);
	if (*sl != '\0' && *sd != '\0') {
		buf_init(&addr, strlen(sl) + strlen(sd) + 2);
		if (buf_puts(&addr, sl) == 0 && buf_putc(&addr, '@') == 0 &&
		    buf_puts(&addr, sd) == 0)
			g->legacy = canon(buf_cstr(&addr), "_");
		buf_free(&addr);
		if (g->legacy == NULL)
			goto nomem;
	}
	for (i = 0; i < D_SUSER; i++) {
		if (g->comp[i] == NULL)
			goto nomem;
		/* canon() cannot produce a bad part; path.h is the rule. */
		if (!path_part_ok(g->comp[i], strlen(g->comp[i])))
			log_panic("graylist: bad path component");
	}
	return 0;
nomem:
	log_error("out of memory - unable to allocate %zu bytes",
	    strlen(sl) + strlen(sd) + 8);
	return -1;
}

/* out = root/comp.../leaf down to depth (leaf may be NULL); 0 or -1. */
static int
gl_path(const struct gl *g, struct buf *out, int depth, const char *leaf)
{
	struct buf t, swap;
	size_t max = strlen(g->root) + 2;
	const char *part;
	int d, rc = -1;

	for (d = 0; d < depth; d++)
		max += strlen(g->comp[d]) + 1;
	if (leaf != NULL)
		max += strlen(leaf) + 1;
	buf_init(out, max);
	buf_init(&t, max);
	if (buf_puts(out, g->root) == -1)
		goto out;
	for (d = 0; d <= depth; d++) {
		part = d < depth ? g->comp[d] : leaf;
		if (part == NULL)
			break;
		if (path_join(&t, buf_cstr(out), part, strlen(part)) == -1)
			goto out;
		swap = *out;
		*out = t;
		t = swap;
	}
	rc = 0;
out:
	buf_free(&t);
	return rc;
}

/* Log "<what> <path>: <err>" (session.md 4.6). */
static void
gl_log(const struct gl *g, const char *what, int depth, const char *leaf,
    int err)
{
	struct buf p;

	if (gl_path(g, &p, depth, leaf) == 0)
		log_error("%s %s: %s", what, buf_cstr(&p), strerror(err));
	else
		log_error("%s %s: %s", what, g->root, strerror(err));
	buf_free(&p);
}

static void
gl_log_move(const struct gl *g, int da, const char *la, int db,
    const char *lb, int err)
{
	struct buf a, b;

	buf_init(&a, 0);
	buf_init(&b, 0);
	if (gl_path(g, &a, da, la) == 0 && gl_path(g, &b, db, lb) == 0)
		log_error("unable to move file %s to %s: %s", buf_cstr(&a),
		    buf_cstr(&b), strerror(err));
	buf_free(&a);
	buf_free(&b);
}

static bool
gl_applies(const struct gl_request *r)
{
	if (r->dirs == NULL || r->dirs->n == 0)
		return false;
	if ((r->rcpt_local == NULL || *r->rcpt_local == '\0') &&
	    (r->rcpt_domain == NULL || *r->rcpt_domain == '\0'))
		return false;
	switch (r->level) {
	case GL_ALWAYS:
	case GL_ALWAYS_CREATE_DIR:
		return !r->exception;
	case GL_ONLY:
	case GL_ONLY_CREATE_DIR:
		return r->exception;
	default:
		return false;
	}
}

/*
 * openat() a directory without following a link.  A link fails with ELOOP
 * everywhere (Linux reports ENOTDIR for O_DIRECTORY, FreeBSD EMLINK), so
 * that the log says what is in the way.
 */
static int
open_dir(int pfd, const char *name)
{
	struct stat st;
	int fd, err;

	if ((fd = openat(pfd, name, DIR_FLAGS)) != -1 || errno == ENOENT)
		return fd;
	err = errno;
	if (fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode))
		err = ELOOP;
	errno = err;
	return -1;
}

/*
 * mkdirat() with mode exactly 0700 (files.md 9.1), not what the umask
 * leaves of it: a umask such as 0777 would give a directory that even its
 * owner cannot open.  Setting the umask around the call avoids a chmod by
 * name, which would follow a link raced into its place; the process has a
 * single thread.
 */
static int
mkdir0700(int pfd, const char *name)
{
	mode_t old = umask(077);
	int rc, err;

	rc = mkdirat(pfd, name, 0700);
	err = errno;
	umask(old);
	errno = err;
	return rc;
}

/*
 * Open directory comp[depth - 1] below pfd, creating it (0700) when it is
 * missing.  0 with *fd open; -1 logged.  A symbolic link or any other
 * non-directory in its place is an error, never followed.
 */
static int
ensure_dir(struct gl *g, int pfd, int depth, int *fd)
{
	const char *name = g->comp[depth - 1];
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if ((*fd = open_dir(pfd, name)) != -1)
			return 0;
		if (errno != ENOENT) {
			gl_log(g, E_STAT, depth, NULL, errno);
			return -1;
		}
		if (mkdir0700(pfd, name) == 0) {
			if ((*fd = open_dir(pfd, name)) == -1) {
				gl_log(g, E_STAT, depth, NULL, errno);
				return -1;
			}
			return 0;
		}
		/* EEXIST: a concurrent session made it; open that one. */
		if (errno != EEXIST) {
			gl_log(g, E_MKDIR, depth, NULL, errno);
			return -1;
		}
	}
	gl_log(g, E_MKDIR, depth, NULL, EEXIST);
	return -1;
}

/*
 * files.md 9.4 step 2: the first root in which <rdomain> is a directory.
 * 1 found (g->root and *fd set), 0 none, -1 none and an error was logged.
 */
static int
find_domain(struct gl *g, int *fd)
{
	const struct strlist *dirs = g->req->dirs;
	int rfd, err, rc = 0;
	size_t i;

	for (i = 0; i < dirs->n; i++) {
		g->root = dirs->v[i];
		if ((rfd = open(g->root, ROOT_FLAGS)) == -1) {
			err = errno;
		} else {
			*fd = open_dir(rfd, g->comp[D_RDOMAIN - 1]);
			err = errno;
			close(rfd);
			if (*fd != -1)
				return 1;
		}
		/* Absent here; a symbolic link (ELOOP) is worth a line. */
		if (err != ENOENT && err != ENOTDIR) {
			gl_log(g, E_STAT, rfd == -1 ? D_ROOT : D_RDOMAIN, NULL,
			    err);
			rc = -1;
		}
	}
	return rc;
}

/* mkdir <root>/<rdomain> in each root until one works: 0 or -1 logged. */
static int
create_domain(struct gl *g, int *fd)
{
	const struct strlist *dirs = g->req->dirs;
	size_t i;
	int rfd, rc;

	for (i = 0; i < dirs->n; i++) {
		g->root = dirs->v[i];
		if ((rfd = open(g->root, ROOT_FLAGS)) == -1) {
			gl_log(g, E_MKDIR, D_RDOMAIN, NULL, errno);
			continue;
		}
		rc = ensure_dir(g, rfd, D_RDOMAIN, fd);
		close(rfd);
		if (rc == 0)
			return 0;
	}
	return -1;
}

/*
 * Compat: the pre-4.0 null-sender entry is the file <ruser>/_none; move it
 * aside so that <ruser>/_none can become a directory (files.md 9.4 step 4).
 * 1 moved to ___none, 0 nothing to move (or deleted), -1 logged.
 * Improvement: done for any sender whose domain part maps to "_none", not
 * only the null sender, since 5.0.1 fails on that file for them too.
 */
static int
migrate_none_begin(struct gl *g, int ufd)
{
	struct stat st;
	int moved = 0;

	if (fstatat(ufd, NONE, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(st.st_mode))
		return 0;
	if (renameat(ufd, NONE, ufd, NONE_TMP) == 0)
		moved = 1;
	else {
		gl_log_move(g, D_RUSER, NONE, D_RUSER, NONE_TMP, errno);
		if (unlinkat(ufd, NONE, 0) == -1)
			gl_log(g, E_REMOVE, D_RUSER, NONE, errno);
	}
	if (mkdir0700(ufd, NONE) == -1 && errno != EEXIST) {
		gl_log(g, E_MKDIR, D_RUSER, NONE, errno);
		return -1;
	}
	return moved;
}

static void
migrate_none_end(struct gl *g, int ufd, int sfd)
{
	if (renameat(ufd, NONE_TMP, sfd, NONE) == 0)
		return;
	gl_log_move(g, D_RUSER, NONE_TMP, D_SDOMAIN, NONE, errno);
	if (unlinkat(ufd, NONE_TMP, 0) == -1)
		gl_log(g, E_REMOVE, D_RUSER, NONE_TMP, errno);
}

/* Compat: pre-4.0 <ruser>/<local@domain> becomes the entry (9.4 step 4). */
static void
migrate_legacy(struct gl *g, int ufd, int sfd)
{
	struct stat st;

	if (g->legacy == NULL ||
	    fstatat(ufd, g->legacy, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !S_ISREG(st.st_mode))
		return;
	if (renameat(ufd, g->legacy, sfd, g->comp[D_SUSER - 1]) == 0)
		return;
	gl_log_move(g, D_RUSER, g->legacy, D_SUSER, NULL, errno);
	if (unlinkat(ufd, g->legacy, 0) == -1)
		gl_log(g, E_REMOVE, D_RUSER, g->legacy, errno);
}

/* now - then in seconds, saturated instead of overflowing. */
static long long
age_of(time_t now, time_t then)
{
	long long n = (long long)now, t = (long long)then;

	if (t > 0 && n < LLONG_MIN + t)
		return LLONG_MIN;
	if (t < 0 && n > LLONG_MAX + t)
		return LLONG_MAX;
	return n - t;
}

/* Seconds until an entry of this age passes; -1 if it never can. */
static long
wait_for(long min, long max, long long age)
{
	if (max > 0 && min > max)
		return -1;	/* must be older than min and younger than max */
	if (age >= min)
		return 0;
	if (age < 0 && (long long)min - LONG_MAX > age)
		return LONG_MAX;
	return (long)((long long)min - age);
}

/* Stamp fd's mtime with the decision time (atime untouched); 0 or -1. */
static int
set_mtime(int fd, time_t now)
{
	struct timespec ts[2];

	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = now;
	ts[1].tv_nsec = 0;
	return futimens(fd, ts);
}

/* Copy s into dst (room bytes at most), blanks and controls as '?'. */
static size_t
put_clean(char *dst, size_t room, const char *s)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < room && s[i] != '\0'; i++) {
		c = (unsigned char)s[i];
		dst[i] = c <= ' ' || c >= 0x7f ? '?' : (char)c;
	}
	return i;
}

/* 1 fd holds line (len bytes, no LF) case-insensitively, 0 not, -1 error. */
static int
has_line(int fd, const char *line, size_t len)
{
	struct file_lines fl;
	const char *l;
	size_t n;
	int rc;

	file_lines_fd(&fl, fd, GL_SCAN_LINE, GL_SCAN_LINES);
	while ((rc = file_lines_next(&fl, &l, &n)) == 1)
		if (n == len && str_prefix_ci(l, n, line))
			break;
	file_lines_free(&fl);
	return rc;
}

/*
 * A passing delivery: append "IP[ RDNS]" unless present (files.md 9.2),
 * with one write() on the O_APPEND descriptor so concurrent sessions never
 * interleave, then refresh the mtime.  Failures are logged; the delivery
 * passes anyway, the lines being informational.
 */
static void
record_pass(struct gl *g, int fd)
{
	const struct gl_request *r = g->req;
	char line[GL_IP_MAX + 1 + GL_RDNS_MAX + 1];
	size_t n;
	ssize_t w;
	int rc;

	n = put_clean(line, GL_IP_MAX, r->ip != NULL ? r->ip : "");
	if (n > 0 && r->rdns != NULL && *r->rdns != '\0') {
		line[n++] = ' ';
		n += put_clean(line + n, GL_RDNS_MAX, r->rdns);
	}
	line[n] = '\0';
	if (n > 0 && (rc = has_line(fd, line, n)) != 1) {
		if (rc == -1)
			gl_log(g, E_WRITE, D_SUSER, NULL, errno);
		else {
			line[n++] = '\n';
			if ((w = write(fd, line, n)) != (ssize_t)n)
				gl_log(g, E_WRITE, D_SUSER, NULL,
				    w == -1 ? errno : ENOSPC);
		}
	}
	/* Improvement: every pass keeps the entry alive (files.md 9.4). */
	if (set_mtime(fd, r->now) == -1)
		gl_log(g, E_WRITE, D_SUSER, NULL, errno);
}

/*
 * Improvement: expire by renaming an empty file over the entry (files.md
 * 9.4), so a reader sees the old entry or the new one, never a half.  The
 * temporary name starts with '+', which canon() never produces, so it can
 * never be anybody's entry.  0 or -1 logged.
 */
static int
expire(struct gl *g, int sfd)
{
	char tmp[64];
	int fd = -1, i;

	for (i = 0; i < GL_TMP_TRIES; i++) {
		snprintf(tmp, sizeof(tmp), "+expired.%ld.%d", (long)getpid(),
		    i);
		if ((fd = openat(sfd, tmp, NEW_FLAGS, 0600)) != -1 ||
		    errno != EEXIST)
			break;
	}
	if (fd == -1) {
		gl_log(g, E_WRITE, D_SDOMAIN, tmp, errno);
		return -1;
	}
	(void)fchmod(fd, 0600);
	/* On failure the kernel's own creation time is just as good. */
	(void)set_mtime(fd, g->req->now);
	close(fd);
	if (renameat(sfd, tmp, sfd, g->comp[D_SUSER - 1]) == 0)
		return 0;
	gl_log_move(g, D_SDOMAIN, tmp, D_SUSER, NULL, errno);
	if (unlinkat(sfd, tmp, 0) == -1)
		gl_log(g, E_REMOVE, D_SDOMAIN, tmp, errno);
	return -1;
}

/* files.md 9.4 step 5 on an open regular entry. */
static enum gl_result
decide(struct gl *g, int sfd, int fd, const struct stat *st, long *retry)
{
	const struct gl_request *r = g->req;
	long min = r->min_secs > 0 ? r->min_secs : 0;
	long max = r->max_secs > 0 ? r->max_secs : 0;
	long long age = age_of(r->now, st->st_mtim.tv_sec);

	if ((min == 0 || st->st_size > 0 || age >= min) &&
	    (max == 0 || age <= max)) {
		record_pass(g, fd);
		return GLR_PASS;
	}
	if (max > 0 && age >= max) {
		/* A failed truncation accepts instead (files.md 9.4). */
		if (expire(g, sfd) == -1)
			return GLR_ERROR;
		*retry = wait_for(min, max, 0);
		return GLR_REFUSE_EXPIRED;
	}
	*retry = wait_for(min, max, age);
	return GLR_REFUSE_TOO_SOON;
}

/* Look at, create or update the entry <sdomain>/<suser> below sfd. */
static enum gl_result
check_entry(struct gl *g, int sfd, long *retry)
{
	const struct gl_request *r = g->req;
	const char *name = g->comp[D_SUSER - 1];
	enum gl_result res;
	struct stat st;
	int fd, tries;

	for (tries = 0; tries < 2; tries++) {
		if (fstatat(sfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1) {
			if (errno != ENOENT) {
				gl_log(g, E_STAT, D_SUSER, NULL, errno);
				return GLR_ERROR;
			}
			if ((fd = openat(sfd, name, NEW_FLAGS, 0600)) == -1) {
				if (errno == EEXIST)
					continue;	/* raced: look again */
				gl_log(g, E_WRITE, D_SUSER, NULL, errno);
				return GLR_ERROR;
			}
			(void)fchmod(fd, 0600);
			(void)set_mtime(fd, r->now);
			close(fd);
			*retry = wait_for(r->min_secs > 0 ? r->min_secs : 0,
			    r->max_secs > 0 ? r->max_secs : 0, 0);
			return GLR_REFUSE_NEW;
		}
		/* A symbolic link, directory, FIFO... never passes. */
		if (!S_ISREG(st.st_mode))
			return GLR_REFUSE_NOT_FILE;
		if ((fd = openat(sfd, name, ENTRY_FLAGS)) == -1) {
			if (errno == ENOENT)
				continue;	/* removed meanwhile */
			gl_log(g, E_WRITE, D_SUSER, NULL, errno);
			return GLR_ERROR;
		}
		if (fstat(fd, &st) == -1) {
			gl_log(g, E_STAT, D_SUSER, NULL, errno);
			res = GLR_ERROR;
		} else if (!S_ISREG(st.st_mode))
			res = GLR_REFUSE_NOT_FILE;
		else {
			/* Compat: chmod after every open (files.md 9.1). */
			(void)fchmod(fd, 0600);
			res = decide(g, sfd, fd, &st, retry);
		}
		close(fd);
		return res;
	}
	gl_log(g, E_STAT, D_SUSER, NULL, EAGAIN);
	return GLR_ERROR;
}

enum gl_result
graylist_check(const struct gl_request *r, char *path_out, size_t pathlen,
    long *retry_after_secs)
{
	enum gl_result res = GLR_NOT_APPLICABLE;
	struct gl g;
	struct buf p;
	long retry = -1;
	int dfd = -1, ufd = -1, sfd = -1, moved = 0, found;

	if (path_out != NULL && pathlen > 0)
		path_out[0] = '\0';
	memset(&g, 0, sizeof(g));
	if (!gl_applies(r))
		goto out;
	if (gl_init(&g, r) == -1) {
		res = GLR_ERROR;
		goto out;
	}
	if ((found = find_domain(&g, &dfd)) != 1) {
		if ((r->level != GL_ALWAYS_CREATE_DIR &&
		    r->level != GL_ONLY_CREATE_DIR) || !r->domain_is_local) {
			res = found == -1 ? GLR_ERROR : GLR_NOT_APPLICABLE;
			goto out;
		}
		if (create_domain(&g, &dfd) == -1) {
			res = GLR_ERROR;
			goto out;
		}
	}
	if (path_out != NULL && pathlen > 0) {
		if (gl_path(&g, &p, D_SUSER, NULL) == 0)
			str_lcpy(path_out, buf_cstr(&p), pathlen);
		buf_free(&p);
	}
	res = GLR_ERROR;
	if (ensure_dir(&g, dfd, D_RUSER, &ufd) == -1)
		goto out;
	if (strcmp(g.comp[D_SDOMAIN - 1], NONE) == 0 &&
	    (moved = migrate_none_begin(&g, ufd)) == -1)
		goto out;
	if (ensure_dir(&g, ufd, D_SDOMAIN, &sfd) == -1)
		goto out;
	if (moved)
		migrate_none_end(&g, ufd, sfd);
	migrate_legacy(&g, ufd, sfd);
	res = check_entry(&g, sfd, &retry);
out:
	if (sfd != -1)
		close(sfd);
	if (ufd != -1)
		close(ufd);
	if (dfd != -1)
		close(dfd);
	gl_free(&g);
	if (retry_after_secs != NULL)
		*retry_after_secs = graylist_refused(res) ? retry : -1;
	return res;
}

bool
graylist_refused(enum gl_result res)
{
	return res == GLR_REFUSE_NEW || res == GLR_REFUSE_TOO_SOON ||
	    res == GLR_REFUSE_EXPIRED || res == GLR_REFUSE_NOT_FILE;
}
