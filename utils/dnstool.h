/*
 * dnstool.h - the common part of the dns* utilities (files.md 13).
 *
 * Each dnsX.c fills a struct dnstool (record type, usage, how to print a
 * record, optionally how to turn an argument into the name asked) and
 * calls dnstool_main().  Header-only: the build makes one program of each
 * utils/NAME.c and has no library of utility code.
 *
 * The queries go through spamdyke's own resolver (src/dns), so the tools
 * show what the filter sees: the same packets, name checks, CNAME chasing
 * (at most DNS_MAX_CHAIN lookups, loops stopped) and TCP retry of
 * truncated answers.  Server selection follows files.md 13: attempts 1-2
 * go to the first server only, later attempts to every server; at most
 * 5 attempts of 2 s, 10 s in all.  Each attempt is one resolver lookup
 * with a single round, so that -v can say where each attempt went.
 *
 * Servers: those of -s IP[:PORT] (repeatable), else the nameservers of
 * the resolver files given with -r FILE (default /etc/resolv.conf, read
 * with the filter's own parser), else 127.0.0.1.  -s is also how the test
 * suite points the tools at its loopback server.
 */
#ifndef SPAMDYKE_UTILS_DNSTOOL_H
#define SPAMDYKE_UTILS_DNSTOOL_H

#include <sys/socket.h>
#include <netdb.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dns/dns.h"
#include "util/str.h"
#include "utils.h"

#define DNSTOOL_ATTEMPTS	5	/* files.md 13 */
#define DNSTOOL_FIRST_ONLY	2	/* attempts sent to the first server */
#define DNSTOOL_ATTEMPT_SECS	2
#define DNSTOOL_MAX_SERVERS	(2 * DNS_MAX_SERVERS)
#define DNSTOOL_MAX_FILES	8
#define DNSTOOL_NAME_MAX	1024	/* argument bytes considered */

struct dnstool {
	const char	*prog;		/* "dnsa" */
	const char	*args;		/* "FQDN" or "IP|FQDN" */
	const char	*what;		/* usage: what is printed */
	unsigned	 type;		/* one DNS_T_* bit */
	/*
	 * Optional: the name to ask for arg.  0 ok, -1 unusable (then the
	 * argument is asked as given).  NULL: arg as given.
	 */
	int		(*qname)(const char *arg, char *out, size_t outlen);
	/* Print the value of rr (without the final newline). */
	void		(*print)(const struct dns_rr *);
};

struct dnstool_state {
	struct dns_server	 srv[DNSTOOL_MAX_SERVERS];
	size_t			 nsrv;
	bool			 verbose;
};

static inline void
dnstool_usage(const struct dnstool *t)
{
	char line1[128], line3[160];
	const char *usage[] = {
		line1,
		"",
		line3,
		"Options:",
		"  -v          show progress: servers asked, records found",
		"  -s IP[:PORT]  ask this server (repeatable; default: the",
		"              nameservers of /etc/resolv.conf)",
		"  -r FILE     read the nameservers from FILE instead of",
		"              /etc/resolv.conf (repeatable)",
		NULL
	};

	snprintf(line1, sizeof(line1), "USAGE: %s [ -v ] [ -s IP[:PORT] ] "
	    "[ -r FILE ] %s ...", t->prog, t->args);
	snprintf(line3, sizeof(line3), "Prints %s.", t->what);
	util_usage(usage);
}

/* "IP:PORT", IPv6 as "[IP]:PORT". */
static inline void
dnstool_server_text(const struct dns_server *s, char *out, size_t outlen)
{
	char host[NI_MAXHOST], port[NI_MAXSERV];

	if (getnameinfo((const struct sockaddr *)&s->addr, s->len, host,
	    sizeof(host), port, sizeof(port),
	    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		str_lcpy(out, "?", outlen);
		return;
	}
	snprintf(out, outlen, s->addr.ss_family == AF_INET6 ? "[%s]:%s" :
	    "%s:%s", host, port);
}

/* Servers from the resolver files (or 127.0.0.1); -1 with err. */
static inline int
dnstool_load_servers(struct dnstool_state *st, const char *const *files,
    size_t nfiles, char *err, size_t errlen)
{
	static const char *const dflt[] = { "/etc/resolv.conf" };
	struct dns_config cfg;
	size_t i;

	dns_config_init(&cfg);
	if (nfiles == 0) {
		files = dflt;
		nfiles = 1;
	}
	if (dns_config_load(&cfg, files, nfiles, NULL, err, errlen) == -1)
		return -1;
	for (i = 0; i < cfg.nprimary; i++)
		st->srv[st->nsrv++] = cfg.primary[i];
	for (i = 0; i < cfg.nsecondary; i++)
		st->srv[st->nsrv++] = cfg.secondary[i];
	return 0;
}

/* One attempt: one resolver round to the servers of attempt n (1-5). */
static inline int
dnstool_attempt(const struct dnstool *t, const struct dnstool_state *st,
    int n, const char *name, struct dns_result **res)
{
	struct dns_config cfg;
	char text[NI_MAXHOST + NI_MAXSERV + 4];
	size_t i, count;

	dns_config_init(&cfg);
	count = n <= DNSTOOL_FIRST_ONLY ? 1 : st->nsrv;
	for (i = 0; i < count; i++) {
		if (cfg.nprimary < DNS_MAX_SERVERS)
			cfg.primary[cfg.nprimary++] = st->srv[i];
		else
			cfg.secondary[cfg.nsecondary++] = st->srv[i];
		if (st->verbose) {
			dnstool_server_text(&st->srv[i], text, sizeof(text));
			printf("Attempt %d: sending DNS query packet to %s\n",
			    n, text);
		}
	}
	cfg.max_retries_primary = 0;	/* one round, every server given */
	cfg.max_retries_total = 1;
	cfg.timeout_secs = DNSTOOL_ATTEMPT_SECS;
	dns_config_finish(&cfg, NULL);
	fflush(stdout);
	return dns_lookup_sync(&cfg, name, t->type | DNS_T_CNAME, 0, res);
}

static inline void
dnstool_found(const struct dnstool *t, const struct dnstool_state *st,
    const struct dns_result *res)
{
	const struct dns_rr *rr;
	char esc[DNS_MAX_NAME * 2];
	size_t i;

	if (st->verbose)
		for (i = 0; i < res->nrr; i++)
			if (res->rr[i]->type == DNS_T_CNAME)
				printf("Found CNAME record for %s: %s\n",
				    res->rr[i]->owner, res->rr[i]->data);
	if ((rr = dns_result_first(res, t->type)) == NULL)
		return;
	if (st->verbose)
		printf("Found %s record for %s: ", dns_type_name(t->type),
		    str_escape(esc, sizeof(esc), rr->owner,
		    strlen(rr->owner)));
	t->print(rr);
	putchar('\n');
}

static inline void
dnstool_query(const struct dnstool *t, const struct dnstool_state *st,
    const char *arg)
{
	char name[DNSTOOL_NAME_MAX + 1], ok[DNS_MAX_NAME + 2];
	char esc[DNSTOOL_NAME_MAX + 1];
	struct dns_result *res = NULL;
	int n, status = DNS_NORESULT;

	if (t->qname == NULL || t->qname(arg, name, sizeof(name)) == -1)
		str_lcpy(name, arg, sizeof(name));
	str_escape(esc, sizeof(esc), name, strlen(name));
	if (st->verbose)
		printf("Searching for %s record: %s\n",
		    dns_type_name(t->type), esc);
	/* Improvement: refuse what the resolver would never send. */
	if (!dns_name_ok(name, ok, sizeof(ok))) {
		printf("ERROR: invalid DNS name: %s\n", esc);
		return;
	}
	for (n = 1; n <= DNSTOOL_ATTEMPTS; n++) {
		status = dnstool_attempt(t, st, n, ok, &res);
		if (status != DNS_NORESULT || res == NULL)
			break;
		dns_result_free(res);
		res = NULL;
	}
	if (status == DNS_FOUND && res != NULL)
		dnstool_found(t, st, res);
	else if (status == DNS_NORESULT)
		printf("ERROR: no usable DNS response for %s record of %s "
		    "after %d attempts\n", dns_type_name(t->type), esc,
		    n > DNSTOOL_ATTEMPTS ? DNSTOOL_ATTEMPTS : n);
	dns_result_free(res);
	fflush(stdout);
}

/* Options, servers, then one query per argument.  Always returns 0. */
static inline int
dnstool_main(const struct dnstool *t, int argc, char *argv[])
{
	struct dnstool_state st;
	const char *files[DNSTOOL_MAX_FILES];
	size_t nfiles = 0;
	char err[256];
	bool bad = false;
	int i;

	memset(&st, 0, sizeof(st));
	for (i = 1; i < argc && argv[i][0] == '-' && !bad; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-v") == 0)
			st.verbose = true;
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc &&
		    st.nsrv < DNSTOOL_MAX_SERVERS) {
			if (dns_server_parse(argv[++i], &st.srv[st.nsrv], err,
			    sizeof(err)) == -1) {
				printf("ERROR: %s\n", err);
				return 0;
			}
			st.nsrv++;
		} else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc &&
		    nfiles < DNSTOOL_MAX_FILES)
			files[nfiles++] = argv[++i];
		else
			bad = true;	/* -h and anything unknown */
	}
	if (bad || i >= argc) {
		dnstool_usage(t);
		return 0;
	}
	if (st.nsrv == 0 && dnstool_load_servers(&st, files, nfiles, err,
	    sizeof(err)) == -1) {
		printf("ERROR: %s\n", err);
		return 0;
	}
	for (; i < argc; i++)
		dnstool_query(t, &st, argv[i]);
	/* Compat: every helper exits 0 (files.md 13). */
	return 0;
}

#endif
