/*
 * local.c - local domains and relay permission (session.md 5.2; files.md
 * 11.1).  rcpthosts uses the rDNS-list rules: "example.com" matches
 * exactly, ".example.com" the domain and its subdomains.  The CDB is read
 * with tinycdb; the lowercased domain is an exact key.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cdb.h>

#include "config/options.h"
#include "filters/local.h"
#include "filters/match.h"
#include "log/log.h"
#include "session.h"
#include "util/str.h"

bool
local_configured(const struct options *opt)
{
	return opt->qmail_rcpthosts_file.n > 0 ||
	    opt->qmail_morercpthosts_cdb.n > 0;
}

static int
cdb_has(const char *path, const char *key)
{
	unsigned dlen;
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_error("unable to open CDB file %s: %s", path,
		    strerror(errno));
		return 0;
	}
	rc = cdb_seek(fd, key, (unsigned)strlen(key), &dlen);
	close(fd);
	return rc > 0 ? 1 : 0;
}

int
local_domain(const struct options *opt, const char *domain)
{
	struct match_result m;
	struct strlist none = { NULL, 0, 0 };
	size_t i;

	if (domain[0] == '\0')
		return 0;
	if (opt->qmail_rcpthosts_file.n > 0 && match_rdns(domain, &none,
	    &opt->qmail_rcpthosts_file, &m) == 1)
		return 1;
	for (i = 0; i < opt->qmail_morercpthosts_cdb.n; i++)
		if (cdb_has(opt->qmail_morercpthosts_cdb.v[i], domain) == 1)
			return 1;
	return 0;
}

void
local_relay_setup(struct session *s)
{
	const struct options *opt = s->opt;
	struct match_client c;
	struct match_result m;
	char tail[MATCH_PATHLEN + 32];
	const char *rc = NULL;
	extern char **environ;
	size_t i;

	/* 5.2 item 1: RELAYCLIENT (name matched case-insensitively). */
	for (i = 0; environ != NULL && environ[i] != NULL; i++)
		if (str_prefix_ci(environ[i], strlen(environ[i]),
		    "RELAYCLIENT")) {
			const char *eq = strchr(environ[i], '=');

			rc = eq != NULL ? eq + 1 : "";
			break;
		}
	if (rc != NULL) {
		s->relay_allowed = true;
		str_lcpy(s->relay_suffix, rc, sizeof(s->relay_suffix));
		str_lower(s->relay_suffix, strlen(s->relay_suffix));
		return;
	}
	if (opt->relay_level == RL_ALLOW_ALL) {
		s->relay_allowed = s->relay_injected = true;
		return;
	}
	c.ip = s->ip;
	c.rdns = s->rdns;
	c.info = getenv("TCPREMOTEINFO");
	if ((opt->ip_relay_entry.n > 0 || opt->ip_relay_file.n > 0) &&
	    match_ip(&c, &opt->ip_relay_entry, &opt->ip_relay_file, &m) == 1) {
		log_filter("FILTER_RELAY_IP ip: %s %s", s->ip,
		    match_filter_tail(&m, tail, sizeof(tail)));
		s->relay_allowed = s->relay_injected = true;
		return;
	}
	if (s->rdns[0] != '\0' && (opt->rdns_relay_entry.n > 0 ||
	    opt->rdns_relay_file.n > 0) && match_rdns(s->rdns,
	    &opt->rdns_relay_entry, &opt->rdns_relay_file, &m) == 1) {
		log_filter("FILTER_RDNS_NAME ip: %s rdns: %s %s", s->ip,
		    s->rdns, match_filter_tail(&m, tail, sizeof(tail)));
		s->relay_allowed = s->relay_injected = true;
	}
}
