/*
 * test_dns_conf.c - name server specifications, resolver files and the
 * timeout precedence (src/dns/conf.c; session.md 6.1, 6.2 item 4).
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dns/dns.h"
#include "util/str.h"

/* "ip port" of a server, for comparisons. */
static const char *
srv_text(const struct dns_server *s, char *buf, size_t len)
{
	char a[64] = "?";
	unsigned port = 0;

	if (s->addr.ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)&s->addr;

		inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a));
		port = ntohs(sin->sin_port);
	} else if (s->addr.ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)&s->addr;

		inet_ntop(AF_INET6, &sin6->sin6_addr, a, sizeof(a));
		port = ntohs(sin6->sin6_port);
	}
	snprintf(buf, len, "%s %u", a, port);
	return buf;
}

static const struct {
	const char	*label;
	const char	*in;
	const char	*want;		/* "addr port", NULL: refused */
} server_cases[] = {
	{ "ipv4", "192.0.2.53", "192.0.2.53 53" },
	{ "ipv4 port", "192.0.2.53:5353", "192.0.2.53 5353" },
	{ "ipv4 port 1", "10.0.0.1:1", "10.0.0.1 1" },
	{ "ipv4 port 65535", "10.0.0.1:65535", "10.0.0.1 65535" },
	{ "ipv4 leading zeros", "010.000.000.001", "10.0.0.1 53" },
	{ "ipv6 bare", "2001:db8::53", "2001:db8::53 53" },
	{ "ipv6 loopback", "::1", "::1 53" },
	{ "ipv6 brackets", "[2001:db8::53]", "2001:db8::53 53" },
	{ "ipv6 brackets port", "[::1]:5300", "::1 5300" },
	{ "mapped becomes ipv4", "[::ffff:192.0.2.1]:54", "192.0.2.1 54" },
	{ "port 0", "10.0.0.1:0", NULL },
	{ "port 65536", "10.0.0.1:65536", NULL },
	{ "port empty", "10.0.0.1:", NULL },
	{ "port text", "10.0.0.1:dns", NULL },
	{ "port sign", "10.0.0.1:+53", NULL },
	{ "bad ipv4", "10.0.0.256", NULL },
	{ "hostname", "ns.example.com", NULL },
	{ "hostname port", "ns.example.com:53", NULL },
	{ "empty", "", NULL },
	{ "ipv4 in brackets", "[10.0.0.1]:53", NULL },
	{ "unclosed bracket", "[::1:53", NULL },
	{ "junk after bracket", "[::1]x", NULL },
	{ "ipv6 port without brackets", "::1:53x", NULL },
	{ "spaces", " 10.0.0.1", NULL },
};

static void
test_server_parse(void **state)
{
	struct dns_server s;
	char got[128], err[256];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(server_cases); i++) {
		err[0] = '\0';
		rc = dns_server_parse(server_cases[i].in, &s, err, sizeof(err));
		if (server_cases[i].want == NULL) {
			if (rc != -1 || err[0] == '\0') {
				print_error("%s: accepted [%s]\n",
				    server_cases[i].label, server_cases[i].in);
				bad++;
			}
			continue;
		}
		if (rc != 0 || strcmp(srv_text(&s, got, sizeof(got)),
		    server_cases[i].want) != 0) {
			print_error("%s: got %d [%s] (%s), want [%s]\n",
			    server_cases[i].label, rc, rc == 0 ? got : "", err,
			    server_cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	/* The error names the text. */
	dns_server_parse("bogus", &s, err, sizeof(err));
	assert_non_null(strstr(err, "invalid/unparsable nameserver found: "
	    "bogus"));
}

static void
test_add_server(void **state)
{
	struct dns_config cfg;
	char err[256], spec[32], got[128];
	int i;

	(void)state;
	dns_config_init(&cfg);
	assert_int_equal(cfg.level, DNS_LEVEL_AGGRESSIVE);
	assert_int_equal(cfg.max_retries_primary, 1);
	assert_int_equal(cfg.max_retries_total, 3);
	assert_int_equal(cfg.spoof, DNS_SPOOF_ACCEPT_ALL);
	assert_true(cfg.tcp);
	assert_int_equal(dns_config_add_server(&cfg, "10.0.0.1", true, err,
	    sizeof(err)), 0);
	assert_int_equal(dns_config_add_server(&cfg, "10.0.0.1:53", true, err,
	    sizeof(err)), 0);			/* duplicate: ignored */
	assert_int_equal(dns_config_add_server(&cfg, "10.0.0.1:54", true, err,
	    sizeof(err)), 0);
	assert_int_equal(cfg.nprimary, 2);
	assert_int_equal(cfg.nsecondary, 0);
	assert_int_equal(dns_config_add_server(&cfg, "x", false, err,
	    sizeof(err)), -1);
	for (i = 0; i < DNS_MAX_SERVERS; i++) {
		snprintf(spec, sizeof(spec), "10.1.0.%d", i);
		assert_int_equal(dns_config_add_server(&cfg, spec, false, err,
		    sizeof(err)), 0);
	}
	assert_int_equal(dns_config_add_server(&cfg, "10.2.0.1", false, err,
	    sizeof(err)), -1);
	assert_int_equal(cfg.nsecondary, DNS_MAX_SERVERS);
	assert_string_equal(srv_text(&cfg.secondary[3], got, sizeof(got)),
	    "10.1.0.3 53");
}

/* Write text to a temporary file; returns its path (static buffer). */
static const char *
tmpfile_with(const char *text)
{
	static char path[64];
	int fd;

	str_lcpy(path, "/tmp/test_dns_conf.XXXXXX", sizeof(path));
	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
test_resolv_conf(void **state)
{
	struct dns_config cfg;
	char err[256], got[128];
	const char *path;

	(void)state;
	dns_config_init(&cfg);
	path = tmpfile_with(
	    "# comment\n"
	    "; another\n"
	    "domain example.com\n"
	    "search example.com\n"
	    "nameserver 192.0.2.1   # trailing comment\n"
	    "nameserver 192.0.2.2\n"
	    "nameserver 192.0.2.1\n"		/* duplicate */
	    "nameserver not-an-ip\n"		/* logged, skipped */
	    "nameserver 2001:db8::2\n"		/* Improvement: IPv6 */
	    "nameserver\n"
	    "port 5300\n"			/* applies to all of the file */
	    "timeout 12\n"
	    "options ndots:2 timeout:4 attempts:2\r\n");
	assert_int_equal(dns_config_read_resolv(&cfg, path, err, sizeof(err)),
	    0);
	unlink(path);
	assert_int_equal(cfg.nprimary, 1);
	assert_int_equal(cfg.nsecondary, 2);
	assert_string_equal(srv_text(&cfg.primary[0], got, sizeof(got)),
	    "192.0.2.1 5300");
	assert_string_equal(srv_text(&cfg.secondary[0], got, sizeof(got)),
	    "192.0.2.2 5300");
	assert_string_equal(srv_text(&cfg.secondary[1], got, sizeof(got)),
	    "2001:db8::2 5300");
	assert_int_equal(cfg.resolv_total, 12);
	assert_int_equal(cfg.resolv_query, 4);

	/* A second file adds secondaries only; bad values are skipped. */
	path = tmpfile_with("nameserver 198.51.100.1\nport 0\ntimeout x\n"
	    "options timeout:-1\n");
	assert_int_equal(dns_config_read_resolv(&cfg, path, err, sizeof(err)),
	    0);
	unlink(path);
	assert_int_equal(cfg.nprimary, 1);
	assert_int_equal(cfg.nsecondary, 3);
	assert_string_equal(srv_text(&cfg.secondary[2], got, sizeof(got)),
	    "198.51.100.1 53");
	assert_int_equal(cfg.resolv_total, 12);
	assert_int_equal(cfg.resolv_query, 4);

	/* A missing file is an error naming it. */
	assert_int_equal(dns_config_read_resolv(&cfg, "/nonexistent/resolv",
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/resolv"));
}

static void
test_timeouts(void **state)
{
	struct dns_config cfg;

	(void)state;
	/* Nothing set: 30 s and the default server. */
	dns_config_init(&cfg);
	dns_config_finish(&cfg, NULL);
	assert_int_equal(cfg.timeout_ms, 30000);
	assert_int_equal(cfg.nprimary, 1);
	assert_int_equal(((struct sockaddr_in *)(void *)
	    &cfg.primary[0].addr)->sin_addr.s_addr, htonl(0x7f000001));
	assert_int_equal(((struct sockaddr_in *)(void *)
	    &cfg.primary[0].addr)->sin_port, htons(53));

	/* resolv.conf "options timeout:N" x rounds. */
	dns_config_init(&cfg);
	cfg.resolv_query = 2;
	cfg.max_retries_total = 4;
	dns_config_finish(&cfg, "");
	assert_int_equal(cfg.timeout_ms, 8000);
	/* resolv.conf "timeout N" is the total and wins over that. */
	cfg.resolv_total = 7;
	dns_config_finish(&cfg, "ndots:1");
	assert_int_equal(cfg.timeout_ms, 7000);
	/* RES_OPTIONS timeout:N x rounds wins over the file; last wins. */
	dns_config_finish(&cfg, "ndots:3 timeout:1 timeout:3 attempts:2");
	assert_int_equal(cfg.timeout_ms, 12000);
	/* A bad RES_OPTIONS value is ignored (and logged). */
	dns_config_finish(&cfg, "timeout:abc");
	assert_int_equal(cfg.timeout_ms, 7000);
	dns_config_finish(&cfg, "timeout:");
	assert_int_equal(cfg.timeout_ms, 7000);
	/* dns-timeout-secs wins over everything. */
	cfg.timeout_secs = 5;
	dns_config_finish(&cfg, "timeout:3");
	assert_int_equal(cfg.timeout_ms, 5000);
	/* Rounds are at least one. */
	dns_config_init(&cfg);
	cfg.max_retries_total = 0;
	cfg.resolv_query = 2;
	dns_config_finish(&cfg, NULL);
	assert_int_equal(cfg.max_retries_total, 1);
	assert_int_equal(cfg.timeout_ms, 2000);
}

static void
test_load(void **state)
{
	struct dns_config cfg;
	char err[256], got[128];
	const char *paths[1];

	(void)state;
	paths[0] = tmpfile_with("nameserver 192.0.2.99\noptions timeout:1\n");
	/* Explicit servers: the file is not read at all (6.1 item 1). */
	dns_config_init(&cfg);
	assert_int_equal(dns_config_add_server(&cfg, "192.0.2.7", false, err,
	    sizeof(err)), 0);
	assert_int_equal(dns_config_load(&cfg, paths, 1, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(cfg.nprimary, 0);
	assert_int_equal(cfg.nsecondary, 1);
	assert_int_equal(cfg.timeout_ms, 30000);
	/* No explicit server: read it. */
	dns_config_init(&cfg);
	assert_int_equal(dns_config_load(&cfg, paths, 1, NULL, err,
	    sizeof(err)), 0);
	assert_int_equal(cfg.nprimary, 1);
	assert_string_equal(srv_text(&cfg.primary[0], got, sizeof(got)),
	    "192.0.2.99 53");
	assert_int_equal(cfg.timeout_ms, 3000);
	unlink(paths[0]);
	dns_config_init(&cfg);
	assert_int_equal(dns_config_load(&cfg, paths, 1, NULL, err,
	    sizeof(err)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_server_parse),
		cmocka_unit_test(test_add_server),
		cmocka_unit_test(test_resolv_conf),
		cmocka_unit_test(test_timeouts),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
