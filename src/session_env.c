/*
 * session_env.c - environment in and out (session.md 1.3).
 *
 * In: the remote address (TCPREMOTEIP, then TCP6REMOTEIP, then
 * REMOTE_HOST) and RELAYCLIENT.  Out: qmail-smtpd inherits everything
 * except that TCPLOCALPORT is forced to 25, the first SMTPS* variable is
 * removed, and RELAYCLIENT= is added when spamdyke grants relaying.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/options.h"
#include "log/log.h"
#include "session.h"
#include "session_env.h"
#include "util/str.h"

extern char **environ;

/* Strict dotted quad: four decimal octets 0-255, nothing after (1.3). */
static bool
dotted_quad(const char *s)
{
	int parts = 0;

	while (parts < 4) {
		unsigned v = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || digits > 3 || v > 255)
			return false;
		parts++;
		if (parts < 4 && *s++ != '.')
			return false;
	}
	return *s == '\0';
}

void
session_identify(struct session *s)
{
	const char *v = getenv("TCPREMOTEIP");
	unsigned char a6[16];
	char txt[SESSION_IP_MAX];

	if (v == NULL || v[0] == '\0')
		v = getenv("TCP6REMOTEIP");
	if (v == NULL || v[0] == '\0')
		v = getenv("REMOTE_HOST");
	str_lcpy(s->ip, "0.0.0.0", sizeof(s->ip));
	if (v == NULL || v[0] == '\0')
		return;
	if (dotted_quad(v)) {
		str_lcpy(s->ip, v, sizeof(s->ip));
		return;
	}
	/*
	 * Improvement: IPv6.  ::ffff:a.b.c.d is the IPv4 client a.b.c.d;
	 * other addresses are printed in RFC 5952 form.
	 */
	if (inet_pton(AF_INET6, v, a6) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0,
		    0, 0, 0, 0xff, 0xff };

		if (memcmp(a6, mapped, 12) == 0)
			inet_ntop(AF_INET, a6 + 12, txt, sizeof(txt));
		else
			inet_ntop(AF_INET6, a6, txt, sizeof(txt));
		str_lcpy(s->ip, txt, sizeof(s->ip));
		return;
	}
	if (str_prefix_ci(v, strlen(v), "localhost")) {
		log_verror("remote IP address missing, found text: \"%s\", "
		    "using IP address 127.0.0.1", v);
		str_lcpy(s->ip, "127.0.0.1", sizeof(s->ip));
		return;
	}
	/* Any other text is a name, looked up later (session_dns.c). */
	str_lcpy(s->remote_name, v, sizeof(s->remote_name));
}

/* Does the incoming environment have RELAYCLIENT (name, any case)? */
static bool
has_relayclient(void)
{
	size_t i;

	for (i = 0; environ != NULL && environ[i] != NULL; i++)
		if (str_prefix_ci(environ[i], strlen(environ[i]),
		    "RELAYCLIENT"))
			return true;
	return false;
}

/* Should spamdyke add RELAYCLIENT= for the backend (1.3 item 1)? */
static bool
inject_relayclient(const struct session *s)
{
	const struct options *opt = s->opt;

	if (has_relayclient())
		return false;
	if (s->relay_injected)
		return true;
	/* spamdyke enforces relaying itself when it may process AUTH. */
	if (opt->smtp_auth_level >= AL_ONDEMAND &&
	    opt->smtp_auth_command.n > 0 &&
	    (opt->qmail_rcpthosts_file.n > 0 ||
	    opt->qmail_morercpthosts_cdb.n > 0))
		return true;
	return false;
}

char **
session_env_build(struct session *s)
{
	size_t n = 0, k = 0, i;
	bool port_done = false, smtps_done = false;
	char **env;

	while (environ != NULL && environ[n] != NULL)
		n++;
	if ((env = calloc(n + 3, sizeof(*env))) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *e = environ[i];

		/* Improvement: removal never duplicates another entry. */
		if (!smtps_done && str_prefix_ci(e, strlen(e), "SMTPS")) {
			smtps_done = true;
			continue;
		}
		if (s->ip_rewritten && strncmp(e, "TCPREMOTEIP=", 12) == 0) {
			size_t len = 12 + strlen(s->ip) + 1;

			if ((env[k] = malloc(len)) != NULL)
				snprintf(env[k], len, "TCPREMOTEIP=%s", s->ip);
			k++;
			continue;
		}
		if (strncmp(e, "TCPLOCALPORT=", 13) == 0) {
			/* Improvement: compare exactly (2525 is not 25). */
			if (port_done)
				continue;
			port_done = true;
			if (strcmp(e + 13, "25") != 0) {
				env[k++] = str_dup("TCPLOCALPORT=25");
				continue;
			}
		}
		env[k++] = str_dup(e);
	}
	if (!port_done)
		env[k++] = str_dup("TCPLOCALPORT=25");
	if (inject_relayclient(s))
		env[k++] = str_dup("RELAYCLIENT=");
	env[k] = NULL;
	for (i = 0; i < k; i++)
		if (env[i] == NULL) {
			session_env_free(env);
			return NULL;
		}
	return env;
}

void
session_env_free(char **env)
{
	size_t i;

	for (i = 0; env != NULL && env[i] != NULL; i++)
		free(env[i]);
	free(env);
}
