/*
 * privs.h - run-as-user and resource limits (session.md 1.2 step 12, 1.6).
 */
#ifndef SPAMDYKE_PRIVS_H
#define SPAMDYKE_PRIVS_H

/*
 * Switch to USER[:GROUP] (names or numeric ids).  Improvement: without
 * GROUP the user's primary group is used, supplementary groups are reset,
 * and any failure is fatal.  0 ok, -1 failed (already logged).
 */
int	 privs_run_as(const char *spec);
/* Raise the soft AS/DATA/STACK limits to the hard ones (undo softlimit). */
void	 privs_raise_limits(void);

#endif
