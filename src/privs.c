/*
 * privs.c - identity switch and rlimits of the start-up sequence.
 *
 * Improvement (session.md 1.6): 5.0.1 keeps the starting group when none
 * is given, never resets supplementary groups and carries on privileged
 * when a step fails.  We take the primary group, call initgroups() (or
 * setgroups() with just that group when the user has no passwd entry),
 * and refuse to run when any step fails.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "log/log.h"
#include "privs.h"
#include "util/str.h"

static int
numeric(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return (*end == '\0' && errno == 0) ? 0 : -1;
}

int
privs_run_as(const char *spec)
{
	char user[256], *colon, *group = NULL;
	struct passwd *pw;
	struct group *gr;
	unsigned long id;
	uid_t uid;
	gid_t gid;

	str_lcpy(user, spec, sizeof(user));
	if ((colon = strchr(user, ':')) != NULL) {
		*colon = '\0';
		group = colon + 1;
	}
	pw = getpwnam(user);
	if (pw == NULL && numeric(user, &id) == 0)
		pw = getpwuid((uid_t)id);
	if (pw != NULL) {
		uid = pw->pw_uid;
		gid = pw->pw_gid;
	} else if (numeric(user, &id) == 0) {
		uid = (uid_t)id;
		gid = (gid_t)-1;
	} else {
		log_error("unable to find user with name or ID %s", user);
		return -1;
	}
	if (group != NULL && group[0] != '\0') {
		gr = getgrnam(group);
		if (gr == NULL && numeric(group, &id) == 0)
			gid = (gid_t)id;
		else if (gr != NULL)
			gid = gr->gr_gid;
		else {
			log_error("unable to find group with name or ID %s",
			    group);
			return -1;
		}
	}
	if (gid == (gid_t)-1) {
		log_error("unable to find group with name or ID %s", user);
		return -1;
	}
	if ((pw != NULL ? initgroups(pw->pw_name, gid) :
	    setgroups(1, &gid)) == -1 || setgid(gid) == -1) {
		log_error("unable to set current group to %s(%lu): %s",
		    group != NULL ? group : user, (unsigned long)gid,
		    strerror(errno));
		return -1;
	}
	if (setuid(uid) == -1) {
		log_error("unable to set current user to %s(%lu): %s", user,
		    (unsigned long)uid, strerror(errno));
		return -1;
	}
	return 0;
}

void
privs_raise_limits(void)
{
	static const struct {
		int		 res;
		const char	*name;
	} lim[] = {
		{ RLIMIT_AS, "address space" },
		{ RLIMIT_DATA, "data segment" },
		{ RLIMIT_STACK, "stack size" },
	};
	struct rlimit rl;
	size_t i;

	for (i = 0; i < nitems(lim); i++) {
		if (getrlimit(lim[i].res, &rl) == -1)
			continue;
		if (rl.rlim_cur != rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(lim[i].res, &rl);
		}
		if (rl.rlim_max != RLIM_INFINITY)
			log_verror("%s hard limit is less than infinity, "
			    "could lead to unexplainable crashes: %lu",
			    lim[i].name, (unsigned long)rl.rlim_max);
	}
}
