/*
 * spawn.h - private to src/auth/: starting a helper command with a clean
 * set of descriptors (the verification commands, the hostname-command).
 */
#ifndef SPAMDYKE_AUTH_SPAWN_H
#define SPAMDYKE_AUTH_SPAWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Fork and exec cmd, split at spaces into argv (argv[0] searched on PATH
 * like the backend, session.md 1.2 step 8).  In the child: fd 0 is
 * /dev/null; fd 1 (and fd 2 when err_to_pipe, else fd 2 is inherited) is
 * the write end of a pipe whose read end becomes *outfd (non-blocking,
 * close-on-exec); fd 3 is a pipe already holding fd3len bytes of fd3data
 * when fd3data is not NULL; every other descriptor is closed; SIGPIPE is
 * back to default.  An exec failure exits 111.  0 ok with *pid and
 * *outfd; -1 with *what ("pipe", "fork", "open", "memory") and errno.
 */
int	 auth_spawn(const char *cmd, char *const envp[], const void *fd3data,
	    size_t fd3len, bool err_to_pipe, pid_t *pid, int *outfd,
	    const char **what);

#endif
