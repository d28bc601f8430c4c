/*
 * vpop.c - step H of qrv.md: a .qmail line running vpopmail's
 * vdelivermail, judged by asking vpopmail's own tools (valias, vuserinfo)
 * and by following its "no such user" action; and the runner for those
 * tools (S8).  Only the two compiled-in programs are ever executed, as the
 * owner, with a fixed argv and an environment of PATH alone.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qrv/qrv.h"
#include "util/file.h"
#include "util/str.h"

#ifdef WITH_VPOPMAIL_SUPPORT

enum run { RUN_OK, RUN_FAILED, RUN_ABORT };

/* In the child: become the owner for good, then exec; never returns. */
static void __attribute__((noreturn))
child(const struct owner *o, const char *prog, char *const argv[], int out,
    int status)
{
	static char env_path[] = "PATH=" QRV_SEARCH_PATH;
	char *envp[] = { env_path, NULL };
	int fd, e;

	if ((fd = open("/dev/null", O_RDONLY)) == -1 || dup2(fd, 0) == -1 ||
	    dup2(out, 1) == -1 || dup2(out, 2) == -1)
		goto fail;
	if (fd > 2)
		close(fd);
	if (out > 2)
		close(out);
	signal(SIGPIPE, SIG_DFL);	/* an ignored signal survives exec */
	if (setgroups(1, &o->gid) == -1 || setgid(o->gid) == -1 ||
	    setuid(o->uid) == -1)
		goto fail;
	errno = EPERM;
	if (getuid() != o->uid || geteuid() != o->uid ||
	    getgid() != o->gid || getegid() != o->gid ||
	    o->uid == 0 || o->gid == 0 || setuid(0) != -1)
		goto fail;
	execve(prog, argv, envp);
fail:
	/* The status pipe is close-on-exec: any byte means "could not run". */
	e = errno;
	(void)!write(status, &e, sizeof(e));
	_exit(127);
}

static int
cloexec(int fd)
{
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Parent side: collect output and status until EOF or the deadline. */
static bool
collect(struct qrv *q, int outfd, int stfd, long long end, struct buf *out,
    bool *refused)
{
	struct pollfd pf[2] = { { outfd, POLLIN, 0 }, { stfd, POLLIN, 0 } };
	char chunk[4096];
	long long left;
	ssize_t n;
	int i;

	while (pf[0].fd >= 0 || pf[1].fd >= 0) {
		if ((left = end - qrv_elapsed(q)) <= 0)
			return false;
		if (poll(pf, 2, left > 1000 ? 1000 : (int)left) == -1) {
			if (errno == EINTR)
				continue;
			return false;
		}
		for (i = 0; i < 2; i++) {
			if (pf[i].fd < 0 || pf[i].revents == 0)
				continue;
			n = read(pf[i].fd, chunk, sizeof(chunk));
			if (n == -1 && errno == EINTR)
				continue;
			if (n <= 0) {
				pf[i].fd = -1;
				continue;
			}
			if (i == 1)
				*refused = true;
			else if (out->len < QRV_MAX_OUTPUT)
				(void)buf_append(out, chunk, (size_t)n >
				    QRV_MAX_OUTPUT - out->len ?
				    QRV_MAX_OUTPUT - out->len : (size_t)n);
		}
	}
	return true;
}

/* S8: run prog as the owner; on RUN_OK *code is its exit code. */
static enum run
run(struct qrv *q, const struct owner *o, const char *prog,
    char *const argv[], struct buf *out, int *code)
{
	int op[2] = { -1, -1 }, sp[2] = { -1, -1 }, wst = 0;
	long long end, left;
	bool refused = false, killed = false, global = false;
	enum run r = RUN_FAILED;
	pid_t pid, w;

	buf_reset(out);
	qrv_excess(q, "running %s %s %s %s", prog, argv[1], argv[2], argv[3]);
	if (pipe(op) == -1 || pipe(sp) == -1 || cloexec(op[0]) == -1 ||
	    cloexec(op[1]) == -1 || cloexec(sp[0]) == -1 ||
	    cloexec(sp[1]) == -1) {
		qrv_warn(q, "pipe: %s", strerror(errno));
		goto out;
	}
	fflush(stdout);
	if ((pid = fork()) == -1) {
		qrv_warn(q, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		child(o, prog, argv, op[1], sp[1]);
	close(op[1]);
	close(sp[1]);
	op[1] = sp[1] = -1;
	/* S9: the child's 10 s never run past the 20 s of the whole run. */
	end = qrv_elapsed(q) + QRV_CHILD_MS;
	if (end > QRV_RUN_MS) {
		end = QRV_RUN_MS;
		global = true;
	}
	if (!collect(q, op[0], sp[0], end, out, &refused)) {
		kill(pid, SIGKILL);
		killed = true;
	}
	for (;;) {
		w = waitpid(pid, &wst, killed ? 0 : WNOHANG);
		if (w == -1 && errno == EINTR)
			continue;
		if (w != 0)
			break;
		if ((left = end - qrv_elapsed(q)) <= 0) {
			kill(pid, SIGKILL);
			killed = true;
			continue;
		}
		poll(NULL, 0, left < 10 ? (int)left : 10);
	}
	if (killed) {
		qrv_warn(q, "%s killed after its time limit", prog);
		r = global ? RUN_ABORT : RUN_FAILED;
	} else if (w == -1 || refused || !WIFEXITED(wst)) {
		qrv_warn(q, "%s could not run", prog);
	} else {
		*code = WEXITSTATUS(wst);
		qrv_excess(q, "%s exited %d, output: %s", prog, *code,
		    qrv_esc(buf_cstr(out), out->len));
		r = RUN_OK;
	}
out:
	if (op[0] != -1)
		close(op[0]);
	if (op[1] != -1)
		close(op[1]);
	if (sp[0] != -1)
		close(sp[0]);
	if (sp[1] != -1)
		close(sp[1]);
	return r;
}

/* H5: the aliases valias printed.  QR_NEXT: none usable, go to H6. */
static enum qrv_res
aliases(struct qrv *q, struct eval *e, const char *a, struct buf *out)
{
	struct file_lines fl;
	struct buf au, ad, tu, td, ln;
	const char *line, *arrow, *t;
	size_t len;
	enum qrv_res r = QR_NEXT;
	bool any = false;
	int rc;

	buf_init(&au, QRV_MAX_NAME);
	buf_init(&ad, QRV_MAX_NAME);
	buf_init(&tu, QRV_MAX_NAME);
	buf_init(&td, QRV_MAX_NAME);
	buf_init(&ln, QRV_MAX_LINE);
	addr_split(a, &au, &ad);
	file_lines_mem(&fl, buf_cstr(out), out->len, QRV_MAX_LINE,
	    QRV_MAX_LINES);
	while (r == QR_NEXT && file_lines_next(&fl, &line, &len) == 1) {
		len = qm_trim(line, len);
		buf_reset(&ln);
		if (buf_append(&ln, line, len) == -1)
			qrv_die("out of memory");
		line = buf_cstr(&ln);
		if ((arrow = strstr(line, " -> ")) == NULL)
			continue;
		any = true;
		qrv_step(q, "H5");
		t = arrow + 4;
		if (*t == '&')
			t++;
		addr_split(t, &tu, &td);
		if (addr_same(buf_cstr(&tu), buf_cstr(&td), buf_cstr(&au),
		    buf_cstr(&ad)))
			continue;
		if ((rc = qm_local(q, buf_cstr(&td))) != 1) {
			r = rc == 0 ? QR_VALID : QR_UNKNOWN;
			break;
		}
		r = qrv_follow(q, e, buf_cstr(&tu), buf_cstr(&td));
	}
	file_lines_free(&fl);
	buf_free(&ln);
	buf_free(&td);
	buf_free(&tu);
	buf_free(&ad);
	buf_free(&au);
	if (r == QR_NEXT && any)
		r = QR_INVALID;
	return r;
}

/* H7: vdelivermail's action for unknown users. */
static enum qrv_res
action(struct qrv *q, struct eval *e, const char *x)
{
	struct buf path, u, d;
	enum qrv_res r;
	enum tres t;
	int rc;

	qrv_step(q, "H7");
	qrv_excess(q, "vdelivermail action %s", qrv_esc(x, strlen(x)));
	/* Improvement: the actions must match exactly, as vdelivermail does. */
	if (strcmp(x, "bounce-no-mailbox") == 0)
		return QR_INVALID;
	if (strcmp(x, "delete") == 0)
		return QR_VALID;
	if (x[0] == '/') {
		buf_init(&path, QRV_MAX_NAME);
		if (buf_puts(&path, x) == -1 || (x[strlen(x) - 1] != '/' &&
		    buf_putc(&path, '/') == -1) ||
		    buf_puts(&path, "Maildir/new") == -1)
			qrv_die("out of memory");
		t = id_test(q, &e->own, path.data, T_DIR, T_W, NULL);
		buf_free(&path);
		return t == T_OK ? QR_VALID : t == T_ERROR ? QR_ERROR :
		    QR_UNAVAILABLE;
	}
	buf_init(&u, QRV_MAX_NAME);
	buf_init(&d, QRV_MAX_NAME);
	addr_split(x, &u, &d);
	if (addr_same(buf_cstr(&u), buf_cstr(&d), buf_cstr(&e->u),
	    buf_cstr(&e->d)))
		r = QR_INVALID;
	else if ((rc = qm_local(q, buf_cstr(&d))) != 1)
		r = rc == 0 ? QR_VALID : QR_UNKNOWN;
	else
		r = qrv_follow(q, e, buf_cstr(&u), buf_cstr(&d));
	buf_free(&d);
	buf_free(&u);
	return r;
}

static enum qrv_res
ask_vpopmail(struct qrv *q, struct eval *e, const char *x)
{
	static char valias[] = VALIAS_PATH, vuserinfo[] = VUSERINFO_PATH;
	static char opt_s[] = "-s", opt_d[] = "-d", dashes[] = "--";
	struct buf a, out;
	enum qrv_res r;
	enum run rr;
	int code = -1;
	char *argv[5];

	buf_init(&a, QRV_MAX_NAME);
	buf_init(&out, QRV_MAX_OUTPUT);
	/* H3: lc(ext) @ D, the whole extension, no '.' mapping. */
	if (buf_append(&a, e->own.ext.data, e->own.ext.len) == -1)
		qrv_die("out of memory");
	str_lower(a.data, a.len);
	if (buf_putc(&a, '@') == -1 || buf_append(&a, e->d.data,
	    e->d.len) == -1)
		qrv_die("out of memory");
	/* H4; Improvement: "--" keeps a local part from being an option. */
	argv[0] = valias;
	argv[1] = opt_s;
	argv[2] = dashes;
	argv[3] = a.data;
	argv[4] = NULL;
	qrv_step(q, "H4");
	if ((rr = run(q, &e->own, valias, argv, &out, &code)) == RUN_ABORT) {
		r = QR_ABORT;
		goto out;
	}
	if (rr == RUN_OK && code == 0 &&
	    (r = aliases(q, e, a.data, &out)) != QR_NEXT)
		goto out;
	/* H6 */
	qrv_step(q, "H6");
	argv[0] = vuserinfo;
	argv[1] = opt_d;
	if ((rr = run(q, &e->own, vuserinfo, argv, &out, &code)) ==
	    RUN_ABORT)
		r = QR_ABORT;
	else if (rr == RUN_FAILED || code == 0)
		r = QR_VALID;
	else
		r = action(q, e, x);
out:
	buf_free(&out);
	buf_free(&a);
	return r;
}

#endif /* WITH_VPOPMAIL_SUPPORT */

enum qrv_res
vpop_deliver(struct qrv *q, struct eval *e, struct buf *words, size_t nargs)
{
	qrv_step(q, "H");
	/* H0: Compat, vdelivermail itself defers on a wrong count. */
	if (nargs != 2)
		return QR_VALID;
	/* H1: routed the vpopmail way? */
	if (!e->own.vpop_prefix || !e->vdom_self || e->percent) {
		qrv_step(q, "H1");
		return QR_INVALID;
	}
#ifdef WITH_VPOPMAIL_SUPPORT
	return ask_vpopmail(q, e, buf_cstr(&words[2]));
#else
	(void)words;
	qrv_step(q, "H2");
	return QR_VALID;
#endif
}
