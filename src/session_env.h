/*
 * session_env.h - the environment a session reads and the one it hands to
 * qmail-smtpd (session.md 1.3).
 */
#ifndef SPAMDYKE_SESSION_ENV_H
#define SPAMDYKE_SESSION_ENV_H

struct session;

/* Remote IP and relay bookkeeping from the environment (1.3, 5.2). */
void	 session_identify(struct session *);
/* The backend's environment (malloc()ed vector); NULL when out of memory. */
char	**session_env_build(struct session *);
void	 session_env_free(char **);

#endif
