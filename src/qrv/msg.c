/*
 * msg.c - spamdyke-qrv's messages (qrv.md 1.4): one line each on stdout,
 * "QRV-<TAG>(<function>@<file>:<line>): <text>".  Levels are decided by
 * the callers' macros in qrv.h; this file only formats, records the diag
 * path and escapes text taken from files or programs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "qrv/qrv.h"
#include "util/str.h"

void
qrv_msg(const char *tag, const char *func, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;

	printf("QRV-%s(%s@%s:%d): ", tag, func, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void
qrv_step(struct qrv *q, const char *label)
{
	if (!q->diag)
		return;
	/* The path is informative: past its ceiling it is simply cut. */
	if (q->path.len > 0)
		(void)buf_putc(&q->path, '_');
	(void)buf_puts(&q->path, label);
}

const char *
qrv_esc(const char *s, size_t n)
{
	static char out[512];

	return str_escape(out, sizeof(out), s, n);
}

void
qrv_die(const char *what)
{
	qrv_error("%s; giving up", what);
	fflush(stdout);
	exit(QR_ERROR);
}
