/*
 * child.h - starting helper processes: qmail-smtpd behind two pipes, and
 * finding executables the way session.md 1.2 step 8 says.
 */
#ifndef SPAMDYKE_IO_CHILD_H
#define SPAMDYKE_IO_CHILD_H

#include <stddef.h>
#include <sys/types.h>

/* PATH used when the variable is unset or empty (session.md 1.2). */
#define CHILD_DEFAULT_PATH	"/bin:/sbin:/usr/bin:/usr/sbin:" \
				"/usr/local/bin:/usr/local/sbin:" \
				"/var/qmail/bin:/home/vpopmail/bin"

/*
 * Locate cmd: used as given if it exists; otherwise, when it has no '/',
 * searched in path (colon-separated; NULL or "" means the default).
 * Writes the result to out.  0 found, -1 not found (errno set).
 */
int	 child_find(const char *cmd, const char *path, char *out,
	    size_t outlen);

/*
 * Fork and exec file with argv/envp behind two pipes: *to_child is the
 * write end of its stdin, *from_child the read end of its stdout; stderr
 * is inherited and SIGPIPE restored to default in the child.  0 ok;
 * -1 with the failing step in *what ("pipe" or "fork") and errno set.
 */
int	 child_spawn(const char *file, char *const argv[], char *const envp[],
	    int *to_child, int *from_child, pid_t *pid, const char **what);

/*
 * Run argv[0] (an absolute path, no PATH search) with argv and the
 * current environment, fd 0 and 1 on /dev/null, and wait at most
 * timeout_ms; then it is killed.  Returns its exit status (0-255), -1 when
 * it could not be started or died on a signal, -2 when it was killed for
 * the time limit.
 */
int	 child_run(char *const argv[], unsigned timeout_ms);
/* Split a CMD option value at each single space into argv (no shell). */
char	**child_split(const char *cmd);
void	 child_split_free(char **);

#endif
