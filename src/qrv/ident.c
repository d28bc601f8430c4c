/*
 * ident.c - the three identities of spamdyke-qrv (qrv.md S5) and the work
 * done under the owner's one: the access test P4 and reading the owner's
 * files.
 *
 * The resting identity is root (effective uid 0, no supplementary groups).
 * The owner context is the one qmail-lspawn gives qmail-local: one group,
 * effective gid and uid of the owner, so the kernel decides what the owner
 * can reach.  Every switch is checked; a failed switch ends the program
 * (exit 255) rather than continuing under the wrong identity.  When the
 * program does not run as root no switch is made (S2.4).
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <grp.h>
#include <string.h>
#include <unistd.h>

#include "qrv/qrv.h"
#include "util/file.h"

void
id_owner(struct qrv *q, uid_t uid, gid_t gid)
{
	if (!q->privileged)
		return;
	if (uid == 0)
		qrv_die("refusing to act as an owner with uid 0");
	if (setgroups(1, &gid) == -1 || setegid(gid) == -1 ||
	    seteuid(uid) == -1 || geteuid() != uid || getegid() != gid)
		qrv_die("cannot switch to the mailbox owner's identity");
}

void
id_caller(struct qrv *q)
{
	if (!q->privileged)
		return;
	if (setgroups((size_t)q->ngroups, q->groups) == -1 ||
	    setegid(q->rgid) == -1 || seteuid(q->ruid) == -1 ||
	    geteuid() != q->ruid || getegid() != q->rgid)
		qrv_die("cannot switch to the caller's identity");
}

void
id_root(struct qrv *q)
{
	if (!q->privileged)
		return;
	if (seteuid(0) == -1 || setegid(0) == -1 || setgroups(0, NULL) == -1 ||
	    geteuid() != 0)
		qrv_die("cannot switch back to root");
}

void
id_drop(struct qrv *q)
{
	if (!q->privileged)
		return;
	id_root(q);
	if (setgroups((size_t)q->ngroups, q->groups) == -1 ||
	    setgid(q->rgid) == -1 || setuid(q->ruid) == -1 ||
	    getuid() != q->ruid || geteuid() != q->ruid ||
	    getgid() != q->rgid || getegid() != q->rgid)
		qrv_die("cannot drop privileges");
	q->privileged = false;
}

bool
id_bits(const struct owner *o, const struct stat *st, unsigned bits)
{
	unsigned m;

	if (st->st_uid == o->uid)
		m = (st->st_mode >> 6) & 7;
	else if (st->st_gid == o->gid)
		m = (st->st_mode >> 3) & 7;
	else
		m = st->st_mode & 7;
	return (m & bits) == bits;
}

enum tres
id_test(struct qrv *q, const struct owner *o, const char *path, int type,
    unsigned bits, struct stat *stp)
{
	struct stat st;
	int rc, e;

	id_owner(q, o->uid, o->gid);
	rc = stat(path, &st);
	e = errno;
	id_root(q);
	if (rc == -1) {
		switch (e) {
		case ENOENT:
		case ENOTDIR:
		case ELOOP:
		case ENAMETOOLONG:
			qrv_excess(q, "stat %s: absent", qrv_esc(path,
			    strlen(path)));
			return T_ABSENT;
		case EACCES:
		case EPERM:
			qrv_excess(q, "stat %s: denied", qrv_esc(path,
			    strlen(path)));
			return T_DENIED;
		default:
			/* S10: the path may come from a .qmail file. */
			qrv_error("unable to stat %s: %s", q->excessive ?
			    qrv_esc(path, strlen(path)) : "a file as the owner",
			    strerror(e));
			return T_ERROR;
		}
	}
	if ((type == T_DIR && !S_ISDIR(st.st_mode)) ||
	    (type == T_REG && !S_ISREG(st.st_mode))) {
		qrv_excess(q, "stat %s: wrong type", qrv_esc(path,
		    strlen(path)));
		return T_ABSENT;
	}
	if (stp != NULL)
		*stp = st;
	if (!id_bits(o, &st, bits)) {
		qrv_excess(q, "stat %s: mode %04o lacks bits %o",
		    qrv_esc(path, strlen(path)), (unsigned)st.st_mode & 07777,
		    bits);
		return T_DENIED;
	}
	return T_OK;
}

int
id_read(struct qrv *q, const struct owner *o, const char *path, size_t max,
    struct buf *out)
{
	int fd, rc, e = 0;

	id_owner(q, o->uid, o->gid);
	rc = file_open_regular(path, &fd, NULL);
	if (rc == 1 && file_read_fd(fd, max, out) == -1)
		rc = -1;
	e = errno;
	if (fd != -1)
		close(fd);
	id_root(q);
	errno = e;
	return rc;
}
