/*
 * test_dns_resolver.c - the resolver against real sockets (src/dns/
 * resolver.c; session.md 6.2): parallel queries, rounds and retries,
 * failing servers, TCP fallback, aliases, spoofed answers, timeouts.
 *
 * Two scripted servers (tests/harness/dnsserver.py) serve
 * tests/fixtures/dns/primary.zone ("A") and secondary.zone ("B") on
 * 127.0.0.1; a third serves primary.zone on 0.0.0.0 for the dns-spoof
 * tests.  The source tree is $SPAMDYKE_SRCDIR, else found from the current
 * directory.  Without /usr/bin/python3 and dnslib every test is skipped.
 * Timings use rounds of a few hundred milliseconds and generous margins.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dns/dns.h"
#include "io/loop.h"
#include "util/str.h"

#define PYTHON	"/usr/bin/python3"

struct server {
	pid_t		 pid;
	int		 in;		/* its stdin: closing it stops it */
	unsigned	 port;
	char		 log[64];
};

static char srcdir[PATH_MAX - 64];
static struct server srv_a, srv_b, srv_any;
static bool available;

/* ---- harness ---- */

static bool
exists_in(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;

	snprintf(p, sizeof(p), "%s/tests/harness/dnsserver.py", dir);
	return stat(p, &st) == 0;
}

static bool
find_srcdir(void)
{
	static const char *const tries[] = { ".", "..", "../..", "../../.." };
	const char *env = getenv("SPAMDYKE_SRCDIR");
	size_t i;

	if (env != NULL && *env != '\0' && exists_in(env)) {
		str_lcpy(srcdir, env, sizeof(srcdir));
		return true;
	}
	for (i = 0; i < nitems(tries); i++)
		if (exists_in(tries[i])) {
			str_lcpy(srcdir, tries[i], sizeof(srcdir));
			return true;
		}
	return false;
}

static void
server_stop(struct server *s)
{
	int i, status;

	if (s->pid <= 0)
		return;
	close(s->in);
	for (i = 0; i < 100; i++) {
		if (waitpid(s->pid, &status, WNOHANG) == s->pid)
			break;
		usleep(10000);
	}
	if (i == 100) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, &status, 0);
	}
	unlink(s->log);
	s->pid = 0;
}

static int
server_start(struct server *s, const char *zone, const char *address)
{
	char script[PATH_MAX], zonepath[PATH_MAX], line[64];
	int in[2], out[2], fd;
	struct pollfd pfd;
	size_t n = 0;

	memset(s, 0, sizeof(*s));
	snprintf(script, sizeof(script), "%s/tests/harness/dnsserver.py",
	    srcdir);
	snprintf(zonepath, sizeof(zonepath), "%s/tests/fixtures/dns/%s",
	    srcdir, zone);
	str_lcpy(s->log, "/tmp/test_dns_resolver.XXXXXX", sizeof(s->log));
	if ((fd = mkstemp(s->log)) == -1)
		return -1;
	close(fd);
	if (pipe(in) == -1 || pipe(out) == -1)
		return -1;
	if ((s->pid = fork()) == -1)
		return -1;
	if (s->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execl(PYTHON, PYTHON, script, "--zone", zonepath, "--port",
		    "0", "--address", address, "--query-log", s->log,
		    (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	s->in = in[1];
	/* First line "PORT <n>", within 20 s (python start-up under load). */
	pfd.fd = out[0];
	pfd.events = POLLIN;
	while (n < sizeof(line) - 1 && poll(&pfd, 1, 20000) == 1) {
		if (read(out[0], line + n, 1) != 1)
			break;
		if (line[n++] == '\n')
			break;
	}
	line[n] = '\0';
	close(out[0]);
	if (sscanf(line, "PORT %u", &s->port) != 1 || s->port == 0) {
		server_stop(s);
		return -1;
	}
	return 0;
}

static int
group_setup(void **state)
{
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	if (!find_srcdir() || access(PYTHON, X_OK) != 0) {
		fprintf(stderr, "# dnsserver.py or %s missing: skipping\n",
		    PYTHON);
		return 0;
	}
	if (server_start(&srv_a, "primary.zone", "127.0.0.1") == -1 ||
	    server_start(&srv_b, "secondary.zone", "127.0.0.1") == -1 ||
	    server_start(&srv_any, "primary.zone", "0.0.0.0") == -1) {
		fprintf(stderr, "# cannot start dnsserver.py (dnslib?): "
		    "skipping\n");
		server_stop(&srv_a);
		server_stop(&srv_b);
		return 0;
	}
	available = true;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	server_stop(&srv_a);
	server_stop(&srv_b);
	server_stop(&srv_any);
	return 0;
}

static void
clear_logs(void)
{
	if (truncate(srv_a.log, 0) == -1 || truncate(srv_b.log, 0) == -1 ||
	    truncate(srv_any.log, 0) == -1)
		fail_msg("truncate: %s", strerror(errno));
}

static int
test_setup(void **state)
{
	(void)state;
	if (available)
		clear_logs();
	return 0;
}

/* How many lines of the server's query log equal line ("udp a.test A"). */
static int
queries(const struct server *s, const char *line)
{
	char buf[256];
	FILE *fp;
	int n = 0;

	/* The server logs before answering; a short pause covers drops. */
	usleep(20000);
	if ((fp = fopen(s->log, "r")) == NULL)
		return -1;
	while (fgets(buf, sizeof(buf), fp) != NULL) {
		buf[strcspn(buf, "\n")] = '\0';
		if (strcmp(buf, line) == 0)
			n++;
	}
	fclose(fp);
	return n;
}

/* Lines in the query log. */
static int
all_queries(const struct server *s)
{
	char buf[256];
	FILE *fp;
	int n = 0;

	usleep(20000);
	if ((fp = fopen(s->log, "r")) == NULL)
		return -1;
	while (fgets(buf, sizeof(buf), fp) != NULL)
		n++;
	fclose(fp);
	return n;
}

static void
add_server(struct dns_config *cfg, const struct server *s, bool primary)
{
	char spec[64], err[256];

	snprintf(spec, sizeof(spec), "127.0.0.1:%u", s->port);
	assert_int_equal(dns_config_add_server(cfg, spec, primary, err,
	    sizeof(err)), 0);
}

/* One server (primary) and, optionally, one secondary. */
static void
config(struct dns_config *cfg, const struct server *p,
    const struct server *s, int rounds, uint64_t total_ms)
{
	if (!available)
		skip();
	dns_config_init(cfg);
	if (p != NULL)
		add_server(cfg, p, true);
	if (s != NULL)
		add_server(cfg, s, false);
	cfg->max_retries_total = rounds;
	dns_config_finish(cfg, NULL);
	cfg->timeout_ms = total_ms;
}

/* What a callback saw. */
struct got {
	int		 calls;
	int		 status;
	unsigned	 found;
	uint64_t	 at;
	char		 text[2048];	/* "A 192.0.2.1;TXT abc;" */
	struct dns_resolver *res;	/* for callbacks that act */
};

static void
got_cb(const struct dns_result *r, void *ctx)
{
	struct got *g = ctx;
	size_t i;

	g->calls++;
	g->status = r->status;
	g->found = r->found;
	g->at = loop_now_ms();
	g->text[0] = '\0';
	for (i = 0; i < r->nrr; i++) {
		char one[512];
		const struct dns_rr *rr = r->rr[i];

		if (rr->type == DNS_T_MX)
			snprintf(one, sizeof(one), "MX %u %s;", rr->pref,
			    rr->data);
		else
			snprintf(one, sizeof(one), "%s %.*s;",
			    dns_type_name(rr->type), (int)rr->len, rr->data);
		str_lcat(g->text, one, sizeof(g->text));
	}
}

/* Run the loop until every got[] was called or max_ms passed. */
static void
run_until(struct loop *l, struct got *g, size_t n, uint64_t max_ms)
{
	uint64_t end = loop_now_ms() + max_ms;
	size_t i;

	for (;;) {
		for (i = 0; i < n; i++)
			if (g[i].calls == 0)
				break;
		if (i == n || loop_now_ms() >= end)
			return;
		loop_once(l, 20);
	}
}

struct fixture {
	struct loop		*loop;
	struct dns_resolver	*res;
	uint64_t		 start;
};

static void
open_fixture(struct fixture *f, const struct dns_config *cfg)
{
	if (!available)
		skip();
	f->loop = loop_new();
	assert_non_null(f->loop);
	f->res = dns_new(f->loop, cfg);
	assert_non_null(f->res);
	f->start = loop_now_ms();
}

static void
close_fixture(struct fixture *f)
{
	dns_free(f->res);
	loop_free(f->loop);
}

/* One lookup, run to its end; returns the elapsed milliseconds. */
static uint64_t
lookup1(struct fixture *f, const char *name, unsigned types, unsigned prefer,
    struct got *g, uint64_t max_ms)
{
	memset(g, 0, sizeof(*g));
	f->start = loop_now_ms();
	assert_non_null(dns_lookup(f->res, name, types, prefer, got_cb, g));
	assert_int_equal(g->calls, 0);	/* never from dns_lookup() */
	run_until(f->loop, g, 1, max_ms);
	assert_int_equal(g->calls, 1);
	return g->at - f->start;
}

static void
expect(const struct got *g, int status, const char *text)
{
	if (g->status != status || strcmp(g->text, text) != 0)
		fail_msg("got status %d [%s], want %d [%s]", g->status,
		    g->text, status, text);
}

/* ---- answers ---- */

static void
test_found(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;

	(void)state;
	config(&cfg, &srv_a, NULL, 3, 3000);
	open_fixture(&f, &cfg);
	lookup1(&f, "a.test", DNS_T_A, 0, &g, 2000);
	expect(&g, DNS_FOUND, "A 192.0.2.1;A 192.0.2.2;");
	assert_int_equal(g.found, DNS_T_A);
	assert_int_equal(queries(&srv_a, "udp a.test A"), 1);
	/* Case and a final dot do not matter. */
	lookup1(&f, "A.Test.", DNS_T_MX, 0, &g, 2000);
	expect(&g, DNS_FOUND, "MX 10 mx.a.test;");
	lookup1(&f, "1.2.0.192.in-addr.arpa", DNS_T_PTR | DNS_T_CNAME, 0, &g,
	    2000);
	expect(&g, DNS_FOUND, "PTR mail.example.test;");
	lookup1(&f, "txt.test", DNS_T_TXT, 0, &g, 2000);
	expect(&g, DNS_FOUND, "TXT v=spf1 -all;");
	lookup1(&f, "x.many.test", DNS_T_A, 0, &g, 2000);
	expect(&g, DNS_FOUND, "A 192.0.2.77;");
	assert_int_equal(dns_pending(f.res), 0);
	close_fixture(&f);
}

static void
test_negative_immediate(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	/* Rounds of 2 s: a negative answer must not wait for them. */
	config(&cfg, &srv_a, NULL, 3, 6000);
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "nope.test", DNS_T_A | DNS_T_TXT | DNS_T_CNAME, 0,
	    &g, 5000);
	expect(&g, DNS_NOTFOUND, "");
	assert_true(ms < 1000);
	assert_int_equal(queries(&srv_a, "udp nope.test A"), 1);
	assert_int_equal(queries(&srv_a, "udp nope.test TXT"), 1);
	/* CNAME with other types is no query of its own. */
	assert_int_equal(queries(&srv_a, "udp nope.test CNAME"), 0);
	/* NODATA is negative too. */
	ms = lookup1(&f, "txt.test", DNS_T_A, 0, &g, 5000);
	expect(&g, DNS_NOTFOUND, "");
	assert_true(ms < 1000);
	close_fixture(&f);
}

static void
test_parallel(void **state)
{
	static const char *const names[] = { "slow1.test", "slow2.test",
	    "slow3.test", "slow4.test" };
	struct dns_config cfg;
	struct fixture f;
	struct got g[4], one;
	uint64_t ms;
	size_t i;

	(void)state;
	config(&cfg, &srv_a, NULL, 1, 5000);
	open_fixture(&f, &cfg);
	memset(g, 0, sizeof(g));
	for (i = 0; i < nitems(names); i++)
		assert_non_null(dns_lookup(f.res, names[i], DNS_T_A, 0, got_cb,
		    &g[i]));
	assert_int_equal(dns_pending(f.res), 4);
	run_until(f.loop, g, 4, 4000);
	for (i = 0; i < nitems(names); i++) {
		assert_int_equal(g[i].calls, 1);
		assert_int_equal(g[i].status, DNS_FOUND);
		/* Each took 400 ms; together they take one, not four. */
		ms = g[i].at - f.start;
		if (ms < 350 || ms > 1100)
			fail_msg("%s answered after %llu ms", names[i],
			    (unsigned long long)ms);
	}
	/* Two types of one lookup leave together as well. */
	ms = lookup1(&f, "slowpair.test", DNS_T_A | DNS_T_TXT, DNS_T_TXT, &one,
	    4000);
	expect(&one, DNS_FOUND, "A 192.0.2.105;TXT slow pair;");
	assert_true(ms >= 350 && ms < 750);
	close_fixture(&f);
}

static void
test_many_in_flight(void **state)
{
	static struct got g[DNS_MAX_LOOKUPS];
	struct dns_config cfg;
	struct fixture f;
	char name[64];
	size_t i;

	(void)state;
	config(&cfg, &srv_a, NULL, 2, 6000);
	open_fixture(&f, &cfg);
	memset(g, 0, sizeof(g));
	for (i = 0; i < DNS_MAX_LOOKUPS; i++) {
		snprintf(name, sizeof(name), "h%zu.many.test", i);
		assert_non_null(dns_lookup(f.res, name, DNS_T_A, 0, got_cb,
		    &g[i]));
	}
	/* The cap holds. */
	errno = 0;
	assert_null(dns_lookup(f.res, "one-too-many.test", DNS_T_A, 0, got_cb,
	    &g[0]));
	assert_int_equal(errno, EAGAIN);
	run_until(f.loop, g, DNS_MAX_LOOKUPS, 5000);
	for (i = 0; i < DNS_MAX_LOOKUPS; i++) {
		assert_int_equal(g[i].calls, 1);
		expect(&g[i], DNS_FOUND, "A 192.0.2.77;");
	}
	assert_int_equal(dns_pending(f.res), 0);
	close_fixture(&f);
}

/* ---- rounds, retries, failing servers ---- */

static void
test_retry_after_drop(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	/* Three rounds of 300 ms; the first query is lost. */
	config(&cfg, &srv_a, NULL, 3, 900);
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "dropfirst.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.31;");
	assert_true(ms >= 250 && ms < 700);
	assert_int_equal(queries(&srv_a, "udp dropfirst.test A"), 2);
	close_fixture(&f);
}

static void
test_timeout_no_result(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	config(&cfg, &srv_a, NULL, 3, 900);
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "drop.test", DNS_T_A | DNS_T_TXT, 0, &g, 3000);
	expect(&g, DNS_NORESULT, "");
	assert_true(ms >= 850 && ms < 1400);
	/* One query per type and round. */
	assert_int_equal(queries(&srv_a, "udp drop.test A"), 3);
	assert_int_equal(queries(&srv_a, "udp drop.test TXT"), 3);
	/* A found type does not wait for a lost one (prefer 0). */
	ms = lookup1(&f, "droptxt.test", DNS_T_A | DNS_T_TXT, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 127.0.0.2;");
	assert_true(ms < 250);
	close_fixture(&f);
}

static void
test_secondary_after_primary_rounds(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	/* A drops rotate.test; B is asked from round 2 on. */
	config(&cfg, &srv_a, &srv_b, 3, 1200);
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "rotate.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.52;");
	assert_true(ms >= 350 && ms < 800);
	assert_int_equal(queries(&srv_a, "udp rotate.test A"), 2);
	assert_int_equal(queries(&srv_b, "udp rotate.test A"), 1);
	/* dns-max-retries-primary 0: everyone from the start. */
	cfg.max_retries_primary = 0;
	dns_free(f.res);
	f.res = dns_new(f.loop, &cfg);
	clear_logs();
	ms = lookup1(&f, "rotate.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.52;");
	assert_true(ms < 300);
	close_fixture(&f);
}

static void
test_servfail_other_server(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	/*
	 * A says SERVFAIL: not negative (Improvement), and since the only
	 * server of the round failed, round 2 (with B) starts at once.
	 */
	config(&cfg, &srv_a, &srv_b, 3, 6000);
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "split.test", DNS_T_A, 0, &g, 5000);
	expect(&g, DNS_FOUND, "A 192.0.2.50;");
	assert_true(ms < 1000);
	assert_int_equal(queries(&srv_b, "udp split.test A"), 1);
	ms = lookup1(&f, "refused.test", DNS_T_A, 0, &g, 5000);
	expect(&g, DNS_FOUND, "A 192.0.2.51;");
	assert_true(ms < 1000);
	/* Everyone fails: no result (never "not found"), and quickly. */
	ms = lookup1(&f, "servfail-all.test", DNS_T_A, 0, &g, 5000);
	expect(&g, DNS_NORESULT, "");
	assert_true(ms < 1000);
	assert_int_equal(queries(&srv_a, "udp servfail-all.test A"), 3);
	assert_int_equal(queries(&srv_b, "udp servfail-all.test A"), 2);
	close_fixture(&f);

	/* Nonsense answers count as failures the same way. */
	config(&cfg, &srv_a, NULL, 3, 6000);
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "garbage.test", DNS_T_A, 0, &g, 5000);
	expect(&g, DNS_NORESULT, "");
	assert_true(ms < 1000);
	assert_int_equal(queries(&srv_a, "udp garbage.test A"), 3);
	close_fixture(&f);

	/* Two primaries in the same round: the good one wins. */
	dns_config_init(&cfg);
	add_server(&cfg, &srv_a, true);
	add_server(&cfg, &srv_b, true);
	dns_config_finish(&cfg, NULL);
	cfg.timeout_ms = 6000;
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "split.test", DNS_T_A, 0, &g, 5000);
	expect(&g, DNS_FOUND, "A 192.0.2.50;");
	assert_true(ms < 1000);
	close_fixture(&f);
}

static void
test_level_normal(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	if (!available)
		skip();
	/* dns-level normal: one server per round, A then B. */
	dns_config_init(&cfg);
	add_server(&cfg, &srv_a, true);
	add_server(&cfg, &srv_b, true);
	cfg.level = DNS_LEVEL_NORMAL;
	cfg.max_retries_primary = 3;
	dns_config_finish(&cfg, NULL);
	cfg.timeout_ms = 1200;
	open_fixture(&f, &cfg);
	ms = lookup1(&f, "rotate.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.52;");
	assert_true(ms >= 350 && ms < 800);
	assert_int_equal(queries(&srv_a, "udp rotate.test A"), 1);
	assert_int_equal(queries(&srv_b, "udp rotate.test A"), 1);
	close_fixture(&f);

	/* Aggressive asks both at once. */
	cfg.level = DNS_LEVEL_AGGRESSIVE;
	open_fixture(&f, &cfg);
	clear_logs();
	ms = lookup1(&f, "rotate.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.52;");
	assert_true(ms < 300);
	close_fixture(&f);

	/* dns-level none: no query, no result, from the loop. */
	cfg.level = DNS_LEVEL_NONE;
	open_fixture(&f, &cfg);
	clear_logs();
	ms = lookup1(&f, "a.test", DNS_T_A, 0, &g, 1000);
	expect(&g, DNS_NORESULT, "");
	assert_true(ms < 100);
	assert_int_equal(all_queries(&srv_a), 0);
	close_fixture(&f);
}

/* ---- preferred types (6.2 item 8, 6.4 Improvement) ---- */

static void
test_prefer(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	config(&cfg, &srv_a, NULL, 2, 1600);
	open_fixture(&f, &cfg);
	/* TXT preferred: the A alone does not end it, the slow TXT does. */
	ms = lookup1(&f, "slowtxt.test", DNS_T_A | DNS_T_TXT | DNS_T_CNAME,
	    DNS_T_TXT, &g, 3000);
	expect(&g, DNS_FOUND, "A 127.0.0.2;TXT slow text;");
	assert_int_equal(g.found, DNS_T_A | DNS_T_TXT);
	assert_true(ms >= 350 && ms < 750);
	/* Without a preference the first answer wins. */
	ms = lookup1(&f, "slowtxt.test", DNS_T_A | DNS_T_TXT, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 127.0.0.2;");
	assert_true(ms < 300);
	/* Preferred TXT lost: the A is given at the end of the round. */
	ms = lookup1(&f, "droptxt.test", DNS_T_A | DNS_T_TXT, DNS_T_TXT, &g,
	    3000);
	expect(&g, DNS_FOUND, "A 127.0.0.2;");
	assert_true(ms >= 750 && ms < 1200);
	/* Both at once: TXT strings are joined, first length kept. */
	ms = lookup1(&f, "both.test", DNS_T_A | DNS_T_TXT, DNS_T_TXT, &g,
	    3000);
	assert_int_equal(g.status, DNS_FOUND);
	assert_non_null(strstr(g.text, "TXT Listed: see http://rbl.test/"
	    "second part;"));
	assert_true(ms < 300);
	/* MX preferred but negative: the A is given at once (Improvement). */
	ms = lookup1(&f, "nomx.test", DNS_T_MX | DNS_T_A | DNS_T_CNAME,
	    DNS_T_MX, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.40;");
	assert_true(ms < 300);
	close_fixture(&f);
}

/* ---- TCP ---- */

static void
test_truncated_tcp(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;

	(void)state;
	config(&cfg, &srv_a, NULL, 3, 3000);
	open_fixture(&f, &cfg);
	lookup1(&f, "big.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.10;");
	assert_int_equal(queries(&srv_a, "udp big.test A"), 1);
	assert_int_equal(queries(&srv_a, "tcp big.test A"), 1);
	/* An answer over 512 bytes, truncated by the server itself. */
	lookup1(&f, "bigtxt.test", DNS_T_TXT, 0, &g, 3000);
	assert_int_equal(g.status, DNS_FOUND);
	assert_int_equal(strlen(g.text), 3 * (4 + 200 + 1));
	assert_int_equal(queries(&srv_a, "tcp bigtxt.test TXT"), 1);
	close_fixture(&f);

	/* dns-tcp none: the truncated answer is used as it is (empty). */
	cfg.tcp = false;
	open_fixture(&f, &cfg);
	clear_logs();
	lookup1(&f, "big.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_NOTFOUND, "");
	assert_int_equal(queries(&srv_a, "tcp big.test A"), 0);
	close_fixture(&f);
}

/* ---- aliases ---- */

static void
test_cname(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	uint64_t ms;

	(void)state;
	config(&cfg, &srv_a, NULL, 3, 3000);
	open_fixture(&f, &cfg);
	/* Resolved by the server inside one answer. */
	lookup1(&f, "alias.test", DNS_T_A | DNS_T_CNAME, 0, &g, 3000);
	expect(&g, DNS_FOUND, "CNAME a.test;A 192.0.2.1;A 192.0.2.2;");
	assert_int_equal(g.found, DNS_T_A | DNS_T_CNAME);
	/* Without the CNAME bit the records still count, unreported. */
	lookup1(&f, "alias.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.1;A 192.0.2.2;");
	/* Left to us: hop1 -> hop2 -> Hop3 (case folded). */
	lookup1(&f, "hop1.test", DNS_T_A | DNS_T_CNAME, 0, &g, 3000);
	expect(&g, DNS_FOUND, "CNAME hop2.test;CNAME hop3.test;"
	    "A 192.0.2.3;");
	assert_int_equal(queries(&srv_a, "udp hop2.test A"), 1);
	assert_int_equal(queries(&srv_a, "udp hop3.test A"), 1);
	/* No CNAME bit: not followed. */
	clear_logs();
	lookup1(&f, "hop1.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_NOTFOUND, "");
	assert_int_equal(queries(&srv_a, "udp hop2.test A"), 0);
	/* CNAME alone: one CNAME query, its record is the result. */
	lookup1(&f, "hop1.test", DNS_T_CNAME, 0, &g, 3000);
	expect(&g, DNS_FOUND, "CNAME hop2.test;");
	assert_int_equal(queries(&srv_a, "udp hop1.test CNAME"), 1);
	/* A loop ends at once, negative. */
	clear_logs();
	ms = lookup1(&f, "loop1.test", DNS_T_A | DNS_T_CNAME, 0, &g, 3000);
	assert_int_equal(g.status, DNS_NOTFOUND);
	assert_true(ms < 500);
	assert_int_equal(queries(&srv_a, "udp loop1.test A"), 1);
	assert_int_equal(queries(&srv_a, "udp loop2.test A"), 1);
	/* A chain of 20: stopped after DNS_MAX_CHAIN follow-ups. */
	clear_logs();
	ms = lookup1(&f, "chain0.test", DNS_T_A | DNS_T_CNAME, 0, &g, 3000);
	assert_int_equal(g.status, DNS_NOTFOUND);
	assert_true(ms < 1000);
	assert_int_equal(all_queries(&srv_a), DNS_MAX_CHAIN + 1);
	assert_int_equal(queries(&srv_a, "udp chain20.test A"), 0);
	/* Ten hops are fine. */
	lookup1(&f, "chain10.test", DNS_T_A | DNS_T_CNAME, 0, &g, 3000);
	assert_int_equal(g.status, DNS_FOUND);
	assert_non_null(strstr(g.text, "A 192.0.2.20;"));
	close_fixture(&f);
}

/* ---- forged answers ---- */

static void
test_spoofed(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;

	(void)state;
	config(&cfg, &srv_a, NULL, 3, 3000);
	open_fixture(&f, &cfg);
	/* The wrong-id answer comes first and is ignored. */
	lookup1(&f, "spoof.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.11;");
	/* So is a right id with another question. */
	lookup1(&f, "spoofq.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.12;");
	close_fixture(&f);
}

static void
test_spoof_policy(void **state)
{
	static const struct {
		enum dns_spoof	 mode;
		int		 status;
	} modes[] = {
		{ DNS_SPOOF_ACCEPT_ALL, DNS_FOUND },
		{ DNS_SPOOF_ACCEPT_SAME_PORT, DNS_FOUND },
		{ DNS_SPOOF_ACCEPT_SAME_IP, DNS_NORESULT },
		{ DNS_SPOOF_REJECT, DNS_NORESULT },
	};
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	char spec[64], err[256];
	size_t i;

	(void)state;
	if (!available)
		skip();
	/*
	 * Ask 127.0.0.2; the server listens on 0.0.0.0 and answers from
	 * 127.0.0.1: right port, other address.
	 */
	for (i = 0; i < nitems(modes); i++) {
		dns_config_init(&cfg);
		snprintf(spec, sizeof(spec), "127.0.0.2:%u", srv_any.port);
		assert_int_equal(dns_config_add_server(&cfg, spec, true, err,
		    sizeof(err)), 0);
		cfg.max_retries_total = 1;
		cfg.spoof = modes[i].mode;
		dns_config_finish(&cfg, NULL);
		cfg.timeout_ms = 400;
		open_fixture(&f, &cfg);
		lookup1(&f, "a.test", DNS_T_A, 0, &g, 2000);
		if (g.status != modes[i].status)
			fail_msg("spoof mode %d: got %d, want %d",
			    (int)modes[i].mode, g.status, modes[i].status);
		close_fixture(&f);
	}
}

/* ---- interface ---- */

static void
test_bad_names(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	char name[300];
	uint64_t ms;

	(void)state;
	config(&cfg, &srv_a, NULL, 3, 3000);
	open_fixture(&f, &cfg);
	memset(name, 'a', 64);
	str_lcpy(name + 64, ".test", sizeof(name) - 64);
	ms = lookup1(&f, name, DNS_T_A, 0, &g, 1000);
	expect(&g, DNS_NOTFOUND, "");
	assert_true(ms < 100);
	lookup1(&f, "a..test", DNS_T_A, 0, &g, 1000);
	expect(&g, DNS_NOTFOUND, "");
	lookup1(&f, "", DNS_T_A, 0, &g, 1000);
	expect(&g, DNS_NOTFOUND, "");
	lookup1(&f, "evil\\.name.test", DNS_T_A, 0, &g, 1000);
	expect(&g, DNS_NOTFOUND, "");
	assert_int_equal(all_queries(&srv_a), 0);
	/* Types: none, unknown bits. */
	errno = 0;
	assert_null(dns_lookup(f.res, "a.test", 0, 0, got_cb, &g));
	assert_int_equal(errno, EINVAL);
	assert_null(dns_lookup(f.res, "a.test", 0x8000, 0, got_cb, &g));
	close_fixture(&f);
}

static void
test_cancel(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g[2];
	struct dns_lookup *lk;

	(void)state;
	config(&cfg, &srv_a, NULL, 1, 2000);
	open_fixture(&f, &cfg);
	memset(g, 0, sizeof(g));
	lk = dns_lookup(f.res, "slow.test", DNS_T_A, 0, got_cb, &g[0]);
	assert_non_null(lk);
	assert_non_null(dns_lookup(f.res, "slow1.test", DNS_T_A, 0, got_cb,
	    &g[1]));
	dns_cancel(lk);
	assert_int_equal(dns_pending(f.res), 1);
	run_until(f.loop, &g[1], 1, 3000);
	assert_int_equal(g[1].status, DNS_FOUND);
	/* Wait past the cancelled answer's arrival too. */
	run_until(f.loop, &g[0], 1, 300);
	assert_int_equal(g[0].calls, 0);
	/* An immediate result can be cancelled as well. */
	lk = dns_lookup(f.res, "a..b", DNS_T_A, 0, got_cb, &g[0]);
	assert_non_null(lk);
	dns_cancel(lk);
	run_until(f.loop, &g[0], 1, 100);
	assert_int_equal(g[0].calls, 0);
	/* Freeing with lookups in flight: no callback. */
	assert_non_null(dns_lookup(f.res, "slow.test", DNS_T_A, 0, got_cb,
	    &g[0]));
	close_fixture(&f);
	assert_int_equal(g[0].calls, 0);
}

/* A callback that starts the next lookup, then frees the resolver. */
static void
chain_cb(const struct dns_result *r, void *ctx)
{
	struct got *g = ctx;

	got_cb(r, ctx);
	if (r->status == DNS_FOUND && r->rr[0]->type == DNS_T_MX)
		assert_non_null(dns_lookup(g->res, r->rr[0]->data, DNS_T_A, 0,
		    chain_cb, g + 1));
	else {
		dns_free(g->res);
		g->res = NULL;
		(g - 1)->res = NULL;
	}
}

static void
test_callback_reentry(void **state)
{
	struct dns_config cfg;
	struct fixture f;
	struct got g[2];

	(void)state;
	config(&cfg, &srv_a, NULL, 2, 2000);
	open_fixture(&f, &cfg);
	memset(g, 0, sizeof(g));
	g[0].res = g[1].res = f.res;
	assert_non_null(dns_lookup(f.res, "a.test", DNS_T_MX, 0, chain_cb,
	    &g[0]));
	run_until(f.loop, g, 2, 3000);
	expect(&g[0], DNS_FOUND, "MX 10 mx.a.test;");
	expect(&g[1], DNS_FOUND, "A 192.0.2.25;");
	assert_null(g[1].res);		/* freed from inside the callback */
	loop_free(f.loop);
}

static void
test_sync(void **state)
{
	struct dns_config cfg;
	struct dns_result *r;
	const struct dns_rr *rr;

	(void)state;
	if (!available)
		skip();
	config(&cfg, &srv_a, NULL, 2, 2000);
	assert_int_equal(dns_lookup_sync(&cfg, "a.test", DNS_T_A | DNS_T_MX,
	    DNS_T_MX, &r), DNS_FOUND);
	assert_non_null(r);
	assert_string_equal(r->name, "a.test");
	assert_int_equal(r->found, DNS_T_A | DNS_T_MX);
	rr = dns_result_first(r, DNS_T_MX);
	assert_non_null(rr);
	assert_string_equal(rr->data, "mx.a.test");
	assert_int_equal(rr->pref, 10);
	rr = dns_result_first(r, DNS_T_A);
	assert_non_null(rr);
	assert_int_equal(rr->addr[0], 192);
	assert_null(dns_result_first(r, DNS_T_TXT));
	dns_result_free(r);
	assert_int_equal(dns_lookup_sync(&cfg, "nope.test", DNS_T_A, 0, NULL),
	    DNS_NOTFOUND);
	assert_int_equal(dns_lookup_sync(&cfg, "drop.test", DNS_T_A, 0, &r),
	    DNS_NORESULT);
	assert_int_equal(r->nrr, 0);
	dns_result_free(r);
}

static void
test_ipv6_server(void **state)
{
	struct server s6;
	struct dns_config cfg;
	struct fixture f;
	struct got g;
	char spec[64], err[256];

	(void)state;
	if (!available)
		skip();
	if (server_start(&s6, "primary.zone", "::1") == -1) {
		fprintf(stderr, "# no IPv6 loopback: skipping\n");
		skip();
	}
	dns_config_init(&cfg);
	snprintf(spec, sizeof(spec), "[::1]:%u", s6.port);
	assert_int_equal(dns_config_add_server(&cfg, spec, true, err,
	    sizeof(err)), 0);
	/* And an IPv4 secondary, on its own socket, from round 2 on. */
	add_server(&cfg, &srv_b, false);
	dns_config_finish(&cfg, NULL);
	cfg.timeout_ms = 1200;
	open_fixture(&f, &cfg);
	lookup1(&f, "hop3.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.3;");
	lookup1(&f, "big.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.10;");	/* TCP over IPv6 */
	assert_int_equal(queries(&s6, "tcp big.test A"), 1);
	lookup1(&f, "rotate.test", DNS_T_A, 0, &g, 3000);
	expect(&g, DNS_FOUND, "A 192.0.2.52;");	/* from B over IPv4 */
	assert_int_equal(queries(&s6, "udp rotate.test A"), 2);
	close_fixture(&f);
	server_stop(&s6);
}

#define T(fn)	cmocka_unit_test_setup(fn, test_setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_found),
		T(test_negative_immediate),
		T(test_parallel),
		T(test_many_in_flight),
		T(test_retry_after_drop),
		T(test_timeout_no_result),
		T(test_secondary_after_primary_rounds),
		T(test_servfail_other_server),
		T(test_level_normal),
		T(test_prefer),
		T(test_truncated_tcp),
		T(test_cname),
		T(test_spoofed),
		T(test_spoof_policy),
		T(test_bad_names),
		T(test_cancel),
		T(test_callback_reentry),
		T(test_sync),
		T(test_ipv6_server),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
