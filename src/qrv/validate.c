/*
 * validate.c - the validation algorithm of qrv.md section 3: entry checks
 * (A), routing (B), the home directory (D), the .qmail search (E) and the
 * .qmail file checks (F).  The owner (C) is found in owner.c, delivery
 * instructions and forwards (G, I) are read in deliver.c, vdelivermail
 * (H) in vpop.c.  Entry point: qrv_validate().
 *
 * Everything in the owner's home is examined as the owner (ident.c); the
 * only names built from the local part are .qmail candidates, which pass
 * path_join() (no '/', no "..") before they are used (S7).
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qrv/qrv.h"
#include "util/path.h"
#include "util/str.h"

long long
qrv_elapsed(const struct qrv *q)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(now.tv_sec - q->start.tv_sec) * 1000 +
	    (now.tv_nsec - q->start.tv_nsec) / 1000000;
}

void
addr_split(const char *a, struct buf *u, struct buf *d)
{
	const char *at = strrchr(a, '@');

	buf_reset(u);
	buf_reset(d);
	if ((at == NULL ? buf_puts(u, a) : buf_append(u, a,
	    (size_t)(at - a))) == -1 ||
	    (at != NULL && buf_puts(d, at + 1) == -1))
		qrv_die("out of memory");
}

bool
addr_same(const char *u1, const char *d1, const char *u2, const char *d2)
{
	return strcmp(u1, u2) == 0 && str_eq_ci(d1, d2);
}

void
qrv_setbuf(struct buf *b, const char *s, size_t n)
{
	buf_reset(b);
	if (buf_append(b, s, n) == -1)
		qrv_die("out of memory");
}

/* Step B: routing of the top-level address.  QR_NEXT: go to step C. */
static enum qrv_res
route(struct qrv *q, struct eval *e)
{
	struct buf prepend, tmp;
	const char *pct;
	size_t nexist;
	int rc;

	/* B0 */
	if (q->relayclient != NULL && q->relayclient[0] != '\0') {
		qrv_step(q, "B0");
		if (buf_puts(e->d.len > 0 ? &e->d : &e->u,
		    q->relayclient) == -1)
			qrv_die("out of memory");
	}
	/* B1 */
	if (e->d.len == 0) {
		qrv_step(q, "B1");
		return QR_UNKNOWN;
	}
	/* B2 */
	while ((pct = strrchr(buf_cstr(&e->u), '%')) != NULL) {
		rc = qm_listed(q, &q->percenthack, buf_cstr(&e->d), &nexist);
		if (rc == -1)
			return QR_UNKNOWN;
		if (rc == 0)
			break;
		qrv_step(q, "B2");
		qrv_setbuf(&e->d, pct + 1, strlen(pct + 1));
		e->u.len = (size_t)(pct - e->u.data);
		e->u.data[e->u.len] = '\0';
	}
	e->percent = strchr(buf_cstr(&e->u), '%') != NULL;
	/* B3 */
	if ((rc = qm_local(q, buf_cstr(&e->d))) != 0) {
		qrv_step(q, "B3");
		return rc == 1 ? QR_NEXT : QR_UNKNOWN;
	}
	/* B4 */
	buf_init(&prepend, QRV_MAX_LINE);
	if ((rc = qm_virtual(q, buf_cstr(&e->d), &prepend)) == 1 &&
	    prepend.len > 0) {
		qrv_step(q, "B4");
		buf_init(&tmp, QRV_MAX_NAME);
		if (buf_append(&tmp, prepend.data, prepend.len) == -1 ||
		    buf_putc(&tmp, '-') == -1 ||
		    buf_append(&tmp, e->u.data, e->u.len) == -1)
			qrv_die("out of memory");
		qrv_setbuf(&e->u, tmp.data, tmp.len);
		buf_free(&tmp);
		e->vdom_self = str_eq_ci(buf_cstr(&prepend), buf_cstr(&e->d));
		buf_free(&prepend);
		return QR_NEXT;
	}
	buf_free(&prepend);
	/* B4 empty prepend, unreadable, or B5: not ours to judge. */
	qrv_step(q, rc == 0 ? "B5" : "B4");
	qrv_excess(q, "%s is neither local nor virtual", buf_cstr(&e->d));
	return QR_UNKNOWN;
}

/* Step D: the home directory, as the owner. */
static enum qrv_res
home_checks(struct qrv *q, struct eval *e)
{
	const struct owner *o = &e->own;
	const char *home = buf_cstr(&e->own.home);
	struct stat st;
	enum tres t;

	qrv_step(q, "D");
	if ((t = id_test(q, o, home, T_DIR, 0, &st)) != T_OK)
		return t == T_ERROR ? QR_ERROR : QR_UNAVAILABLE;	/* D1 */
	if ((t = id_test(q, o, home, T_DIR, T_R | T_X, NULL)) != T_OK)
		return t == T_ERROR ? QR_ERROR : QR_INVALID;		/* D2 */
	if (st.st_mode & S_IWOTH)
		return QR_UNAVAILABLE;					/* D3 */
	if (st.st_mode & S_ISVTX)
		return QR_UNAVAILABLE;					/* D4 */
	return QR_NEXT;
}

/*
 * E2 for one candidate name: QR_NEXT with *found set when the file exists
 * (st filled), QR_NEXT with *found clear when it is absent, or a result.
 */
static enum qrv_res
candidate(struct qrv *q, struct eval *e, const struct buf *name,
    struct buf *path, struct stat *st, bool *found)
{
	*found = false;
	/* S7: a name with '/' counts as absent. */
	if (path_join(path, buf_cstr(&e->own.home), name->data,
	    name->len) == -1) {
		qrv_excess(q, "candidate %s refused", qrv_esc(name->data,
		    name->len));
		return QR_NEXT;
	}
	switch (id_test(q, &e->own, path->data, T_REG, 0, st)) {
	case T_OK:
		*found = true;
		return QR_NEXT;
	case T_ABSENT:
		return QR_NEXT;
	case T_DENIED:
		return QR_UNAVAILABLE;
	default:
		return QR_ERROR;
	}
}

/* Build ".qmail" + dash + x[0..n) + suffix. */
static void
qmail_name(struct buf *name, const struct owner *o, const char *x, size_t n,
    const char *suffix)
{
	buf_reset(name);
	if (buf_puts(name, ".qmail") == -1 ||
	    buf_append(name, o->dash.data, o->dash.len) == -1 ||
	    buf_append(name, x, n) == -1 || buf_puts(name, suffix) == -1)
		qrv_die("out of memory");
}

/* Step E: find the .qmail file.  QR_NEXT with path set, or a result. */
static enum qrv_res
search(struct qrv *q, struct eval *e, struct buf *path, struct stat *st,
    bool *found)
{
	struct buf x, name;
	enum qrv_res r;
	size_t i;

	qrv_step(q, "E");
	buf_init(&x, QRV_MAX_NAME);
	buf_init(&name, QRV_MAX_NAME + 32);
	/* E1: X = safe(ext) */
	qrv_setbuf(&x, e->own.ext.data, e->own.ext.len);
	str_lower(x.data, x.len);
	for (i = 0; i < x.len; i++)
		if (x.data[i] == '.')
			x.data[i] = ':';
	qmail_name(&name, &e->own, x.data, x.len, "");
	r = candidate(q, e, &name, path, st, found);
	for (i = x.len; r == QR_NEXT && !*found; i--) {
		if (i == 0 || x.data[i - 1] == '-') {
			qmail_name(&name, &e->own, x.data, i, "default");
			r = candidate(q, e, &name, path, st, found);
		}
		if (i == 0)
			break;
	}
	if (*found)
		qrv_excess(q, "using %s", qrv_esc(path->data, path->len));
	buf_free(&name);
	buf_free(&x);
	return r;
}

enum qrv_res
qrv_follow(struct qrv *q, struct eval *e, const char *u, const char *d)
{
	struct chain ch = *e->chain;
	enum qrv_res r;

	ch.u[ch.n] = e->eu;
	ch.d[ch.n] = e->ed;
	ch.n++;
	r = qrv_validate(q, u, d, &ch);
	if (r == QR_VALID || r == QR_ERROR || r == QR_ABORT)
		return r;
	/* Compat: the last non-VALID outcome is kept, not the worst. */
	e->remembered = r;
	return QR_NEXT;
}

/* Defaultdelivery content (E3, F3). */
static enum qrv_res
deliver_default(struct qrv *q, struct eval *e)
{
	struct buf text;
	enum qrv_res r;
	int rc;

	buf_init(&text, QRV_MAX_QMAIL);
	if ((rc = qm_defaultdelivery(q, &text)) != 1) {
		qrv_warn(q, "defaultdelivery %s: %s", q->defaultdelivery.path,
		    rc == 0 ? "does not exist" : "unreadable");
		r = QR_UNKNOWN;
	} else {
		r = qrv_deliver(q, e, buf_cstr(&text), text.len, false);
	}
	buf_free(&text);
	return r;
}

/* Steps D to G for the owner found in step C. */
static enum qrv_res
examine(struct qrv *q, struct eval *e)
{
	struct buf path, text;
	struct stat st;
	enum qrv_res r;
	bool found;

	if ((r = home_checks(q, e)) != QR_NEXT)
		return r;
	buf_init(&path, QRV_MAX_NAME + 64);
	buf_init(&text, QRV_MAX_QMAIL);
	if ((r = search(q, e, &path, &st, &found)) != QR_NEXT)
		goto out;
	if (!found) {
		/* E3 */
		qrv_step(q, "E3");
		r = e->own.dash.len == 0 ? deliver_default(q, e) : QR_INVALID;
		goto out;
	}
	qrv_step(q, "F");
	if (!id_bits(&e->own, &st, T_R) || (st.st_mode & S_IWOTH)) {
		r = QR_UNAVAILABLE;				/* F1, F2 */
		goto out;
	}
	if (st.st_size == 0) {
		qrv_step(q, "F3");
		r = deliver_default(q, e);
		goto out;
	}
	if (id_read(q, &e->own, path.data, QRV_MAX_QMAIL, &text) != 1) {
		qrv_warn(q, "unable to read %s: %s", qrv_esc(path.data,
		    path.len), strerror(errno));
		r = QR_UNKNOWN;					/* F5 */
		goto out;
	}
	r = qrv_deliver(q, e, buf_cstr(&text), text.len,
	    (st.st_mode & S_IXUSR) != 0);			/* F4 */
out:
	buf_free(&text);
	buf_free(&path);
	return r;
}

enum qrv_res
qrv_validate(struct qrv *q, const char *u, const char *d,
    const struct chain *ch)
{
	struct eval e;
	enum qrv_res r;
	size_t i;

	qrv_step(q, "A");
	qrv_excess(q, "validating %s@%s at depth %zu", u, d, ch->n);
	for (i = 0; i < ch->n; i++)
		if (addr_same(u, d, ch->u[i], ch->d[i])) {
			qrv_step(q, "A1");
			qrv_excess(q, "%s@%s: forwarding loop", u, d);
			return QR_INVALID;
		}
	if (ch->n >= QRV_MAX_DEPTH) {
		qrv_step(q, "A2");
		qrv_warn(q, "forward depth %d reached", QRV_MAX_DEPTH);
		return QR_UNKNOWN;
	}
	if (++q->evals > QRV_MAX_EVALS || qrv_elapsed(q) >= QRV_RUN_MS) {
		qrv_step(q, "A3");
		qrv_warn(q, "evaluation budget spent, giving up");
		return QR_ABORT;
	}
	memset(&e, 0, sizeof(e));
	e.eu = u;
	e.ed = d;
	e.chain = ch;
	e.remembered = QR_NEXT;
	buf_init(&e.u, QRV_MAX_NAME);
	buf_init(&e.d, QRV_MAX_NAME);
	owner_init(&e.own);
	qrv_setbuf(&e.u, u, strlen(u));
	qrv_setbuf(&e.d, d, strlen(d));
	r = QR_NEXT;
	if (ch->n == 0) {
		r = route(q, &e);
		free(q->resolved);
		if ((q->resolved = str_dup(buf_cstr(&e.u))) == NULL)
			qrv_die("out of memory");
	}
	if (r == QR_NEXT)
		r = owner_find(q, &e);
	if (r == QR_NEXT)
		r = examine(q, &e);
	owner_free(&e.own);
	buf_free(&e.d);
	buf_free(&e.u);
	return r;
}
