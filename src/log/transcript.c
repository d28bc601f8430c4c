/*
 * transcript.c - full traffic log writer (files.md 10).
 *
 * Improvement: the file is created with O_CREAT|O_EXCL|O_NOFOLLOW and mode
 * 0600, so it never exists with umask permissions and a symlink planted in
 * a shared directory is refused; bytes are written as exactly two hex
 * digits in passthrough mode.  Entry points in transcript.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log/log.h"
#include "log/transcript.h"
#include "util/str.h"

enum block { B_NONE, B_ENV, B_CONFIG, B_LOG };

struct transcript {
	FILE		*f;
	enum block	 last;
	char		 enc[24];
	char		 user[256];
	bool		 midline;	/* last byte written was not LF */
};

/* Every block starts after a blank line (files.md 10). */
static void
blank(struct transcript *t)
{
	fputs(t->midline ? "\n\n" : "\n", t->f);
	t->midline = false;
}

static void
stamp(char *out, size_t n)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, n, "%m/%d/%Y %H:%M:%S", &tm);
}

static void
header(struct transcript *t, const char *what, enum block b)
{
	char ts[32];

	if (b != B_NONE && t->last == b)
		return;
	stamp(ts, sizeof(ts));
	blank(t);
	fprintf(t->f, "%s %s\n", ts, what);
	t->last = b;
}

static void
observe(const char *msg, void *ctx)
{
	struct transcript *t = ctx;

	header(t, "LOG OUTPUT", B_LOG);
	fprintf(t->f, "%s\n", msg);
}

struct transcript *
transcript_open(const char *dir, const char *version)
{
	struct transcript *t;
	char path[4096], ts[32];
	time_t now = time(NULL);
	struct tm tm;
	unsigned r;
	int fd;

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	localtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y%m%d_%H%M%S", &tm);
	srandom((unsigned)now * (unsigned)getpid());
	r = (unsigned)random();
	snprintf(path, sizeof(path), "%s/%s_%ld_%u", dir, ts, (long)getpid(),
	    r);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1 || (t->f = fdopen(fd, "w")) == NULL) {
		log_error("unable to open traffic log file %s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		free(t);
		return NULL;
	}
	stamp(ts, sizeof(ts));
	fprintf(t->f, "%s STARTED: VERSION = %s, PID = %ld\n", ts, version,
	    (long)getpid());
	log_set_observer(observe, t);
	return t;
}

void
transcript_env(struct transcript *t, char *const envp[])
{
	size_t i;

	if (t == NULL)
		return;
	header(t, "CURRENT ENVIRONMENT", B_ENV);
	for (i = 0; envp != NULL && envp[i] != NULL; i++)
		fprintf(t->f, "%s\n", envp[i]);
}

void
transcript_config(struct transcript *t, const char *lines, size_t n)
{
	if (t == NULL)
		return;
	header(t, "CURRENT CONFIG", B_CONFIG);
	fwrite(lines, 1, n, t->f);
}

void
transcript_set_state(struct transcript *t, const char *enc,
    const char *user)
{
	if (t == NULL)
		return;
	str_lcpy(t->enc, enc != NULL ? enc : "", sizeof(t->enc));
	str_lcpy(t->user, user != NULL ? user : "", sizeof(t->user));
}

static void
suffixes(struct transcript *t)
{
	if (t->enc[0] != '\0')
		fprintf(t->f, " %s", t->enc);
	if (t->user[0] != '\0')
		fprintf(t->f, " AUTH:%s", t->user);
}

void
transcript_event(struct transcript *t, const char *fmt, ...)
{
	char ts[32];
	va_list ap;

	if (t == NULL)
		return;
	stamp(ts, sizeof(ts));
	blank(t);
	fprintf(t->f, "%s", ts);
	suffixes(t);
	fputs(" - ", t->f);
	va_start(ap, fmt);
	vfprintf(t->f, fmt, ap);
	va_end(ap);
	fputc('\n', t->f);
	t->last = B_NONE;
}

void
transcript_data(struct transcript *t, const char *origin, const char *data,
    size_t n, bool hex)
{
	char ts[32];
	size_t i, start = 0;

	if (t == NULL || n == 0)
		return;
	stamp(ts, sizeof(ts));
	blank(t);
	fprintf(t->f, "%s %s: %zu bytes", ts, origin, n);
	suffixes(t);
	fputc('\n', t->f);
	t->last = B_NONE;
	if (hex) {
		for (i = 0; i < n; i++)
			fprintf(t->f, "%02x ", (unsigned char)data[i]);
		t->midline = true;
		return;
	}
	/* A bare LF is written as CRLF (files.md 10). */
	for (i = 0; i < n; i++)
		if (data[i] == '\n' && (i == 0 || data[i - 1] != '\r')) {
			fwrite(data + start, 1, i - start, t->f);
			fputs("\r\n", t->f);
			start = i + 1;
		}
	fwrite(data + start, 1, n - start, t->f);
	t->midline = data[n - 1] != '\n';
}

void
transcript_close(struct transcript *t)
{
	char ts[32];

	if (t == NULL)
		return;
	log_set_observer(NULL, NULL);
	stamp(ts, sizeof(ts));
	blank(t);
	fprintf(t->f, "%s CLOSED\n", ts);
	fclose(t->f);
	free(t);
}
