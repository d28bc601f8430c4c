/*
 * child.c - process creation for the backend (session.md 1.2 steps 8-11).
 *
 * Improvement: PATH is split on ':' (5.0.1 splits on '=', so only
 * absolute backend paths worked there).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/child.h"
#include "log/log.h"
#include "util/str.h"

int
child_find(const char *cmd, const char *path, char *out, size_t outlen)
{
	const char *p, *colon;
	struct stat st;
	int saved = ENOENT;

	if (stat(cmd, &st) == 0 || strchr(cmd, '/') != NULL) {
		if (str_lcpy(out, cmd, outlen) >= outlen) {
			errno = ENAMETOOLONG;
			return -1;
		}
		return stat(cmd, &st) == 0 ? 0 : -1;
	}
	if (path == NULL || path[0] == '\0')
		path = CHILD_DEFAULT_PATH;
	for (p = path; ; p = colon + 1) {
		size_t dl;

		colon = strchr(p, ':');
		dl = colon != NULL ? (size_t)(colon - p) : strlen(p);
		if (dl > 0 && dl + 1 + strlen(cmd) < outlen) {
			memcpy(out, p, dl);
			out[dl] = '/';
			str_lcpy(out + dl + 1, cmd, outlen - dl - 1);
			if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
				return 0;
			if (errno != ENOENT)
				saved = errno;
		}
		if (colon == NULL)
			break;
	}
	errno = saved;
	return -1;
}

int
child_spawn(const char *file, char *const argv[], char *const envp[],
    int *to_child, int *from_child, pid_t *pid, const char **what)
{
	int in[2], out[2];
	pid_t p;

	if (pipe(in) == -1) {
		*what = "pipe";
		return -1;
	}
	if (pipe(out) == -1) {
		*what = "pipe";
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if ((p = fork()) == -1) {
		*what = "fork";
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		return -1;
	}
	if (p == 0) {
		signal(SIGPIPE, SIG_DFL);
		if (dup2(in[0], 0) == -1 || dup2(out[1], 1) == -1) {
			log_error("unable to move file descriptors: %s",
			    strerror(errno));
			_exit(111);
		}
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execve(file, argv, envp);
		log_error("unable to execute child process %s: %s", file,
		    strerror(errno));
		_exit(111);
	}
	close(in[0]);
	close(out[1]);
	fcntl(in[1], F_SETFD, FD_CLOEXEC);
	fcntl(out[0], F_SETFD, FD_CLOEXEC);
	*to_child = in[1];
	*from_child = out[0];
	*pid = p;
	return 0;
}

int
child_run(char *const argv[], unsigned timeout_ms)
{
	struct timespec ts = { 0, 5 * 1000 * 1000 };
	unsigned waited = 0;
	pid_t p, r;
	int st, fd;

	if ((p = fork()) == -1)
		return -1;
	if (p == 0) {
		signal(SIGPIPE, SIG_DFL);
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
			if (fd > 2)
				close(fd);
		}
		execv(argv[0], argv);
		_exit(111);
	}
	for (;;) {
		r = waitpid(p, &st, WNOHANG);
		if (r == p)
			break;
		if (r == -1 && errno != EINTR)
			return -1;
		if (waited >= timeout_ms) {
			kill(p, SIGKILL);
			while (waitpid(p, &st, 0) == -1 && errno == EINTR)
				;
			return -2;
		}
		nanosleep(&ts, NULL);
		waited += 5;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

char **
child_split(const char *cmd)
{
	size_t n = 2, i = 0;
	const char *p, *q;
	char **v;

	for (p = cmd; *p != '\0'; p++)
		if (*p == ' ')
			n++;
	if ((v = calloc(n, sizeof(*v))) == NULL)
		return NULL;
	/* Compat (options.md 1.5): every single space splits. */
	for (p = cmd; ; p = q + 1) {
		q = strchr(p, ' ');
		if ((v[i++] = str_ndup(p, q != NULL ? (size_t)(q - p) :
		    strlen(p))) == NULL) {
			child_split_free(v);
			return NULL;
		}
		if (q == NULL)
			break;
	}
	return v;
}

void
child_split_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}
