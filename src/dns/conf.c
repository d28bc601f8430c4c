/*
 * conf.c - where queries go and how long they may take (session.md 6.1,
 * 6.2 item 4; options.md 2.3).
 *
 * The options code sets the explicit values (dns-level, retries, spoof,
 * tcp, dns-timeout-secs) and adds dns-server-ip[-primary] servers; this
 * file parses server specifications, reads resolver files when no server
 * was given and works out the total timeout.  The resolver copies the
 * finished struct dns_config.  /etc/hosts is never read.
 *
 * Entry points: dns_config_init(), dns_server_parse(),
 * dns_config_add_server(), dns_config_read_resolv(), dns_config_finish(),
 * dns_config_load().
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dns.h"
#include "log/log.h"
#include "util/ip.h"
#include "util/str.h"

#define DNS_PORT	53

void
dns_config_init(struct dns_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->level = DNS_LEVEL_AGGRESSIVE;
	cfg->max_retries_primary = 1;
	cfg->max_retries_total = 3;
	cfg->timeout_secs = -1;
	cfg->spoof = DNS_SPOOF_ACCEPT_ALL;
	cfg->tcp = true;
	cfg->resolv_total = -1;
	cfg->resolv_query = -1;
}

/* Decimal 1-65535 of exactly n bytes; -1 otherwise. */
static long
parse_port(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	if (n == 0 || n > 5)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v >= 1 && v <= 65535 ? v : -1;
}

/* Decimal 0-2147483647, the whole string; -1 otherwise. */
static long
parse_num(const char *s)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (2147483647L - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* An address of n bytes (IPv6 may carry a %scope) into *srv, port 0. */
static int
parse_addr(const char *s, size_t n, struct dns_server *srv)
{
	struct addrinfo hints, *ai = NULL;
	struct ip_addr ip;
	char tmp[128];

	memset(srv, 0, sizeof(*srv));
	if (ip_parse_n(s, n, &ip) == 0) {
		if (ip.family == AF_INET) {
			struct sockaddr_in *sin = (void *)&srv->addr;

			sin->sin_family = AF_INET;
			memcpy(&sin->sin_addr, ip.a, 4);
			srv->len = sizeof(*sin);
		} else {
			struct sockaddr_in6 *sin6 = (void *)&srv->addr;

			sin6->sin6_family = AF_INET6;
			memcpy(&sin6->sin6_addr, ip.a, 16);
			srv->len = sizeof(*sin6);
		}
		return 0;
	}
	/* fe80::1%eth0: only getaddrinfo() knows interface names. */
	if (n >= sizeof(tmp) || memchr(s, '%', n) == NULL ||
	    memchr(s, '\0', n) != NULL)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET6;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST;
	if (getaddrinfo(tmp, NULL, &hints, &ai) != 0)
		return -1;
	if (ai->ai_addrlen > sizeof(srv->addr)) {
		freeaddrinfo(ai);
		return -1;
	}
	memcpy(&srv->addr, ai->ai_addr, ai->ai_addrlen);
	srv->len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

static void
set_port(struct dns_server *srv, unsigned port)
{
	if (srv->addr.ss_family == AF_INET)
		((struct sockaddr_in *)(void *)&srv->addr)->sin_port =
		    htons((uint16_t)port);
	else
		((struct sockaddr_in6 *)(void *)&srv->addr)->sin6_port =
		    htons((uint16_t)port);
}

/* As dns_server_parse(); *has_port tells whether PORT was written. */
static int
server_parse(const char *spec, struct dns_server *srv, bool *has_port,
    char *err, size_t errlen)
{
	const char *addr = spec, *colon, *port = NULL;
	size_t alen;
	long p = DNS_PORT;

	*has_port = false;
	if (*spec == '[') {
		const char *close = strchr(spec, ']');

		if (close == NULL || (close[1] != '\0' && close[1] != ':'))
			goto bad;
		addr = spec + 1;
		alen = (size_t)(close - addr);
		if (close[1] == ':')
			port = close + 2;
		if (memchr(addr, ':', alen) == NULL)
			goto bad;		/* brackets are for IPv6 */
	} else if ((colon = strchr(spec, ':')) != NULL &&
	    strchr(colon + 1, ':') == NULL) {
		alen = (size_t)(colon - spec);	/* IPv4:PORT */
		port = colon + 1;
		if (memchr(spec, '.', alen) == NULL)
			goto bad;
	} else
		alen = strlen(spec);		/* IPv4 or bare IPv6 */
	if (parse_addr(addr, alen, srv) == -1)
		goto bad;
	if (port != NULL) {
		if ((p = parse_port(port, strlen(port))) == -1) {
			snprintf(err, errlen, "invalid/unparsable nameserver "
			    "port number found: %s", spec);
			return -1;
		}
		*has_port = true;
	}
	set_port(srv, (unsigned)p);
	return 0;
bad:
	snprintf(err, errlen, "invalid/unparsable nameserver found: %s", spec);
	return -1;
}

int
dns_server_parse(const char *spec, struct dns_server *srv, char *err,
    size_t errlen)
{
	bool has_port;

	return server_parse(spec, srv, &has_port, err, errlen);
}

static bool
same_server(const struct dns_server *a, const struct dns_server *b)
{
	return a->len == b->len && memcmp(&a->addr, &b->addr, a->len) == 0;
}

static bool
known(const struct dns_config *cfg, const struct dns_server *srv)
{
	size_t i;

	for (i = 0; i < cfg->nprimary; i++)
		if (same_server(&cfg->primary[i], srv))
			return true;
	for (i = 0; i < cfg->nsecondary; i++)
		if (same_server(&cfg->secondary[i], srv))
			return true;
	return false;
}

int
dns_config_add_server(struct dns_config *cfg, const char *spec,
    bool primary, char *err, size_t errlen)
{
	struct dns_server srv, *list = primary ? cfg->primary : cfg->secondary;
	size_t *n = primary ? &cfg->nprimary : &cfg->nsecondary, i;

	if (dns_server_parse(spec, &srv, err, errlen) == -1)
		return -1;
	for (i = 0; i < *n; i++)
		if (same_server(&list[i], &srv))
			return 0;
	if (*n == DNS_MAX_SERVERS) {
		snprintf(err, errlen, "too many name servers (at most %d): %s",
		    DNS_MAX_SERVERS, spec);
		return -1;
	}
	list[(*n)++] = srv;
	return 0;
}

/* Servers a resolver file added without a port of their own. */
struct portless {
	struct dns_server	*srv[2 * DNS_MAX_SERVERS];
	size_t			 n;
};

static void
resolv_nameserver(struct dns_config *cfg, const char *text,
    struct portless *pl)
{
	struct dns_server srv, *slot;
	bool has_port;
	char err[256];

	if (server_parse(text, &srv, &has_port, err, sizeof(err)) == -1) {
		log_error("invalid/unparsable nameserver found: %s", text);
		return;
	}
	/* Compare with the port the server would get by default. */
	if (known(cfg, &srv))
		return;
	if (cfg->nprimary == 0)
		slot = &cfg->primary[cfg->nprimary++];
	else if (cfg->nsecondary < DNS_MAX_SERVERS)
		slot = &cfg->secondary[cfg->nsecondary++];
	else {
		log_debug("ignoring name server past %d: %s", DNS_MAX_SERVERS,
		    text);
		return;
	}
	*slot = srv;
	if (!has_port && pl->n < nitems(pl->srv))
		pl->srv[pl->n++] = slot;
}

int
dns_config_read_resolv(struct dns_config *cfg, const char *path, char *err,
    size_t errlen)
{
	struct portless pl = { .n = 0 };
	char *line = NULL, *p, *kw, *val, *save;
	size_t cap = 0, i;
	long port = DNS_PORT, v;
	int lineno = 0;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "unable to open file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, fp) != -1) {
		lineno++;
		if ((p = strpbrk(line, "#;\r\n")) != NULL)
			*p = '\0';
		if ((kw = strtok_r(line, " \t", &save)) == NULL)
			continue;
		val = strtok_r(NULL, " \t", &save);
		if (strcmp(kw, "nameserver") == 0 && val != NULL)
			resolv_nameserver(cfg, val, &pl);
		else if (strcmp(kw, "port") == 0) {
			if (val == NULL ||
			    (v = parse_port(val, strlen(val))) == -1)
				log_error("invalid/unparsable default port "
				    "found in file %s on line %d: %s", path,
				    lineno, val != NULL ? val : "");
			else
				port = v;
		} else if (strcmp(kw, "timeout") == 0) {
			if (val == NULL || (v = parse_num(val)) == -1)
				log_error("invalid/unparsable total timeout "
				    "found in file %s on line %d: %s", path,
				    lineno, val != NULL ? val : "");
			else
				cfg->resolv_total = v;
		} else if (strcmp(kw, "options") == 0)
			for (; val != NULL;
			    val = strtok_r(NULL, " \t", &save)) {
				if (strncmp(val, "timeout:", 8) != 0)
					continue;
				if ((v = parse_num(val + 8)) == -1)
					log_error("invalid/unparsable query "
					    "timeout found in file %s on line "
					    "%d: %s", path, lineno, val);
				else
					cfg->resolv_query = v;
			}
	}
	free(line);
	fclose(fp);
	for (i = 0; i < pl.n; i++)
		set_port(pl.srv[i], (unsigned)port);
	return 0;
}

/* The last valid "timeout:N" of RES_OPTIONS, or -1. */
static long
res_options_timeout(const char *p)
{
	char tok[32];
	size_t len;
	long v, t = -1;

	for (; *p != '\0'; p += len) {
		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len < 8 || strncmp(p, "timeout:", 8) != 0)
			continue;
		v = -1;
		if (len < sizeof(tok)) {
			memcpy(tok, p, len);
			tok[len] = '\0';
			v = parse_num(tok + 8);
		}
		if (v == -1)
			log_error("invalid/unparsable query timeout found in "
			    "environment variable RES_OPTIONS: %.*s", (int)len,
			    p);
		else
			t = v;
	}
	return t;
}

void
dns_config_finish(struct dns_config *cfg, const char *res_options)
{
	long rounds, total, env;
	char err[128];

	if (cfg->nprimary == 0 && cfg->nsecondary == 0)
		(void)dns_config_add_server(cfg, "127.0.0.1", true, err,
		    sizeof(err));
	if (cfg->max_retries_total < 1)
		cfg->max_retries_total = 1;
	if (cfg->max_retries_primary < 0)
		cfg->max_retries_primary = 0;
	rounds = cfg->max_retries_total;
	env = res_options != NULL ? res_options_timeout(res_options) : -1;
	/* Precedence of session.md 6.2 item 4; zero means "not set". */
	if (cfg->timeout_secs > 0)
		total = cfg->timeout_secs;
	else if (env > 0)
		total = env * rounds;
	else if (cfg->resolv_total > 0)
		total = cfg->resolv_total;
	else if (cfg->resolv_query > 0)
		total = cfg->resolv_query * rounds;
	else
		total = DNS_DEFAULT_TIMEOUT;
	cfg->timeout_ms = (uint64_t)total * 1000;
}

int
dns_config_load(struct dns_config *cfg, const char *const *paths,
    size_t npaths, const char *res_options, char *err, size_t errlen)
{
	size_t i;

	/* 6.1 item 1: explicit servers mean no resolver file at all. */
	if (cfg->nprimary == 0 && cfg->nsecondary == 0)
		for (i = 0; i < npaths; i++)
			if (dns_config_read_resolv(cfg, paths[i], err,
			    errlen) == -1)
				return -1;
	dns_config_finish(cfg, res_options);
	return 0;
}
