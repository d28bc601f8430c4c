/*
 * child.c - process creation for the backend (session.md 1.2 steps 8-11).
 *
 * Improvement: PATH is split on ':' (5.0.1 splits on '=', so only
 * absolute backend paths worked there).
 */
#include <errno.h>
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
