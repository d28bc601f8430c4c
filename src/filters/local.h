/*
 * local.h - local domains and relay permission (session.md 5.2, 5.3;
 * files.md 11.1): rcpthosts matched like an rDNS list, morercpthosts.cdb
 * by exact key.
 */
#ifndef SPAMDYKE_FILTERS_LOCAL_H
#define SPAMDYKE_FILTERS_LOCAL_H

#include <stdbool.h>

struct options;
struct session;

/* Is any local-domain source (rcpthosts, morercpthosts.cdb) configured? */
bool	 local_configured(const struct options *);
/* 1 the domain is local, 0 not (or no source configured). */
int	 local_domain(const struct options *, const char *domain);
/*
 * Compute the session's relay permission at start (5.2 items 1-2): the
 * incoming RELAYCLIENT, relay-level=allow-all, ip-relay-*, rdns-relay-*.
 * Logs FILTER_RELAY_IP / FILTER_RDNS_NAME.  Sets s->relay_allowed,
 * s->relay_suffix and s->relay_injected.
 */
void	 local_relay_setup(struct session *);

#endif
