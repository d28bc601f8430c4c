/*
 * fakeqmail - a stand-in for qmail-smtpd 1.03, used by the dialogue tests,
 * the benchmarks and the README quick start.
 *
 * It speaks SMTP on stdin/stdout with qmail-smtpd's exact wording: verbs
 * are the text before the first space (case-insensitive), replies are
 * buffered and flushed before every read (so pipelined commands get their
 * replies in one write, as with qmail), and the data phase is qmail's
 * blast(): the message ends at CRLF.CRLF, dots are unstuffed, a bare LF
 * gets 451 and ends the process.  Everything it does is observable through
 * files named by FAKEQMAIL_* environment variables (spool, raw transcript,
 * environment, argv, pid), and odd backends can be provoked with others
 * (reply overrides, delays, split replies, hangs, exits).  The variables
 * are documented in tests/harness/README.md.
 *
 * Not done: Received: header, hop counting, badmailfrom, morercpthosts,
 * real TLS (STARTTLS switches to a raw echo instead).
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define IN_SIZE		65536
#define OUT_SIZE	65536
#define ADDR_MAX	900		/* qmail-smtpd addrparse() limit */

struct config {
	const char	*host;
	const char	*spool;
	const char	*ehlo_extra;
	const char	*auth;		/* "user:pass", "*" or NULL */
	const char	*exit_on;
	const char	*hang_on;
	const char	*rcpt_reject;
	char		**rcpthosts;
	size_t		 nrcpthosts;
	bool		 have_rcpthosts;
	bool		 lf_replies;
	bool		 multiline_noop;
	bool		 offer_auth;
	bool		 offer_tls;
	int		 transcript_fd;
	int		 exit_code;
	long		 delay_ms;
	long		 chunk;
	long		 chunk_delay_ms;
	long		 eof_delay_ms;
	long		 timeout_secs;
	long		 databytes;
};

struct session {
	char		*mailfrom;
	char		**rcpt;
	size_t		 nrcpt;
	bool		 seenmail;
	bool		 authed;
	unsigned long	 nmsg;
};

static struct config	 cf;
static struct session	 ss;

static unsigned char	 inbuf[IN_SIZE];
static size_t		 inpos, inlen;
static char		 outbuf[OUT_SIZE];
static size_t		 outlen;

static char		*line;		/* current command line */
static size_t		 linelen, linecap;

static void	 die(int) __attribute__((noreturn));
static void	*xrealloc(void *, size_t);
static char	*xstrdup(const char *);
static void	 msleep(long);
static long	 env_long(const char *, long);
static bool	 env_flag(const char *);
static void	 out_flush(void);
static void	 out_put(const char *, size_t);
static void	 reply(const char *);
static void	 reply_override(const char *, const char *);
static int	 in_fill(void);
static int	 read_line(void);

static void
die(int code)
{
	out_flush();
	_exit(code);
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		fputs("fakeqmail: out of memory\n", stderr);
		_exit(111);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* A growable string for building replies. */
struct sb {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void	 sb_printf(struct sb *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s != NULL ? b->s + b->len : NULL,
		    b->s != NULL ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0) {
			fputs("fakeqmail: vsnprintf failed\n", stderr);
			_exit(111);
		}
		if (b->s != NULL && (size_t)n < b->cap - b->len)
			break;
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	b->len += (size_t)n;
}

static void
msleep(long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long
env_long(const char *name, long def)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return def;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0) {
		fprintf(stderr, "fakeqmail: bad number in %s: %s\n", name, v);
		_exit(111);
	}
	return n;
}

static bool
env_flag(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

/*
 * Decode the escapes \r \n \t \\ \0 and \xHH in place; returns the new
 * length (the result may contain NUL bytes).
 */
static size_t
unescape(char *s)
{
	char *r = s, *w = s;
	unsigned int v;

	while (*r != '\0') {
		if (*r != '\\' || r[1] == '\0') {
			*w++ = *r++;
			continue;
		}
		r++;
		switch (*r) {
		case 'r':
			*w++ = '\r';
			r++;
			break;
		case 'n':
			*w++ = '\n';
			r++;
			break;
		case 't':
			*w++ = '\t';
			r++;
			break;
		case '0':
			*w++ = '\0';
			r++;
			break;
		case 'x':
			if (isxdigit((unsigned char)r[1]) &&
			    isxdigit((unsigned char)r[2]) &&
			    sscanf(r + 1, "%2x", &v) == 1) {
				*w++ = (char)v;
				r += 3;
				break;
			}
			*w++ = '\\';
			break;
		default:
			*w++ = *r++;
			break;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Is word (case-insensitive) one of the comma-separated items of list? */
static bool
list_has(const char *list, const char *word, size_t wlen)
{
	const char *p = list, *e;

	if (list == NULL)
		return false;
	for (;;) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == wlen && strncasecmp(p, word, wlen) == 0)
			return true;
		if (*e == '\0')
			return false;
		p = e + 1;
	}
}

/* Does a comma-separated EHLO extra list offer a capability prefix? */
static bool
extra_offers(const char *list, const char *cap)
{
	const char *p = list;
	size_t n = strlen(cap);

	if (list == NULL)
		return false;
	for (;;) {
		while (*p == ' ')
			p++;
		if (strncasecmp(p, cap, n) == 0 &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '='))
			return true;
		if ((p = strchr(p, ',')) == NULL)
			return false;
		p++;
	}
}

/* ---- output ---------------------------------------------------------- */

static void
write_all(const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(1, p, n);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			_exit(1);	/* qmail-smtpd: die_write */
		}
		p += w;
		n -= (size_t)w;
	}
}

static void
out_flush(void)
{
	size_t off = 0, n;

	if (cf.chunk <= 0) {
		write_all(outbuf, outlen);
		outlen = 0;
		return;
	}
	while (off < outlen) {
		n = outlen - off;
		if (n > (size_t)cf.chunk)
			n = (size_t)cf.chunk;
		if (off > 0)
			msleep(cf.chunk_delay_ms);
		write_all(outbuf + off, n);
		off += n;
	}
	outlen = 0;
}

static void
out_put(const char *p, size_t n)
{
	size_t k;

	while (n > 0) {
		if (outlen == sizeof(outbuf))
			out_flush();
		k = sizeof(outbuf) - outlen;
		if (k > n)
			k = n;
		memcpy(outbuf + outlen, p, k);
		outlen += k;
		p += k;
		n -= k;
	}
}

/* Send a reply; text holds one or more lines separated by '\n'. */
static void
reply(const char *text)
{
	const char *e;

	if (cf.delay_ms > 0) {
		out_flush();
		msleep(cf.delay_ms);
	}
	for (;;) {
		e = strchr(text, '\n');
		if (e == NULL)
			e = text + strlen(text);
		out_put(text, (size_t)(e - text));
		out_put(cf.lf_replies ? "\n" : "\r\n", cf.lf_replies ? 1 : 2);
		if (*e == '\0' || e[1] == '\0')
			break;
		text = e + 1;
	}
}

/* Reply with FAKEQMAIL_REPLY_<name> if set, else with def. */
static void
reply_override(const char *name, const char *def)
{
	char var[64];
	const char *v;
	char *copy;

	snprintf(var, sizeof(var), "FAKEQMAIL_REPLY_%s", name);
	v = getenv(var);
	if (v == NULL || *v == '\0') {
		reply(def);
		return;
	}
	copy = xstrdup(v);
	unescape(copy);
	reply(copy);
	free(copy);
}

/* The override text of FAKEQMAIL_REPLY_<name>, or def (not unescaped). */
static const char *
override_text(const char *name, const char *def)
{
	char var[64];
	const char *v;

	snprintf(var, sizeof(var), "FAKEQMAIL_REPLY_%s", name);
	v = getenv(var);
	return v != NULL && *v != '\0' ? v : def;
}

/* ---- input ----------------------------------------------------------- */

/* Flush replies, wait for input, read a chunk.  >0 bytes, 0 at EOF. */
static int
in_fill(void)
{
	struct pollfd pfd;
	ssize_t r;
	int rc;

	out_flush();
	inpos = inlen = 0;
	pfd.fd = 0;
	pfd.events = POLLIN;
	for (;;) {
		rc = poll(&pfd, 1, cf.timeout_secs > 0 ?
		    (int)(cf.timeout_secs * 1000) : -1);
		if (rc == -1 && errno == EINTR)
			continue;
		if (rc == 0) {
			reply("451 timeout (#4.4.2)");
			die(1);
		}
		r = read(0, inbuf, sizeof(inbuf));
		if (r == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		break;
	}
	if (r <= 0)
		return 0;
	if (cf.transcript_fd != -1 &&
	    write(cf.transcript_fd, inbuf, (size_t)r) != r) {
		fputs("fakeqmail: transcript write failed\n", stderr);
		_exit(111);
	}
	inlen = (size_t)r;
	return 1;
}

static void
eof_exit(int code)
{
	out_flush();
	msleep(cf.eof_delay_ms);
	_exit(code);
}

/*
 * Read one command line into line/linelen without its LF and one trailing
 * CR; NUL bytes become LF as in qmail's commands().  Returns 1, or 0 at
 * EOF (a partial last line is dropped, as qmail does).
 */
static int
read_line(void)
{
	unsigned char *p, *nl;
	size_t n, i;

	linelen = 0;
	for (;;) {
		if (inpos == inlen && in_fill() == 0)
			return 0;
		p = inbuf + inpos;
		nl = memchr(p, '\n', inlen - inpos);
		n = nl != NULL ? (size_t)(nl - p) : inlen - inpos;
		if (linelen + n + 1 > linecap) {
			linecap = (linelen + n + 1) * 2;
			line = xrealloc(line, linecap);
		}
		memcpy(line + linelen, p, n);
		linelen += n;
		inpos += n;
		if (nl != NULL) {
			inpos++;
			break;
		}
	}
	if (linelen > 0 && line[linelen - 1] == '\r')
		linelen--;
	for (i = 0; i < linelen; i++)
		if (line[i] == '\0')
			line[i] = '\n';
	line[linelen] = '\0';
	return 1;
}

/* ---- configuration --------------------------------------------------- */

/* qmail control_readfile(): trailing blanks stripped, '#' and empty skipped. */
static void
load_rcpthosts(const char *path)
{
	FILE *f;
	char buf[1024];
	size_t n;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return;		/* qmail: no file, every domain ok */
		fprintf(stderr, "fakeqmail: %s: %s\n", path, strerror(errno));
		_exit(111);
	}
	cf.have_rcpthosts = true;
	while (fgets(buf, sizeof(buf), f) != NULL) {
		n = strlen(buf);
		while (n > 0 && strchr(" \t\r\n", buf[n - 1]) != NULL)
			buf[--n] = '\0';
		if (n == 0 || buf[0] == '#')
			continue;
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)tolower((unsigned char)buf[i]);
		cf.rcpthosts = xrealloc(cf.rcpthosts,
		    (cf.nrcpthosts + 1) * sizeof(*cf.rcpthosts));
		cf.rcpthosts[cf.nrcpthosts++] = xstrdup(buf);
	}
	fclose(f);
}

static void
write_lines(const char *path, char **v, int n)
{
	FILE *f;
	int i;

	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "fakeqmail: %s: %s\n", path, strerror(errno));
		_exit(111);
	}
	for (i = 0; n < 0 ? v[i] != NULL : i < n; i++)
		fprintf(f, "%s\n", v[i]);
	if (fclose(f) == EOF) {
		fprintf(stderr, "fakeqmail: %s: %s\n", path, strerror(errno));
		_exit(111);
	}
}

static void
configure(int argc, char **argv)
{
	const char *v;
	char pid[32];

	cf.host = getenv("FAKEQMAIL_HOST");
	if (cf.host == NULL || *cf.host == '\0')
		cf.host = "test.example.com";
	cf.spool = getenv("FAKEQMAIL_SPOOL");
	if (cf.spool != NULL && *cf.spool == '\0')
		cf.spool = NULL;
	cf.ehlo_extra = getenv("FAKEQMAIL_EHLO_EXTRA");
	cf.offer_auth = extra_offers(cf.ehlo_extra, "AUTH");
	cf.offer_tls = extra_offers(cf.ehlo_extra, "STARTTLS");
	cf.auth = getenv("FAKEQMAIL_AUTH");
	cf.exit_on = getenv("FAKEQMAIL_EXIT_ON");
	cf.hang_on = getenv("FAKEQMAIL_HANG_ON");
	cf.rcpt_reject = getenv("FAKEQMAIL_RCPT_REJECT");
	cf.exit_code = (int)env_long("FAKEQMAIL_EXIT_CODE", 1);
	cf.delay_ms = env_long("FAKEQMAIL_DELAY_MS", 0);
	cf.chunk = env_long("FAKEQMAIL_REPLY_CHUNK", 0);
	cf.chunk_delay_ms = env_long("FAKEQMAIL_CHUNK_DELAY_MS", 20);
	cf.eof_delay_ms = env_long("FAKEQMAIL_EOF_DELAY_MS", 0);
	cf.timeout_secs = env_long("FAKEQMAIL_TIMEOUT", 1200);
	cf.databytes = env_long("FAKEQMAIL_DATABYTES", 0);
	cf.multiline_noop = env_flag("FAKEQMAIL_MULTILINE_NOOP");
	v = getenv("FAKEQMAIL_REPLY_EOL");
	cf.lf_replies = v != NULL && strcasecmp(v, "lf") == 0;

	if ((v = getenv("FAKEQMAIL_RCPTHOSTS")) != NULL && *v != '\0')
		load_rcpthosts(v);
	cf.transcript_fd = -1;
	if ((v = getenv("FAKEQMAIL_TRANSCRIPT")) != NULL && *v != '\0' &&
	    (cf.transcript_fd = open(v, O_WRONLY | O_CREAT | O_APPEND |
	    O_CLOEXEC, 0644)) == -1) {
		fprintf(stderr, "fakeqmail: %s: %s\n", v, strerror(errno));
		_exit(111);
	}
	if ((v = getenv("FAKEQMAIL_ENVFILE")) != NULL && *v != '\0')
		write_lines(v, environ, -1);
	if ((v = getenv("FAKEQMAIL_ARGVFILE")) != NULL && *v != '\0')
		write_lines(v, argv, argc);
	if ((v = getenv("FAKEQMAIL_PIDFILE")) != NULL && *v != '\0') {
		char *pv[1] = { pid };

		snprintf(pid, sizeof(pid), "%ld", (long)getpid());
		write_lines(v, pv, 1);
	}
}

/* ---- addresses ------------------------------------------------------- */

/* qmail-smtpd addrparse(): returns a malloc'ed address or NULL (syntax). */
static char *
addrparse(const char *arg)
{
	char terminator = '>', *addr;
	const char *p;
	size_t n = 0, i;
	bool esc = false, quoted = false;

	if ((p = strchr(arg, '<')) != NULL)
		arg = p + 1;
	else {
		terminator = ' ';
		if ((p = strchr(arg, ':')) != NULL)
			arg = p + 1;
		else
			arg += strlen(arg);
		while (*arg == ' ')
			arg++;
	}
	if (*arg == '@')		/* strip source route */
		while (*arg != '\0')
			if (*arg++ == ':')
				break;
	addr = xrealloc(NULL, strlen(arg) + 1);
	for (i = 0; arg[i] != '\0'; i++) {
		if (esc) {
			addr[n++] = arg[i];
			esc = false;
			continue;
		}
		if (arg[i] == '\\') {
			esc = true;
			continue;
		}
		if (!quoted && arg[i] == terminator)
			break;
		if (arg[i] == '"')
			quoted = !quoted;
		else
			addr[n++] = arg[i];
	}
	addr[n] = '\0';
	if (n + 1 > ADDR_MAX) {
		free(addr);
		return NULL;
	}
	return addr;
}

/* qmail rcpthosts(): exact domain or a ".suffix" line. */
static bool
addr_allowed(const char *addr)
{
	const char *at = strrchr(addr, '@');
	char *dom;
	size_t i, j, n;
	bool ok = false;

	if (!cf.have_rcpthosts || at == NULL)
		return true;
	dom = xstrdup(at + 1);
	n = strlen(dom);
	for (i = 0; i < n; i++)
		dom[i] = (char)tolower((unsigned char)dom[i]);
	for (j = 0; j < n && !ok; j++)
		if (j == 0 || dom[j] == '.')
			for (i = 0; i < cf.nrcpthosts && !ok; i++)
				ok = strcmp(cf.rcpthosts[i], dom + j) == 0;
	free(dom);
	return ok;
}

static void
rcpt_clear(void)
{
	size_t i;

	for (i = 0; i < ss.nrcpt; i++)
		free(ss.rcpt[i]);
	ss.nrcpt = 0;
}

/* ---- data phase ------------------------------------------------------ */

enum blast_rc { BLAST_END, BLAST_BARELF, BLAST_EOF };

struct msg {
	FILE		*f;		/* spool file or NULL */
	char		 held[2];	/* "." or ".\r" that may end the data */
	size_t		 nheld;
	unsigned long	 size;
};

static void
msg_put(struct msg *m, const void *p, size_t n)
{
	m->size += n;
	if (m->f != NULL && n > 0)
		fwrite(p, 1, n, m->f);
}

static void
msg_release(struct msg *m)
{
	msg_put(m, m->held, m->nheld);
	m->nheld = 0;
}

static void
msg_hold(struct msg *m, char c)
{
	m->held[m->nheld++] = c;
}

/*
 * qmail-smtpd 1.03 blast(): states 0 mid-line, 1 after CRLF, 2 after
 * CRLF ".", 3 after CRLF ".\r", 4 after CR.  The spool receives the raw
 * bytes, less the final ".\r\n".
 */
static enum blast_rc
blast(struct msg *m)
{
	const unsigned char *p, *q, *end;
	unsigned char ch;
	int state = 1;

	for (;;) {
		if (inpos == inlen && in_fill() == 0)
			return BLAST_EOF;
		p = inbuf + inpos;
		end = inbuf + inlen;
		while (p < end) {
			if (state == 0) {
				q = p;
				while (q < end && *q != '\r' && *q != '\n')
					q++;
				msg_put(m, p, (size_t)(q - p));
				if ((p = q) == end)
					break;
			}
			ch = *p++;
			switch (state) {
			case 0:
				if (ch == '\n')
					return BLAST_BARELF;
				state = 4;	/* ch == '\r' */
				msg_put(m, &ch, 1);
				break;
			case 1:
				if (ch == '\n')
					return BLAST_BARELF;
				if (ch == '.') {
					msg_hold(m, '.');
					state = 2;
					break;
				}
				state = ch == '\r' ? 4 : 0;
				msg_put(m, &ch, 1);
				break;
			case 2:
				if (ch == '\n')
					return BLAST_BARELF;
				if (ch == '\r') {
					msg_hold(m, '\r');
					state = 3;
					break;
				}
				msg_release(m);
				msg_put(m, &ch, 1);
				state = 0;
				break;
			case 3:
				if (ch == '\n') {
					m->nheld = 0;
					inpos = (size_t)(p - inbuf);
					return BLAST_END;
				}
				msg_release(m);
				msg_put(m, &ch, 1);
				state = ch == '\r' ? 4 : 0;
				break;
			case 4:
				if (ch == '\n')
					state = 1;
				else if (ch != '\r')
					state = 0;
				msg_put(m, &ch, 1);
				break;
			}
		}
		inpos = inlen;
	}
}

static FILE *
spool_open(char *tmp, size_t tmplen)
{
	FILE *f;
	size_t i;

	snprintf(tmp, tmplen, "%s/tmp.%ld.%lu", cf.spool, (long)getpid(),
	    ss.nmsg);
	if ((f = fopen(tmp, "w")) == NULL) {
		fprintf(stderr, "fakeqmail: %s: %s\n", tmp, strerror(errno));
		_exit(111);
	}
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	fprintf(f, "MAIL FROM:<%s>\n", ss.mailfrom != NULL ? ss.mailfrom : "");
	for (i = 0; i < ss.nrcpt; i++)
		fprintf(f, "RCPT TO:<%s>\n", ss.rcpt[i]);
	fputc('\n', f);
	return f;
}

static void
spool_commit(FILE *f, const char *tmp, bool keep)
{
	char path[PATH_MAX];

	if (fclose(f) == EOF) {
		fprintf(stderr, "fakeqmail: %s: %s\n", tmp, strerror(errno));
		_exit(111);
	}
	if (!keep) {
		unlink(tmp);
		return;
	}
	snprintf(path, sizeof(path), "%s/msg.%06lu.%ld", cf.spool, ss.nmsg,
	    (long)getpid());
	if (rename(tmp, path) == -1) {
		fprintf(stderr, "fakeqmail: %s: %s\n", path, strerror(errno));
		_exit(111);
	}
}

static void
smtp_data(void)
{
	struct msg m = { NULL, { 0, 0 }, 0, 0 };
	char tmp[PATH_MAX], ok[128];
	const char *end_reply;
	enum blast_rc rc;

	if (!ss.seenmail) {
		reply("503 MAIL first (#5.5.1)");
		return;
	}
	if (ss.nrcpt == 0) {
		reply("503 RCPT first (#5.5.1)");
		return;
	}
	ss.seenmail = false;
	if (strncmp(override_text("DATA", "354"), "354", 3) != 0) {
		reply_override("DATA", "354 go ahead");
		return;
	}
	ss.nmsg++;
	if (cf.spool != NULL)
		m.f = spool_open(tmp, sizeof(tmp));
	reply_override("DATA", "354 go ahead");
	rc = blast(&m);
	if (rc != BLAST_END) {
		if (m.f != NULL)
			spool_commit(m.f, tmp, false);
		if (rc == BLAST_BARELF) {
			reply("451 See http://pobox.com/~djb/docs/smtplf.html.");
			die(1);
		}
		eof_exit(1);
	}
	if (cf.databytes > 0 && m.size > (unsigned long)cf.databytes) {
		if (m.f != NULL)
			spool_commit(m.f, tmp, false);
		reply("552 sorry, that message size exceeds my databytes "
		    "limit (#5.3.4)");
		return;
	}
	snprintf(ok, sizeof(ok), "250 ok %ld qp %ld",
	    env_long("FAKEQMAIL_TIME", (long)time(NULL)),
	    env_long("FAKEQMAIL_QP", (long)getpid()));
	end_reply = override_text("MESSAGE", ok);
	if (m.f != NULL)
		spool_commit(m.f, tmp, strncmp(end_reply, "250", 3) == 0);
	reply_override("MESSAGE", ok);
}

/* ---- AUTH (qmail-smtpd-auth patch wording) --------------------------- */

static int
b64val(int c)
{
	const char *tab =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p;

	if (c == '\0' || (p = strchr(tab, c)) == NULL)
		return -1;
	return (int)(p - tab);
}

/* Decode base64 into a malloc'ed buffer; -1 if malformed. */
static int
b64decode(const char *s, char **out, size_t *dlen)
{
	size_t n = strlen(s), o = 0, i;
	unsigned int acc = 0;
	int bits = 0, v;
	char *d;

	d = xrealloc(NULL, n + 1);
	for (i = 0; i < n && s[i] != '='; i++) {
		if ((v = b64val((unsigned char)s[i])) == -1) {
			free(d);
			return -1;
		}
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			d[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	d[o] = '\0';
	*out = d;
	*dlen = o;
	return 0;
}

/* Read one AUTH continuation line and decode it; -1 cancelled/bad. */
static int
auth_getln(char **out, size_t *dlen)
{
	if (read_line() == 0)
		eof_exit(0);
	if (strcmp(line, "*") == 0) {
		reply("501 auth exchange cancelled (#5.0.0)");
		return -1;
	}
	if (b64decode(line, out, dlen) == -1) {
		reply("501 malformed auth input (#5.5.4)");
		return -1;
	}
	return 0;
}

static bool
auth_check(const char *user, const char *pass)
{
	const char *colon;

	if (cf.auth == NULL)
		return false;
	if (strcmp(cf.auth, "*") == 0)
		return true;
	if ((colon = strchr(cf.auth, ':')) == NULL)
		return false;
	return strlen(user) == (size_t)(colon - cf.auth) &&
	    strncmp(cf.auth, user, strlen(user)) == 0 &&
	    strcmp(colon + 1, pass) == 0;
}

static void
smtp_auth(const char *arg)
{
	char *user = NULL, *pass = NULL, *resp = NULL, *sp;
	size_t n, ulen;
	bool ok = false;

	if (ss.authed) {
		reply("503 you're already authenticated (#5.5.0)");
		return;
	}
	sp = strchr(arg, ' ');
	if (strncasecmp(arg, "LOGIN", 5) == 0 &&
	    (arg[5] == '\0' || arg[5] == ' ')) {
		if (sp != NULL) {
			if (b64decode(sp + 1, &user, &n) == -1) {
				reply("501 malformed auth input (#5.5.4)");
				return;
			}
		} else {
			reply("334 VXNlcm5hbWU6");
			if (auth_getln(&user, &n) == -1)
				return;
		}
		reply("334 UGFzc3dvcmQ6");
		if (auth_getln(&pass, &n) == -1)
			goto out;
		ok = auth_check(user, pass);
	} else if (strncasecmp(arg, "PLAIN", 5) == 0 &&
	    (arg[5] == '\0' || arg[5] == ' ')) {
		if (sp != NULL) {
			if (b64decode(sp + 1, &resp, &n) == -1) {
				reply("501 malformed auth input (#5.5.4)");
				return;
			}
		} else {
			reply("334 ");
			if (auth_getln(&resp, &n) == -1)
				return;
		}
		/* authzid \0 user \0 pass */
		ulen = strnlen(resp, n);
		if (ulen < n) {
			user = resp + ulen + 1;
			pass = memchr(user, '\0', n - ulen - 1);
			if (pass != NULL)
				ok = auth_check(user, pass + 1);
		}
		user = pass = NULL;
	} else {
		reply("504 auth type unimplemented (#5.5.1)");
		return;
	}
	if (ok) {
		ss.authed = true;
		reply("235 ok, go ahead (#2.0.0)");
	} else
		reply("535 authorization failed (#5.7.0)");
out:
	free(user);
	free(pass);
	free(resp);
}

/* ---- commands -------------------------------------------------------- */

static void
smtp_ehlo(void)
{
	struct sb b = { NULL, 0, 0 };
	char *extra = NULL, *p, *e;

	if (strcmp(override_text("EHLO", ""), "") != 0) {
		reply_override("EHLO", "");
		return;
	}
	if (cf.ehlo_extra != NULL) {
		extra = xstrdup(cf.ehlo_extra);
		unescape(extra);
	}
	sb_printf(&b, "250-%s\n250-PIPELINING\n250%c8BITMIME", cf.host,
	    extra != NULL && *extra != '\0' ? '-' : ' ');
	for (p = extra; p != NULL && *p != '\0'; p = e) {
		if ((e = strchr(p, ',')) != NULL)
			*e++ = '\0';
		else
			e = p + strlen(p);
		sb_printf(&b, "\n250%c%s", *e != '\0' ? '-' : ' ', p);
	}
	reply(b.s);
	free(b.s);
	free(extra);
}

static void
smtp_mail(const char *arg)
{
	char *addr;

	if ((addr = addrparse(arg)) == NULL) {
		reply("555 syntax error (#5.5.4)");
		return;
	}
	free(ss.mailfrom);
	ss.mailfrom = addr;
	rcpt_clear();
	/* an overridden refusal leaves no transaction open */
	ss.seenmail = override_text("MAIL", "2")[0] == '2';
	reply_override("MAIL", "250 ok");
}

static void
smtp_rcpt(const char *arg)
{
	const char *relayclient = getenv("RELAYCLIENT");
	char *addr;
	size_t n;

	if (!ss.seenmail) {
		reply("503 MAIL first (#5.5.1)");
		return;
	}
	if ((addr = addrparse(arg)) == NULL) {
		reply("555 syntax error (#5.5.4)");
		return;
	}
	if (list_has(cf.rcpt_reject, addr, strlen(addr))) {
		reply_override("RCPT_REJECT",
		    "550 sorry, no mailbox here by that name. (#5.1.1)");
		free(addr);
		return;
	}
	if (relayclient != NULL) {
		n = strlen(addr);
		addr = xrealloc(addr, n + strlen(relayclient) + 1);
		memcpy(addr + n, relayclient, strlen(relayclient) + 1);
	} else if (!ss.authed && !addr_allowed(addr)) {
		reply("553 sorry, that domain isn't in my list of allowed "
		    "rcpthosts (#5.7.1)");
		free(addr);
		return;
	}
	if (override_text("RCPT", "2")[0] == '2') {
		ss.rcpt = xrealloc(ss.rcpt, (ss.nrcpt + 1) * sizeof(*ss.rcpt));
		ss.rcpt[ss.nrcpt++] = addr;
	} else
		free(addr);
	reply_override("RCPT", "250 ok");
}

/* After STARTTLS: copy stdin to stdout raw (and to the transcript). */
static void
echo_mode(void)
{
	for (;;) {
		if (inpos == inlen && in_fill() == 0)
			eof_exit(0);
		out_put((const char *)inbuf + inpos, inlen - inpos);
		inpos = inlen;
	}
}

/* Never reply again; keep reading (and recording) until EOF. */
static void
hang(void)
{
	for (;;) {
		if (in_fill() == 0)
			eof_exit(0);
		inpos = inlen;
	}
}

/* "<code> <host>", or its FAKEQMAIL_REPLY_<name> override. */
static void
host_reply(const char *name, const char *code)
{
	struct sb b = { NULL, 0, 0 };

	sb_printf(&b, "%s %s", code, cf.host);
	reply_override(name, b.s);
	free(b.s);
}

static void
dispatch(const char *verb, const char *arg)
{
	char upper[16];
	size_t i, n = strlen(verb);

	if (list_has(cf.exit_on, verb, n))
		die(cf.exit_code);
	if (list_has(cf.hang_on, verb, n))
		hang();
	for (i = 0; i < n && i < sizeof(upper) - 1; i++)
		upper[i] = (char)toupper((unsigned char)verb[i]);
	upper[i] = '\0';

	if (strcmp(upper, "HELO") == 0) {
		ss.seenmail = false;
		host_reply("HELO", "250");
	} else if (strcmp(upper, "EHLO") == 0) {
		ss.seenmail = false;
		smtp_ehlo();
	} else if (strcmp(upper, "MAIL") == 0)
		smtp_mail(arg);
	else if (strcmp(upper, "RCPT") == 0)
		smtp_rcpt(arg);
	else if (strcmp(upper, "DATA") == 0)
		smtp_data();
	else if (strcmp(upper, "RSET") == 0) {
		ss.seenmail = false;
		reply_override("RSET", "250 flushed");
	} else if (strcmp(upper, "NOOP") == 0)
		reply_override("NOOP", cf.multiline_noop ?
		    "250-ok line 1\n250-ok line 2\n250 ok" : "250 ok");
	else if (strcmp(upper, "VRFY") == 0)
		reply_override("VRFY", "252 send some mail, i'll try my best");
	else if (strcmp(upper, "HELP") == 0)
		reply_override("HELP",
		    "214 qmail home page: http://pobox.com/~djb/qmail.html");
	else if (strcmp(upper, "QUIT") == 0) {
		host_reply("QUIT", "221");
		die(0);
	} else if (strcmp(upper, "AUTH") == 0 && cf.offer_auth)
		smtp_auth(arg);
	else if (strcmp(upper, "STARTTLS") == 0 && cf.offer_tls) {
		reply_override("STARTTLS", "220 ready for tls");
		echo_mode();
	} else
		reply_override("UNKNOWN", "502 unimplemented (#5.5.1)");
}

static void
greet(void)
{
	const char *v = getenv("FAKEQMAIL_GREETING");
	long i, n = env_long("FAKEQMAIL_GREETING_LINES", 1);
	struct sb b = { NULL, 0, 0 };
	char *copy;

	if (env_flag("FAKEQMAIL_NO_GREETING"))
		return;
	if (v != NULL && *v != '\0') {
		copy = xstrdup(v);
		unescape(copy);
		reply(copy);
		free(copy);
		return;
	}
	for (i = 1; i < n; i++)
		sb_printf(&b, "220-%s ESMTP greeting line %ld\n", cf.host, i);
	sb_printf(&b, "220 %s ESMTP", cf.host);
	reply(b.s);
	free(b.s);
}

int
main(int argc, char **argv)
{
	const char *arg;
	size_t i;

	signal(SIGPIPE, SIG_IGN);
	configure(argc, argv);
	linecap = 1024;
	line = xrealloc(NULL, linecap);

	greet();
	if (env_flag("FAKEQMAIL_EXIT_AFTER_GREETING"))
		die(0);
	while (read_line() == 1) {
		/* qmail: verb up to the first space, then skip spaces */
		for (i = 0; i < linelen && line[i] != ' '; i++)
			;
		arg = line + i;
		if (i < linelen) {
			line[i] = '\0';
			for (arg++; *arg == ' '; arg++)
				;
		}
		dispatch(line, arg);
	}
	eof_exit(0);
}
