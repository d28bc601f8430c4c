/*
 * hostname.c - the host name in CRAM-MD5 challenges (session.md 8.2,
 * options.md hostname, hostname-file, hostname-command).
 *
 * Looked up only when a client asks for CRAM-MD5, so the hostname-command
 * runs at most once per such exchange and never in other sessions.  The
 * command is given AUTH_HOST_CMD_MS to print its first line; it runs with
 * the same clean descriptors as the verification commands (spawn.c).
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "auth/spawn.h"
#include "config/options.h"
#include "io/loop.h"
#include "util/file.h"
#include "util/str.h"

#define DEFAULT_HOST	"unknown.server.unknown.domain"

/* Keep the first line of s[0..n) (up to CR or LF); false if empty. */
static bool
first_line(char *out, size_t outlen, const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && s[k] != '\n' && s[k] != '\r' && s[k] != '\0')
		k++;
	if (k == 0 || outlen == 0)
		return false;
	if (k >= outlen)
		k = outlen - 1;
	memcpy(out, s, k);
	out[k] = '\0';
	return true;
}

static bool
from_file(const char *path, char *out, size_t outlen)
{
	struct file_lines fl;
	const char *line;
	size_t len;
	bool ok = false;
	int fd;

	if (file_open_regular(path, &fd, NULL) != 1)
		return false;
	file_lines_fd(&fl, fd, 4096, 1);
	if (file_lines_next(&fl, &line, &len) == 1)
		ok = first_line(out, outlen, line, len);
	file_lines_free(&fl);
	close(fd);
	return ok;
}

/* Wait for the first output line of cmd, at most AUTH_HOST_CMD_MS. */
static bool
from_command(const char *cmd, char *out, size_t outlen)
{
	char buf[1024];
	const char *what;
	size_t len = 0;
	uint64_t end = loop_now_ms() + AUTH_HOST_CMD_MS, now;
	struct pollfd pfd;
	ssize_t n;
	pid_t pid, p;
	int fd, st;

	if (auth_spawn(cmd, NULL, NULL, 0, false, &pid, &fd, &what) == -1)
		return false;
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (len < sizeof(buf) && memchr(buf, '\n', len) == NULL &&
	    (now = loop_now_ms()) < end) {
		if (poll(&pfd, 1, (int)(end - now)) <= 0)
			continue;
		n = read(fd, buf + len, sizeof(buf) - len);
		if (n > 0)
			len += (size_t)n;
		else if (n == 0 || (errno != EINTR && errno != EAGAIN))
			break;
	}
	close(fd);
	/* The first line is all we want: no need to wait for the rest. */
	kill(pid, SIGKILL);
	do {
		p = waitpid(pid, &st, 0);
	} while (p == -1 && errno == EINTR);
	return first_line(out, outlen, buf, len);
}

void
auth_challenge_host(const struct options *opt, char *out, size_t outlen)
{
	const char *env;

	if (outlen == 0)
		return;
	if (opt != NULL && opt->hostname != NULL && opt->hostname[0] != '\0') {
		str_lcpy(out, opt->hostname, outlen);
		return;
	}
	if (opt != NULL && opt->hostname_file != NULL &&
	    from_file(opt->hostname_file, out, outlen))
		return;
	if (opt != NULL && opt->hostname_command != NULL &&
	    from_command(opt->hostname_command, out, outlen))
		return;
	if ((env = getenv("TCPLOCALHOST")) != NULL && env[0] != '\0')
		str_lcpy(out, env, outlen);
	else if ((env = getenv("HOSTNAME")) != NULL && env[0] != '\0')
		str_lcpy(out, env, outlen);
	else
		str_lcpy(out, DEFAULT_HOST, outlen);
}
