/*
 * deliver.c - delivery instructions (qrv.md step G): the lines of a .qmail
 * file or of defaultdelivery, judged the way qmail-local would carry them
 * out: mbox and maildir lines (G3, G4), program lines with sh-like words
 * (P6, G5; vdelivermail goes on to vpop.c), and forwards (G6, step I),
 * which recurse through qrv_follow().  Paths named in the file are the
 * owner's business and are resolved by the kernel as the owner.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <string.h>

#include "qrv/qrv.h"
#include "util/file.h"
#include "util/path.h"

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
		qrv_setbuf(&d, dir, (size_t)(colon - dir));
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
	qrv_setbuf(&target, t, len);
	if (memchr(t, '@', len) == NULL) {
		/* I1, Improvement: qmail-send's envnoathost rule. */
		if ((rc = qm_first_line(q, &q->envnoathost, &host)) == 0 &&
		    (rc = qm_first_line(q, &q->me, &host)) == 0) {
			qrv_setbuf(&host, "envnoathost", 11);
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

/* Step G: delivery instructions (a .qmail file or defaultdelivery). */
enum qrv_res
qrv_deliver(struct qrv *q, struct eval *e, const char *text, size_t n,
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
			if (fwd_only) {			/* F4 */
				qrv_step(q, line[0] == '|' ? "G5" :
				    line[len - 1] == '/' ? "G4" : "G3");
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
