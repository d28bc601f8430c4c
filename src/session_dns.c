/*
 * session_dns.c - asynchronous work of the connection-time chain
 * (session.md 1.2 steps 2-5, 2.3, 5.5, 6).
 *
 * The rDNS (PTR) lookup starts as soon as the address is known; the DNS
 * lists that need only the address start with it, those that need the
 * rDNS name start when it arrives.  Improvement (2.3): all of them are in
 * flight together, and the filters then decide in table order.  The
 * greeting delay is counted from the start of the connection, so DNS
 * time is part of it rather than added to it.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "config/options.h"
#include "dns/dns.h"
#include "io/loop.h"
#include "log/log.h"
#include "log/transcript.h"
#include "session.h"
#include "util/ip.h"
#include "util/str.h"

_Static_assert(DL_NONE == (int)DNS_LEVEL_NONE &&
    DL_AGGRESSIVE == (int)DNS_LEVEL_AGGRESSIVE &&
    DS_REJECT == (int)DNS_SPOOF_REJECT, "option and resolver enums differ");

struct pending {
	struct session	*s;
	session_dns_cb	*cb;
	struct pending	*prev, *next;	/* s->dnsq: freed if never answered */
	size_t		 arglen;
	/* arg bytes follow */
};

static void
unlink_pending(struct pending *p)
{
	struct session *s = p->s;

	if (p->prev != NULL)
		p->prev->next = p->next;
	else
		s->dnsq = p->next;
	if (p->next != NULL)
		p->next->prev = p->prev;
}

static unsigned
qt_bits(unsigned qt)
{
	unsigned b = 0;

	if (qt & QT_A)
		b |= DNS_T_A;
	if (qt & QT_AAAA)
		b |= DNS_T_AAAA;
	if (qt & QT_CNAME)
		b |= DNS_T_CNAME;
	if (qt & QT_MX)
		b |= DNS_T_MX;
	if (qt & QT_PTR)
		b |= DNS_T_PTR;
	if (qt & QT_TXT)
		b |= DNS_T_TXT;
	return b;
}

/* Build the resolver from the dns-* options (6.1) on first use. */
static int
dns_ready(struct session *s)
{
	const struct options *opt = s->opt;
	struct dns_config cfg;
	char err[512];
	size_t i;

	if (s->dns != NULL)
		return 0;
	if (opt->dns_level == DL_NONE)
		return -1;
	dns_config_init(&cfg);
	cfg.level = (enum dns_level)opt->dns_level;
	cfg.max_retries_primary = (int)opt->dns_max_retries_primary;
	cfg.max_retries_total = (int)opt->dns_max_retries_total;
	cfg.timeout_secs = opt->dns_timeout_secs;
	cfg.spoof = (enum dns_spoof)opt->dns_spoof;
	cfg.tcp = opt->dns_tcp == DT_NORMAL;
	for (i = 0; i < opt->dns_server_ip_primary.n; i++)
		if (dns_config_add_server(&cfg, opt->dns_server_ip_primary.v[i],
		    true, err, sizeof(err)) == -1)
			log_error("%s", err);
	for (i = 0; i < opt->dns_server_ip.n; i++)
		if (dns_config_add_server(&cfg, opt->dns_server_ip.v[i], false,
		    err, sizeof(err)) == -1)
			log_error("%s", err);
	if (dns_config_load(&cfg, (const char *const *)opt->dns_resolv_conf.v,
	    opt->dns_resolv_conf.n, getenv("RES_OPTIONS"), err,
	    sizeof(err)) == -1)
		log_error("%s", err);
	if ((s->dns = dns_new(s->loop, &cfg)) == NULL) {
		log_error("out of memory - unable to allocate %zu bytes",
		    sizeof(cfg));
		return -1;
	}
	return 0;
}

static void
lookup_done(const struct dns_result *res, void *ctx)
{
	struct pending *p = ctx;
	struct session *s = p->s;

	s->dns_pending--;
	unlink_pending(p);
	p->cb(s, res, p + 1);
	free(p);
}

int
session_lookup(struct session *s, const char *name, unsigned types,
    unsigned prefer, session_dns_cb *cb, const void *arg, size_t arglen)
{
	struct pending *p;

	if (dns_ready(s) == -1)
		return -1;
	if ((p = malloc(sizeof(*p) + arglen)) == NULL)
		return -1;
	p->s = s;
	p->cb = cb;
	p->arglen = arglen;
	if (arglen > 0)
		memcpy(p + 1, arg, arglen);
	if (dns_lookup(s->dns, name, types, prefer, lookup_done, p) == NULL) {
		free(p);
		return -1;
	}
	p->prev = NULL;
	p->next = s->dnsq;
	if (p->next != NULL)
		p->next->prev = p;
	s->dnsq = p;
	s->dns_pending++;
	return 0;
}

/*
 * Wait for the filters' lookups.  The relay is paused meanwhile: its
 * callbacks see dns_waiting and do nothing, so a command is never
 * processed inside another one.
 */
void
session_dns_wait(struct session *s)
{
	s->dns_waiting = true;
	while (s->dns_pending > 0)
		if (loop_once(s->loop, -1) == -1 && errno != EINTR)
			break;
	s->dns_waiting = false;
}

void
session_dns_free(struct session *s)
{
	struct pending *p;

	if (s->dns != NULL)
		dns_free(s->dns);	/* cancels without callbacks */
	s->dns = NULL;
	while ((p = s->dnsq) != NULL) {
		s->dnsq = p->next;
		free(p);
	}
	s->dns_pending = 0;
}

/*
 * Improvement (6.3): a PTR name with bytes other than letters, digits,
 * '-', '_' and '.' is no rDNS at all.
 */
static bool
sane_name(const char *n)
{
	for (; *n != '\0'; n++)
		if (!((*n >= 'a' && *n <= 'z') || (*n >= '0' && *n <= '9') ||
		    *n == '-' || *n == '_' || *n == '.'))
			return false;
	return true;
}

static void
ptr_done(struct session *s, const struct dns_result *res, void *arg)
{
	const struct dns_rr *rr = dns_result_first(res, DNS_T_PTR);
	char name[SESSION_RDNS_MAX], esc[SESSION_RDNS_MAX];
	size_t n;

	(void)arg;
	if (res->status == DNS_FOUND && rr != NULL) {
		str_lcpy(name, rr->data, sizeof(name));
		n = strlen(name);
		while (n > 0 && name[n - 1] == '.')
			name[--n] = '\0';
		str_lower(name, n);
		if (n > 0 && sane_name(name))
			str_lcpy(s->rdns, name, sizeof(s->rdns));
		else if (n > 0)
			log_verror("ignoring invalid rDNS name for %s: %s",
			    s->ip, str_escape(esc, sizeof(esc), name, n));
	}
	if (s->tr != NULL)
		transcript_event(s->tr, "Remote rDNS = %s",
		    s->rdns[0] != '\0' ? s->rdns : "(unknown)");
	if (s->rdns[0] != '\0')
		chain_start(s, PH_RDNS);
}

/* Start the rDNS lookup (1.2 step 3) when the address is known. */
static void
start_ptr(struct session *s)
{
	struct ip_addr ip;
	char name[128];

	if (strcmp(s->ip, "0.0.0.0") == 0 || ip_parse(s->ip, &ip) == -1 ||
	    ip_reverse_name(&ip, name, sizeof(name)) == -1 ||
	    session_lookup(s, name, qt_bits(s->opt->dns_query_type_ptr),
	    DNS_T_PTR, ptr_done, NULL, 0) == -1) {
		if (s->tr != NULL)
			transcript_event(s->tr, "Remote rDNS = (unknown)");
	}
}

static void
host_done(struct session *s, const struct dns_result *res, void *arg)
{
	const struct dns_rr *rr = dns_result_first(res, DNS_T_A);

	(void)arg;
	if (res->status == DNS_FOUND && rr != NULL) {
		str_lcpy(s->ip, rr->data, sizeof(s->ip));
		s->ip_rewritten = true;
	}
}

/* 1.3: remote "IP" given as a host name: look it up (A). */
static void
resolve_remote_name(struct session *s)
{
	if (s->remote_name[0] == '\0')
		return;
	log_verror("remote IP address missing, found text: \"%s\", "
	    "searching DNS for IP address", s->remote_name);
	if (session_lookup(s, s->remote_name, DNS_T_A | DNS_T_CNAME, DNS_T_A,
	    host_done, NULL, 0) == 0)
		session_dns_wait(s);
}

/*
 * 5.5: wait up to greeting-delay-secs (from the start of the connection)
 * for the client to talk; its data is not consumed.
 */
static void
greeting_delay(struct session *s, long secs)
{
	uint64_t deadline = s->start_ms + (uint64_t)secs * 1000, now;
	struct pollfd pfd;

	s->fs.delay_used = secs;
	for (;;) {
		now = loop_now_ms();
		pfd.fd = s->client.rfd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, now >= deadline ? 0 :
		    (int)(deadline - now)) > 0) {
			s->fs.early_talk = true;
			return;
		}
		if (loop_now_ms() >= deadline)
			return;
	}
}

void
session_connect_filters(struct session *s)
{
	resolve_remote_name(s);
	if (s->tr != NULL)
		transcript_event(s->tr, "Remote IP = %s", s->ip);
	start_ptr(s);
	if (s->opt->config_dir.n > 0) {
		/* Filters run per recipient; only the wait happens now. */
		session_dns_wait(s);
		if (s->opt->greeting_delay_secs > 0)
			greeting_delay(s, s->opt->greeting_delay_secs);
		return;
	}
	chain_start(s, PH_CONNECT);
	session_dns_wait(s);
	chain_run(s, PH_CONNECT, &s->d);
	/* Whitelisted or rejected clients are not delayed (5.5 item 2). */
	if (s->opt->greeting_delay_secs > 0 && s->d.state < D_REJECT &&
	    !s->d.locked)
		greeting_delay(s, s->opt->greeting_delay_secs);
	chain_run(s, PH_GREETING, &s->d);
}
