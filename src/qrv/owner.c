/*
 * owner.c - step C of qrv.md: who would receive the message (the owner
 * tuple qmail-lspawn passes to qmail-local).  users/cdb first (C1, in
 * qmail.c), then the passwd database with qmail-getpw's rules (C2), then
 * the alias user (C3), and the checks on the result (C4).  All of it runs
 * in the root context; the owner's files are examined later, as the owner.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <pwd.h>
#include <string.h>

#include "qrv/qrv.h"
#include "util/str.h"

#define PW_NAME_MAX	31	/* qmail-getpw skips longer names */

void
owner_init(struct owner *o)
{
	o->uid = 0;
	o->gid = 0;
	buf_init(&o->home, QRV_MAX_NAME);
	buf_init(&o->dash, QRV_MAX_NAME);
	buf_init(&o->ext, QRV_MAX_NAME);
	o->vpop_prefix = false;
}

void
owner_free(struct owner *o)
{
	buf_free(&o->home);
	buf_free(&o->dash);
	buf_free(&o->ext);
}

static void
owner_set(struct owner *o, const struct passwd *pw, const char *dash,
    const char *ext)
{
	o->uid = pw->pw_uid;
	o->gid = pw->pw_gid;
	buf_reset(&o->home);
	buf_reset(&o->dash);
	buf_reset(&o->ext);
	if (buf_puts(&o->home, pw->pw_dir) == -1 ||
	    buf_puts(&o->dash, dash) == -1 || buf_puts(&o->ext, ext) == -1)
		qrv_die("out of memory");
}

/* getpwnam: 1 found, 0 not found, -1 lookup error (C2.2). */
static int
pw_lookup(const char *name, struct passwd **pw)
{
	errno = 0;
	if ((*pw = getpwnam(name)) != NULL)
		return 1;
	switch (errno) {
	case 0:
	case ENOENT:
	case ESRCH:
	case EBADF:
	case EPERM:
		return 0;
	default:
		qrv_error("passwd lookup failed: %s", strerror(errno));
		return -1;
	}
}

/* Stat errors qmail-getpw treats as temporary (C2.3). */
static bool
temporary(int e)
{
	return e == EIO || e == ENOMEM || e == ETIMEDOUT || e == EAGAIN ||
	    e == ESTALE || e == ENFILE || e == EMFILE;
}

/* C2 for one candidate: 1 accepted, 0 next, or a final result. */
static int
pw_candidate(struct qrv *q, const char *u, size_t n, struct owner *o,
    enum qrv_res *res)
{
	char name[PW_NAME_MAX + 1];
	struct passwd *pw;
	struct stat st;
	int rc;

	if (n > PW_NAME_MAX)
		return 0;
	memcpy(name, u, n);
	name[n] = '\0';
	str_lower(name, n);
	if ((rc = pw_lookup(name, &pw)) != 1) {
		*res = QR_ERROR;
		return rc;
	}
	if (pw->pw_uid == 0) {
		qrv_excess(q, "passwd: %s has uid 0, skipped", name);
		return 0;
	}
	if (stat(pw->pw_dir, &st) == -1) {
		if (temporary(errno)) {
			qrv_warn(q, "temporary error on a passwd home: %s",
			    strerror(errno));
			*res = QR_UNAVAILABLE;
			return -1;
		}
		return 0;
	}
	if (st.st_uid != pw->pw_uid) {
		qrv_excess(q, "passwd: home of %s not owned by it", name);
		return 0;
	}
	qrv_step(q, "C2");
	qrv_excess(q, "passwd: %s accepted", name);
	owner_set(o, pw, n == strlen(u) ? "" : "-",
	    n == strlen(u) ? "" : u + n + 1);
	return 1;
}

/* C2: U itself, then the prefixes ending before each '-', right to left. */
static int
pw_owner(struct qrv *q, const char *u, struct owner *o, enum qrv_res *res)
{
	size_t n = strlen(u);
	int rc;

	if ((rc = pw_candidate(q, u, n, o, res)) != 0)
		return rc;
	while (n-- > 0)
		if (u[n] == '-' && (rc = pw_candidate(q, u, n, o, res)) != 0)
			return rc;
	return 0;
}

enum qrv_res
owner_find(struct qrv *q, struct eval *e)
{
	const char *u = buf_cstr(&e->u), *d = buf_cstr(&e->d);
	struct owner *o = &e->own;
	struct passwd *pw;
	enum qrv_res res = QR_ERROR;
	size_t i;
	int rc = 0;

	/* C1: each users/cdb in order; the first file with a hit ends it. */
	for (i = 0; i < q->assign.n && rc == 0; i++)
		if ((rc = qm_assign(q, &q->assign.v[i], u, d, o)) == -1)
			return QR_ERROR;
	if (rc == 0 && (rc = pw_owner(q, u, o, &res)) == -1)
		return res;
	if (rc == 0) {
		/* C3 */
		qrv_step(q, "C3");
		if ((rc = pw_lookup(QRV_ALIAS_USER, &pw)) == -1)
			return QR_ERROR;
		if (rc == 0) {
			qrv_warn(q, "no alias user %s", QRV_ALIAS_USER);
			return QR_INVALID;
		}
		owner_set(o, pw, "-", u);
	}
	qrv_excess(q, "owner uid %lu gid %lu home %s dash \"%s\" ext \"%s\"",
	    (unsigned long)o->uid, (unsigned long)o->gid,
	    buf_cstr(&o->home), buf_cstr(&o->dash), buf_cstr(&o->ext));
	/* C4 */
	if (o->uid == 0) {
		qrv_step(q, "C4");
		qrv_warn(q, "the owner has uid 0");
		return QR_UNAVAILABLE;
	}
	if (buf_cstr(&o->home)[0] != '/') {
		qrv_step(q, "C4");
		qrv_warn(q, "the owner's home is not absolute");
		return QR_INVALID;
	}
	return QR_NEXT;
}
