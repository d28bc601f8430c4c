/*
 * sink - the fastest SMTP server we can write, for the relay benchmark.
 *
 * Speaks just enough SMTP on stdin/stdout for bench/smtpbench.py (greeting,
 * EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and throws the message
 * away.  The data phase looks at line ends only (memchr for LF, then the
 * five bytes CR LF . CR LF), so that the benchmark measures the relay in
 * front of it, not the backend: qmail-smtpd and tests/harness/fakeqmail
 * inspect every byte.  No dot-unstuffing, no checks: benchmark input only.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define BUFSIZE	(256 * 1024)

static char	 in[BUFSIZE];
static size_t	 inpos, inlen;
static char	 out[4096];
static size_t	 outlen;

static void
flush(void)
{
	size_t off = 0;
	ssize_t n;

	while (off < outlen) {
		n = write(1, out + off, outlen - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(1);
		off += (size_t)n;
	}
	outlen = 0;
}

static void
reply(const char *s)
{
	size_t n = strlen(s);

	if (outlen + n + 2 > sizeof(out))
		flush();
	memcpy(out + outlen, s, n);
	memcpy(out + outlen + n, "\r\n", 2);
	outlen += n + 2;
}

/* Refill the input buffer; replies are flushed before blocking. */
static bool
fill(void)
{
	ssize_t n;

	flush();
	inpos = inlen = 0;
	for (;;) {
		n = read(0, in, sizeof(in));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		inlen = (size_t)n;
		return true;
	}
}

/* Next command line (without CR LF) into line; false at EOF. */
static bool
getline_cmd(char *line, size_t max)
{
	size_t n = 0;
	char c;

	for (;;) {
		if (inpos == inlen && !fill())
			return false;
		c = in[inpos++];
		if (c == '\n')
			break;
		if (n + 1 < max)
			line[n++] = c;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	return true;
}

/* Skip the message up to and including CR LF . CR LF; false at EOF. */
static bool
discard_data(void)
{
	/* the last bytes seen, as if the data started after a CR LF */
	char last[4] = { 0, 0, '\r', '\n' };
	const char *p, *nl, *end;
	char w[5];
	size_t i, k;

	for (;;) {
		if (inpos == inlen && !fill())
			return false;
		p = in + inpos;
		end = in + inlen;
		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			/* the five bytes ending at nl, reaching back into last[] */
			k = (size_t)(nl - (in + inpos));
			for (i = 0; i < 5; i++) {
				size_t back = 4 - i;	/* distance before nl */
				w[i] = back <= k ? nl[-(long)back] :
				    last[4 - (back - k)];
			}
			if (memcmp(w, "\r\n.\r\n", 5) == 0) {
				inpos = (size_t)(nl + 1 - in);
				return true;
			}
			p = nl + 1;
		}
		/* keep the last four bytes of this chunk */
		k = inlen - inpos;
		if (k >= 4)
			memcpy(last, end - 4, 4);
		else {
			memmove(last, last + k, 4 - k);
			memcpy(last + 4 - k, in + inpos, k);
		}
		inpos = inlen;
	}
}

int
main(void)
{
	char line[1024];

	reply("220 sink ESMTP");
	while (getline_cmd(line, sizeof(line))) {
		if (strncasecmp(line, "EHLO", 4) == 0) {
			reply("250-sink");
			reply("250-PIPELINING");
			reply("250 8BITMIME");
		} else if (strncasecmp(line, "HELO", 4) == 0)
			reply("250 sink");
		else if (strncasecmp(line, "MAIL", 4) == 0 ||
		    strncasecmp(line, "RCPT", 4) == 0 ||
		    strncasecmp(line, "RSET", 4) == 0 ||
		    strncasecmp(line, "NOOP", 4) == 0)
			reply("250 ok");
		else if (strncasecmp(line, "DATA", 4) == 0) {
			reply("354 go ahead");
			flush();
			if (!discard_data())
				break;
			reply("250 ok 1 qp 1");
		} else if (strncasecmp(line, "QUIT", 4) == 0) {
			reply("221 sink");
			break;
		} else
			reply("502 unimplemented (#5.5.1)");
	}
	flush();
	return 0;
}
