/*
 * spawn.c - fork and exec a helper command for AUTH (spawn.h).
 *
 * Improvement (8.4): the child gets /dev/null as fd 0 and no descriptor
 * of spamdyke's besides the ones it is meant to use (5.0.1 leaks the
 * client socket and every open file into the verification command).
 */
#include <sys/types.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include "auth/spawn.h"
#include "io/child.h"
#include "util/str.h"

#define ARGV_MAX	64
#define CMD_MAX		4096
#define FD3_MAX		4096	/* fits a pipe buffer at once */
#define HIGH_FD		10	/* sources are moved above 0-3 first */

extern char	**environ;

/* Split s in place at spaces; empty words are skipped.  Returns argc. */
static size_t
split(char *s, char **argv, size_t max)
{
	size_t n = 0;

	while (*s != '\0' && n + 1 < max) {
		while (*s == ' ')
			*s++ = '\0';
		if (*s == '\0')
			break;
		argv[n++] = s;
		while (*s != '\0' && *s != ' ')
			s++;
	}
	argv[n] = NULL;
	return n;
}

/* Close every descriptor from lowfd up. */
static void
close_from(int lowfd)
{
	long max, fd;

#if defined(__linux__) && defined(SYS_close_range)
	if (syscall(SYS_close_range, (unsigned)lowfd, ~0U, 0) == 0)
		return;
#endif
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = lowfd; fd < max; fd++)
		close((int)fd);
}

static int
fail(const char **what, const char *step, int fds[], size_t n)
{
	int e = errno;
	size_t i;

	for (i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	*what = step;
	errno = e;
	return -1;
}

/* The child's side: descriptors in place, then exec.  Never returns. */
static void
child(const char *path, char *const argv[], char *const envp[], int devnull,
    int outw, int fd3r, bool err_to_pipe)
{
	int a, b, c = -1;

	signal(SIGPIPE, SIG_DFL);
	a = fcntl(devnull, F_DUPFD, HIGH_FD);
	b = fcntl(outw, F_DUPFD, HIGH_FD);
	if (fd3r >= 0)
		c = fcntl(fd3r, F_DUPFD, HIGH_FD);
	if (a == -1 || b == -1 || (fd3r >= 0 && c == -1))
		_exit(111);
	if (dup2(a, 0) == -1 || dup2(b, 1) == -1 ||
	    (err_to_pipe && dup2(b, 2) == -1) || (c >= 0 && dup2(c, 3) == -1))
		_exit(111);
	close_from(c >= 0 ? 4 : 3);
	execve(path, argv, envp);
	_exit(111);
}

int
auth_spawn(const char *cmd, char *const envp[], const void *fd3data,
    size_t fd3len, bool err_to_pipe, pid_t *pid, int *outfd,
    const char **what)
{
	char buf[CMD_MAX], path[PATH_MAX];
	char *argv[ARGV_MAX];
	int fds[5] = { -1, -1, -1, -1, -1 };	/* devnull out[2] in3[2] */
	const char *p;
	size_t off;
	ssize_t w;
	pid_t c;

	if (str_lcpy(buf, cmd, sizeof(buf)) >= sizeof(buf) ||
	    split(buf, argv, ARGV_MAX) == 0 || fd3len > FD3_MAX) {
		*what = "memory";
		errno = EINVAL;
		return -1;
	}
	if (child_find(argv[0], getenv("PATH"), path, sizeof(path)) == -1)
		/* Not found: exec fails and the child exits 111. */
		str_lcpy(path, argv[0], sizeof(path));
	if ((fds[0] = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1)
		return fail(what, "open", fds, 5);
	if (pipe(&fds[1]) == -1)
		return fail(what, "pipe", fds, 5);
	if (fd3data != NULL) {
		if (pipe(&fds[3]) == -1)
			return fail(what, "pipe", fds, 5);
		/* Small enough for the pipe buffer: written before fork. */
		for (off = 0, p = fd3data; off < fd3len; ) {
			w = write(fds[4], p + off, fd3len - off);
			if (w > 0)
				off += (size_t)w;
			else if (w == -1 && errno == EINTR)
				continue;
			else
				return fail(what, "pipe", fds, 5);
		}
		close(fds[4]);
		fds[4] = -1;
	}
	if ((c = fork()) == -1)
		return fail(what, "fork", fds, 5);
	if (c == 0)
		child(path, argv, envp != NULL ? envp : environ, fds[0],
		    fds[2], fds[3], err_to_pipe);
	close(fds[0]);
	close(fds[2]);
	if (fds[3] >= 0)
		close(fds[3]);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
	*outfd = fds[1];
	*pid = c;
	return 0;
}
