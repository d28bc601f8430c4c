/*
 * test_files.c - --config-test (files.md 12.2): may spamdyke use the
 * files, directories and commands its options name, as the effective
 * user?  spamdyke's own binary (item 4), and the generic test of every
 * option of type file, directory, command or CDB that has no special
 * test (item 6): files opened the way the option uses them and their
 * lines counted, directory trees opened and stat()ed throughout, a probe
 * file created and deleted in writable directories, commands found and
 * checked executable, CDB files read and their structure checked.  What
 * list lines mean is test_lists.c's.  Entry points: ct_test_self,
 * ct_generic and the helpers of test_int.h.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/optint.h"
#include "config/options.h"
#include "config/test_int.h"
#include "io/child.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/str.h"

#define CT_ENTRY_MAX	25		/* *-entry values before a warning */
#define CT_RDNS_MAX	100		/* rDNS file lines before a warning */
#define CT_LINES_MAX	65536		/* lines that make a list "large" */
#define CT_CDB_MAX	(256UL << 20)

static bool
in_group(gid_t gid)
{
	gid_t groups[256];
	int n, i;

	if (gid == getegid())
		return true;
	if ((n = getgroups((int)nitems(groups), groups)) < 0)
		return false;
	for (i = 0; i < n; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

/* Regular and executable by the effective uid or gid, or by others. */
static bool
can_exec(const struct stat *st)
{
	uid_t uid = geteuid();

	if (!S_ISREG(st->st_mode))
		return false;
	if (uid == 0)
		return (st->st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;
	if (st->st_uid == uid)
		return (st->st_mode & S_IXUSR) != 0;
	if (in_group(st->st_gid))
		return (st->st_mode & S_IXGRP) != 0;
	return (st->st_mode & S_IXOTH) != 0;
}

/* The first executable name in PATH (12.2 item 4); 0 found, -1 not. */
static int
find_in_path(const char *name, char *out, size_t outlen)
{
	const char *path = getenv("PATH"), *p, *end;
	struct buf b;
	struct stat st;
	int rc = -1;

	if (path == NULL || *path == '\0')
		path = CHILD_DEFAULT_PATH;
	buf_init(&b, PATH_MAX);
	for (p = path;; p = end + 1) {
		char dir[PATH_MAX];

		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) < sizeof(dir)) {
			memcpy(dir, p, (size_t)(end - p));
			dir[end - p] = '\0';
			if (path_join(&b, dir[0] != '\0' ? dir : ".", name,
			    strlen(name)) == 0 &&
			    stat(buf_cstr(&b), &st) == 0 && can_exec(&st)) {
				str_lcpy(out, buf_cstr(&b), outlen);
				rc = 0;
				break;
			}
		}
		if (*end == '\0')
			break;
	}
	buf_free(&b);
	return rc;
}

/* ------------------------------------------------------ 12.2 item 4 */

void
ct_test_self(struct ct *ct, const char *argv0)
{
	char path[PATH_MAX];
	struct stat st;

	if (argv0 == NULL || argv0[0] == '\0') {
		ct_say(ct, K_ERROR, NULL, "Unable to find the spamdyke binary: "
		    "no program name");
		return;
	}
	if (strchr(argv0, '/') != NULL)
		str_lcpy(path, argv0, sizeof(path));
	else if (find_in_path(argv0, path, sizeof(path)) == -1) {
		ct_say(ct, K_ERROR, NULL, "Unable to find the spamdyke binary "
		    "%s in PATH", argv0);
		return;
	}
	if (stat(path, &st) == -1) {
		ct_say(ct, K_ERROR, NULL, "Unable to stat the spamdyke binary "
		    "%s: %s", path, strerror(errno));
		return;
	}
	if (st.st_uid == 0 && (st.st_mode & S_ISUID))
		ct_say(ct, K_ERROR, NULL, "spamdyke binary (%s) is owned by "
		    "root and marked setuid. This is not necessary or "
		    "recommended; it could be a security risk.", path);
	else
		ct_say(ct, K_SUCCESS, NULL, "spamdyke binary (%s) is not owned "
		    "by root and/or is not marked setuid.", path);
}

/* ------------------------------------------------- files and commands */

/* Each CR or LF ends a line (files.md 0); -1 on a read error. */
static long
count_lines(int fd)
{
	char chunk[16384];
	long lines = 0;
	ssize_t n, i;

	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return lines;
		for (i = 0; i < n; i++)
			lines += chunk[i] == '\n' || chunk[i] == '\r';
	}
}

/* Can the current user create files beside path (for its index)? */
static bool
dir_writable(const char *path)
{
	char dir[PATH_MAX];
	char *slash;

	str_lcpy(dir, path, sizeof(dir));
	if ((slash = strrchr(dir, '/')) == NULL)
		return access(".", W_OK) == 0;
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return access(dir, W_OK) == 0;
}

/*
 * Open path with flags and check it is a file (a large list is noted: CT_LINES_MAX)
 * lines (count when counting).  0 ok, -1 reported.
 */
static int
open_file(struct ct *ct, const char *name, const char *path, int flags,
    const char *how, bool counting)
{
	struct stat st;
	long lines;
	int fd;

	if ((fd = open(path, flags | O_NONBLOCK | O_CLOEXEC)) == -1) {
		ct_say(ct, K_ERROR, name, "Failed to open for %s: %s: %s", how,
		    path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		ct_say(ct, K_ERROR, name, "Failed to stat %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		ct_say(ct, K_ERROR, name, "Failed to open for %s: %s: %s", how,
		    path, S_ISDIR(st.st_mode) ? "Is a directory" :
		    "Not a regular file");
		close(fd);
		return -1;
	}
	/*
	 * Improvement (issue 3): every line counts.  Large IP and rDNS
	 * lists are looked up through an index kept beside them (F.sdx),
	 * which needs a directory the user can write.
	 */
	if (counting && (lines = count_lines(fd)) >= CT_LINES_MAX &&
	    !dir_writable(path))
		ct_say(ct, K_WARNING, name, "%s has %ld lines and its "
		    "directory is not writable: no index (%s.sdx) can be kept, "
		    "so every lookup reads the whole file.", path, lines, path);
	else if (counting && lines == -1)
		ct_say(ct, K_ERROR, name, "Failed to read %s: %s", path,
		    strerror(errno));
	close(fd);
	return 0;
}

void
ct_test_read_file(struct ct *ct, const char *name, const char *path)
{
	bool rdns_warn;
	unsigned entries;

	if (open_file(ct, name, path, O_RDONLY, "reading", true) == -1)
		return;
	entries = ct_list_lines(ct, name, path, &rdns_warn);
	if (rdns_warn && entries > CT_RDNS_MAX)
		ct_say(ct, K_WARNING, name, "%s holds %u entries. An rDNS "
		    "directory is much faster for long lists (see "
		    "rdns-blacklist-dir and domain2path).", path, entries);
	ct_say(ct, K_SUCCESS, name, "Opened for reading: %s", path);
}

/* A file the option writes: append (and read: count lines too). */
static void
test_rw_file(struct ct *ct, const char *name, const char *path, int mode,
    const char *how)
{
	if (open_file(ct, name, path, mode | O_APPEND, how,
	    mode == O_RDWR) == 0)
		ct_say(ct, K_SUCCESS, name, "Opened for %s: %s", how, path);
}

/* The executable behind the first word of cmd; 0 ok, -1 reported. */
int
ct_test_exec(struct ct *ct, const char *name, const char *cmd, bool pathsearch,
    char *out, size_t outlen, struct stat *st)
{
	char word[PATH_MAX];
	size_t n = strcspn(cmd, " ");

	if (n == 0 || n >= sizeof(word)) {
		ct_say(ct, K_ERROR, name, "Bad command: \"%s\"", cmd);
		return -1;
	}
	memcpy(word, cmd, n);
	word[n] = '\0';
	if (!pathsearch && word[0] != '/') {
		ct_say(ct, K_ERROR, name, "The command must be an absolute "
		    "path: %s", word);
		return -1;
	}
	if (child_find(word, getenv("PATH"), out, outlen) == -1 ||
	    stat(out, st) == -1) {
		ct_say(ct, K_ERROR, name, "Failed to find executable: %s: %s",
		    word, strerror(errno));
		return -1;
	}
	if (!can_exec(st)) {
		ct_say(ct, K_ERROR, name, "%s is not %s executable by the "
		    "current user and group", out, S_ISREG(st->st_mode) ?
		    "a file" : "a regular file");
		return -1;
	}
	ct_say(ct, K_SUCCESS, name, "Executable: %s", out);
	return 0;
}

/* Create and delete DIR/spamdyke-test_<unixtime>_<pid>; 0 ok. */
int
ct_test_write_dir(struct ct *ct, const char *name, const char *dir,
    enum kind success)
{
	char part[64];
	struct buf b;
	int fd, rc = -1;

	snprintf(part, sizeof(part), "spamdyke-test_%lld_%ld",
	    (long long)time(NULL), (long)getpid());
	buf_init(&b, PATH_MAX);
	if (path_join(&b, dir, part, strlen(part)) == -1) {
		ct_say(ct, K_ERROR, name, "Path too long: %s", dir);
		goto out;
	}
	if ((fd = open(buf_cstr(&b), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		ct_say(ct, K_ERROR, name, "Failed to create a file in "
		    "directory %s: %s", dir, strerror(errno));
		goto out;
	}
	close(fd);
	if (unlink(buf_cstr(&b)) == -1) {
		ct_say(ct, K_ERROR, name, "Failed to delete the test file "
		    "%s: %s", buf_cstr(&b), strerror(errno));
		goto out;
	}
	ct_say(ct, success, name, "Created and deleted a file in directory %s",
	    dir);
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* Sorted entries of dir (no "." and ".."); n -1 reported as an error. */
int
ct_list_dir(struct ct *ct, const char *name, const char *dir,
    struct dirent ***ents)
{
	int n;

	if ((n = scandir(dir, ents, NULL, alphasort)) == -1)
		ct_say(ct, K_ERROR, name, "Failed to open directory for "
		    "reading: %s: %s", dir, strerror(errno));
	return n;
}

bool
ct_dot(const char *s)
{
	return strcmp(s, ".") == 0 || strcmp(s, "..") == 0;
}

void
ct_free_dir(struct dirent **e, int n)
{
	while (n > 0)
		free(e[--n]);
	free(e);
}

/* Open the whole tree and stat everything in it; 0 ok. */
static int
walk_read(struct ct *ct, const char *name, const char *dir, int depth)
{
	struct dirent **e;
	struct stat st;
	struct buf b;
	int n, i, rc = 0;

	if (depth > CT_DEPTH_MAX || ct->walked++ > CT_WALK_MAX) {
		ct_say(ct, K_ERROR, name, "Directory tree too deep or too "
		    "large at %s", dir);
		return -1;
	}
	if ((n = ct_list_dir(ct, name, dir, &e)) == -1)
		return -1;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (ct_dot(e[i]->d_name))
			continue;
		if (path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1 || stat(b.data, &st) == -1) {
			ct_say(ct, K_ERROR, name, "Failed to stat %s/%s: %s",
			    dir, e[i]->d_name, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode) &&
		    walk_read(ct, name, b.data, depth + 1) == -1)
			rc = -1;
	}
	buf_free(&b);
	ct_free_dir(e, n);
	return rc;
}

/* ------------------------------------------------------- generic tests */

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool
zone_file(const char *name)
{
	return strcmp(name, "dns-blacklist-file") == 0 ||
	    strcmp(name, "dns-whitelist-file") == 0 ||
	    strcmp(name, "rhs-blacklist-file") == 0 ||
	    strcmp(name, "rhs-whitelist-file") == 0;
}

void
ct_entry_count(struct ct *ct, const struct opt_row *r, size_t n)
{
	char file[128];

	if (r->rep != OR_LIST || !has_suffix(r->name, "-entry") ||
	    n <= CT_ENTRY_MAX)
		return;
	str_lcpy(file, r->name, sizeof(file));
	file[strlen(file) - strlen("entry")] = '\0';
	ct_say(ct, K_WARNING, r->name, "%s is given %zu times. A file "
	    "(%sfile) is easier to maintain and just as fast.", r->name, n,
	    file);
}

static uint32_t
u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* files.md 11.1: the cdb hash, bytes unsigned. */
static uint32_t
cdb_hash(const unsigned char *k, size_t n)
{
	uint32_t h = 5381;

	while (n-- > 0)
		h = ((h << 5) + h) ^ *k++;
	return h;
}

/* The first structural fault of a cdb image, or NULL; *records counted. */
static const char *
cdb_fault(const unsigned char *d, size_t size, size_t *records)
{
	uint32_t t, s, pos, slots, hash, rpos, klen, dlen;

	*records = 0;
	if (size < 2048)
		return "it is shorter than 2048 bytes";
	for (t = 0; t < 256; t++) {
		pos = u32(d + t * 8);
		slots = u32(d + t * 8 + 4);
		if (slots == 0)
			continue;
		if (pos < 2048 || pos > size || slots > (size - pos) / 8)
			return "a hash table lies outside the file";
		for (s = 0; s < slots; s++) {
			hash = u32(d + pos + s * 8);
			rpos = u32(d + pos + s * 8 + 4);
			if (rpos == 0)
				continue;
			(*records)++;
			if (rpos > size - 8)
				return "a record lies outside the file";
			klen = u32(d + rpos);
			dlen = u32(d + rpos + 4);
			if (klen > size - rpos - 8 ||
			    dlen > size - rpos - 8 - klen)
				return "a record lies outside the file";
			if (klen <= 1023 &&
			    (cdb_hash(d + rpos + 8, klen) != hash ||
			    hash % 256 != t))
				return "a key does not match its hash";
		}
	}
	return NULL;
}

static void
test_cdb(struct ct *ct, const char *name, const char *path)
{
	unsigned char *d = NULL;
	const char *fault;
	struct stat st;
	size_t records, got = 0;
	ssize_t n;
	int fd;

	if (strcmp(path, DEF_MORERCPT) != 0)
		ct_say(ct, K_WARNING_V, name, "%s is not the default path "
		    "(%s); make sure it is the file qmail uses.", path,
		    DEF_MORERCPT);
	if (open_file(ct, name, path, O_RDONLY, "reading", false) == -1)
		return;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		ct_say(ct, K_ERROR, name, "Failed to open for reading: %s: %s",
		    path, strerror(errno));
		goto out;
	}
	if ((unsigned long long)st.st_size > CT_CDB_MAX) {
		ct_say(ct, K_ERROR, name, "%s is too large to test (%lld "
		    "bytes)", path, (long long)st.st_size);
		goto out;
	}
	if ((d = malloc((size_t)st.st_size + 1)) == NULL) {
		ct_say(ct, K_ERROR, name, "out of memory");
		goto out;
	}
	while (got < (size_t)st.st_size) {
		if ((n = read(fd, d + got, (size_t)st.st_size - got)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	if ((fault = cdb_fault(d, got, &records)) != NULL)
		ct_say(ct, K_ERROR, name, "%s is not a valid CDB file: %s. Was "
		    "the text file (morercpthosts) given instead of the "
		    "compiled morercpthosts.cdb?", path, fault);
	else if (records == 0)
		ct_say(ct, K_WARNING, name, "%s is a valid CDB file but holds "
		    "no domains.", path);
	else
		ct_say(ct, K_SUCCESS, name, "%s is a valid CDB file with %zu "
		    "domains.", path, records);
out:
	free(d);
	if (fd != -1)
		close(fd);
}

/*
 * Issue 7: report the permissions of the validation helper.  It reads
 * other users' .qmail files, so it must be owned by root and setuid
 * (qrv.md 2, S1); INSTALL.txt: make install-setuid.
 */
static void
test_qrv_mode(struct ct *ct, const char *name, const char *path,
    const struct stat *st)
{
	unsigned mode = (unsigned)st->st_mode & 07777;

	if (st->st_uid == 0 && (st->st_mode & S_ISUID))
		ct_say(ct, K_SUCCESS, name, "%s is owned by root and setuid "
		    "(mode %04o).", path, mode);
	else
		ct_say(ct, K_WARNING, name, "%s is %s (owner uid %lu, mode "
		    "%04o): it can read only the files its caller can read, "
		    "so mailboxes of other users will count as unknown. "
		    "Install it with \"make install-setuid\".", path,
		    st->st_uid == 0 ? "not setuid" : "not owned by root",
		    (unsigned long)st->st_uid, mode);
}

void
ct_generic(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	const char *const *v, *one = NULL;
	char path[PATH_MAX];
	struct stat st;
	size_t n, i;

	if ((v = ct_values(r, o, &n, &one)) == NULL || n == 0)
		return;
	ct_entry_count(ct, r, n);
	for (i = 0; i < n; i++) {
		switch (r->arg) {
		case OA_FILE:
			if (zone_file(r->name))
				break;
			if ((r->flags & OPT_F_WRITE) && (r->flags & OPT_F_READ))
				test_rw_file(ct, r->name, v[i], O_RDWR,
				    "reading and writing");
			else if (r->flags & OPT_F_WRITE)
				test_rw_file(ct, r->name, v[i], O_WRONLY,
				    "writing");
			else if (r->flags & OPT_F_READ)
				ct_test_read_file(ct, r->name, v[i]);
			break;
		case OA_DIR:
			ct->walked = 0;
			if ((r->flags & OPT_F_READ) &&
			    walk_read(ct, r->name, v[i], 0) == 0)
				ct_say(ct, K_SUCCESS, r->name, "Opened the "
				    "directory tree for reading: %s", v[i]);
			if (r->flags & OPT_F_WRITE)
				ct_test_write_dir(ct, r->name, v[i], K_SUCCESS);
			break;
		case OA_CMD:
			if (!(r->flags & OPT_F_EXEC))
				break;
			if (ct_test_exec(ct, r->name, v[i], strcmp(r->name,
			    "recipient-validation-command") != 0, path,
			    sizeof(path), &st) == 0 && strcmp(r->name,
			    "recipient-validation-command") == 0)
				test_qrv_mode(ct, r->name, path, &st);
			break;
		case OA_CDB:
			test_cdb(ct, r->name, v[i]);
			break;
		default:
			break;
		}
	}
}
