/*
 * validate.c - the validation algorithm of qrv.md section 3: entry checks
 * (A), routing (B), the home directory (D), the .qmail search (E), the
 * .qmail file checks (F), delivery instructions (G) and forwards (I).
 * The owner (C) is found in owner.c, vdelivermail (H) is in vpop.c.
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
#include "util/file.h"
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

static void
set(struct buf *b, const char *s, size_t n)
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
		set(&e->d, pct + 1, strlen(pct + 1));
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
		set(&e->u, tmp.data, tmp.len);
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
	set(&x, e->own.ext.data, e->own.ext.len);
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

/* P6: next command word into w; false at the end of the text. */
static bool
word_next(const char **pp, const char *end, struct buf *w, bool *overflow)
{
	const char *p = *pp;
	char quote = 0;

	buf_reset(w);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end)
		return false;
	for (; p < end; p++) {
		if (quote == '\'') {
			if (*p == '\'')
				quote = 0;
			else if (buf_putc(w, *p) == -1)
				*overflow = true;
			continue;
		}
		if (*p == '\\' && p + 1 < end) {
			if (buf_putc(w, *++p) == -1)
				*overflow = true;
			continue;
		}
		if (quote == '"') {
			if (*p == '"')
				quote = 0;
			else if (buf_putc(w, *p) == -1)
				*overflow = true;
			continue;
		}
		if (*p == ' ' || *p == '\t')
			break;
		if (*p == '\'' || *p == '"')
			quote = *p;
		else if (buf_putc(w, *p) == -1)
			*overflow = true;
	}
	*pp = p;
	return true;
}

/*
 * G5 command resolution: absolute, home-relative with '/', or the first
 * directory of the fixed search list holding the name.  0 found, -1 not
 * found, -2 error.
 */
static int
resolve(struct qrv *q, const struct owner *o, const char *cmd,
    struct buf *path)
{
	const char *dir = QRV_SEARCH_PATH, *colon;
	struct buf d;
	enum tres t;

	buf_reset(path);
	if (cmd[0] == '/')
		return buf_puts(path, cmd) == -1 ? -1 : 0;
	if (strchr(cmd, '/') != NULL)
		return buf_append(path, o->home.data, o->home.len) == -1 ||
		    buf_putc(path, '/') == -1 ||
		    buf_puts(path, cmd) == -1 ? -1 : 0;
	buf_init(&d, QRV_MAX_NAME);
	for (; *dir != '\0'; dir = *colon ? colon + 1 : colon) {
		if ((colon = strchr(dir, ':')) == NULL)
			colon = dir + strlen(dir);
		set(&d, dir, (size_t)(colon - dir));
		if (path_join(path, buf_cstr(&d), cmd, strlen(cmd)) == -1)
			break;
		if ((t = id_test(q, o, path->data, T_ANY, 0, NULL)) == T_OK)
			break;
		buf_reset(path);
		if (t == T_ERROR) {
			buf_free(&d);
			return -2;
		}
	}
	buf_free(&d);
	return path->len > 0 ? 0 : -1;
}

/* G5: a program line (text after '|'). */
static enum qrv_res
program(struct qrv *q, struct eval *e, const char *p, const char *end)
{
	struct buf words[3], path;
	const char *base;
	size_t nwords = 0, nargs = 0, i;
	bool overflow = false;
	enum qrv_res r = QR_VALID;
	enum tres t;
	int rc;

	qrv_step(q, "G5");
	for (i = 0; i < 3; i++)
		buf_init(&words[i], QRV_MAX_WORD);
	buf_init(&path, QRV_MAX_NAME);
	/* Word 1 is the command; Improvement: "exec CMD" runs CMD. */
	if (word_next(&p, end, &words[0], &overflow) &&
	    strcmp(buf_cstr(&words[0]), "exec") == 0)
		(void)word_next(&p, end, &words[0], &overflow);
	nwords = words[0].len > 0;
	while (nwords > 0 && nwords < 3 &&
	    word_next(&p, end, &words[nwords], &overflow))
		nwords++;
	nargs = nwords > 0 ? nwords - 1 : 0;
	while (nwords > 0 && word_next(&p, end, &path, &overflow))
		nargs++;
	if (overflow) {
		qrv_warn(q, "command word too long");
		r = QR_UNKNOWN;
		goto out;
	}
	if (nwords == 0 ||
	    (rc = resolve(q, &e->own, words[0].data, &path)) == -1) {
		qrv_excess(q, "program not found");
		r = QR_UNAVAILABLE;
		goto out;
	}
	if (rc == -2 || (t = id_test(q, &e->own, path.data, T_REG, T_X,
	    NULL)) == T_ERROR) {
		r = QR_ERROR;
		goto out;
	}
	if (t != T_OK) {
		r = QR_UNAVAILABLE;
		goto out;
	}
	qrv_excess(q, "program %s, %zu argument(s)", qrv_esc(path.data,
	    path.len), nargs);
	if (words[0].len >= 12 && strcmp(words[0].data + words[0].len - 12,
	    "vdelivermail") == 0) {
		r = vpop_deliver(q, e, words, nargs);
		goto out;
	}
	base = strrchr(words[0].data, '/');
	base = base != NULL ? base + 1 : words[0].data;
	/* Improvement: bouncesaying TEXT bounces every message. */
	if (strcmp(base, "bouncesaying") == 0 && nargs == 1)
		r = QR_INVALID;
out:
	buf_free(&path);
	for (i = 0; i < 3; i++)
		buf_free(&words[i]);
	return r;
}

/* G3, G4: an mbox or maildir line. */
static enum qrv_res
mailbox(struct qrv *q, struct eval *e, const char *line, size_t len)
{
	struct buf path;
	enum qrv_res r;
	enum tres t;
	char *slash;

	buf_init(&path, QRV_MAX_NAME);
	if ((line[0] != '/' && (buf_append(&path, e->own.home.data,
	    e->own.home.len) == -1 || buf_putc(&path, '/') == -1)) ||
	    buf_append(&path, line, len) == -1)
		qrv_die("out of memory");
	if (line[len - 1] == '/') {
		qrv_step(q, "G4");
		if (buf_puts(&path, "new") == -1)
			qrv_die("out of memory");
		t = id_test(q, &e->own, path.data, T_DIR, T_W, NULL);
		r = t == T_OK ? QR_VALID : t == T_ERROR ? QR_ERROR :
		    QR_UNAVAILABLE;
	} else {
		qrv_step(q, "G3");
		t = id_test(q, &e->own, path.data, T_REG, T_W, NULL);
		if (t == T_ABSENT) {
			/* Improvement: qmail-local creates the mbox. */
			slash = strrchr(path.data, '/');
			path.len = slash == path.data ? 1 :
			    (size_t)(slash - path.data);
			path.data[path.len] = '\0';
			t = id_test(q, &e->own, path.data, T_DIR, T_W | T_X,
			    NULL);
		}
		r = t == T_OK ? QR_VALID : t == T_ERROR ? QR_ERROR :
		    QR_UNAVAILABLE;
	}
	buf_free(&path);
	return r;
}

/* Step I: a forward target.  QR_NEXT: go on with the next line. */
static enum qrv_res
forward(struct qrv *q, struct eval *e, const char *t, size_t len)
{
	struct buf target, u, d, host;
	enum qrv_res r = QR_NEXT;
	int rc;

	qrv_step(q, "I");
	buf_init(&target, QRV_MAX_NAME);
	buf_init(&u, QRV_MAX_NAME);
	buf_init(&d, QRV_MAX_NAME);
	buf_init(&host, QRV_MAX_LINE);
	set(&target, t, len);
	if (memchr(t, '@', len) == NULL) {
		/* I1, Improvement: qmail-send's envnoathost rule. */
		if ((rc = qm_first_line(q, &q->envnoathost, &host)) == 0 &&
		    (rc = qm_first_line(q, &q->me, &host)) == 0) {
			set(&host, "envnoathost", 11);
			rc = 1;
		}
		if (rc == -1 || buf_putc(&target, '@') == -1 ||
		    buf_append(&target, host.data, host.len) == -1) {
			r = e->remembered == QR_NEXT ? QR_UNKNOWN :
			    e->remembered;
			goto out;
		}
	}
	addr_split(target.data, &u, &d);
	/* I2: Compat, qmail would deliver to itself and bounce as a loop. */
	if (addr_same(buf_cstr(&u), buf_cstr(&d), buf_cstr(&e->u),
	    buf_cstr(&e->d))) {
		qrv_excess(q, "skipping forward to itself");
		goto out;
	}
	/* I3 */
	if ((rc = qm_local(q, buf_cstr(&d))) != 1) {
		r = rc == 0 ? QR_VALID : e->remembered == QR_NEXT ?
		    QR_UNKNOWN : e->remembered;
		goto out;
	}
	/* I4 */
	r = qrv_follow(q, e, buf_cstr(&u), buf_cstr(&d));
out:
	buf_free(&host);
	buf_free(&d);
	buf_free(&u);
	buf_free(&target);
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

/* Step G: delivery instructions (a .qmail file or defaultdelivery). */
static enum qrv_res
deliver(struct qrv *q, struct eval *e, const char *text, size_t n,
    bool fwd_only)
{
	struct file_lines fl;
	const char *line;
	size_t len;
	bool first = true;
	enum qrv_res r = QR_NEXT;

	file_lines_mem(&fl, text, n, QRV_MAX_LINE, QRV_MAX_LINES);
	while (r == QR_NEXT && file_lines_next(&fl, &line, &len) == 1) {
		len = qm_trim(line, len);
		qrv_excess(q, "instruction: %s", qrv_esc(line, len));
		if (first && len == 0) {
			qrv_step(q, "G0");
			r = QR_UNAVAILABLE;	/* first line is blank */
			break;
		}
		first = false;
		if (len == 0 || line[0] == '#')			/* G1 */
			continue;
		if (line[0] == '+') {				/* G2 */
			if (len == 5 && memcmp(line, "+list", 5) == 0)
				fwd_only = true;
			continue;
		}
		if (line[0] == '.' || line[0] == '/' || line[0] == '|') {
			if (fwd_only) {				/* G3-G5 */
				qrv_step(q, "F4");
				r = QR_UNAVAILABLE;
			} else if (line[0] == '|') {
				r = program(q, e, line + 1, line + len);
			} else {
				r = mailbox(q, e, line, len);
			}
			continue;
		}
		qrv_step(q, "G6");
		r = line[0] == '&' ? forward(q, e, line + 1, len - 1) :
		    forward(q, e, line, len);
	}
	if (first && r == QR_NEXT) {
		qrv_step(q, "G0");
		r = QR_UNAVAILABLE;	/* no line at all */
	}
	if (fl.capped || fl.skipped)
		qrv_warn(q, "content ignored past the line limit");
	file_lines_free(&fl);
	if (r != QR_NEXT)
		return r;
	/* G7 */
	qrv_step(q, "G7");
	return e->remembered == QR_INVALID ||
	    e->remembered == QR_UNAVAILABLE ? e->remembered : QR_INVALID;
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
		r = deliver(q, e, buf_cstr(&text), text.len, false);
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
	r = deliver(q, e, buf_cstr(&text), text.len,
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
		qrv_warn(q, "forward depth %d reached at %s@%s",
		    QRV_MAX_DEPTH, u, d);
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
	set(&e.u, u, strlen(u));
	set(&e.d, d, strlen(d));
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
