/*
 * test_ip.c - address parsing and printing, reverse names and prefix
 * matching (src/util/ip.c; session.md 1.3, 6.3; files.md 3.1 Improvement).
 */
#include <sys/socket.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/ip.h"
#include "util/str.h"

/* want NULL: ip_parse must refuse the text. */
static const struct {
	const char	*label;
	const char	*in;
	const char	*want;
} parse_cases[] = {
	{ "dotted quad", "192.0.2.1", "192.0.2.1" },
	{ "zeros", "0.0.0.0", "0.0.0.0" },
	{ "all 255", "255.255.255.255", "255.255.255.255" },
	{ "leading zeros are decimal", "010.001.000.007", "10.1.0.7" },
	{ "octet 256", "1.2.3.256", NULL },
	{ "four digits", "1.2.3.0001", NULL },
	{ "three octets", "1.2.3", NULL },
	{ "five octets", "1.2.3.4.5", NULL },
	{ "trailing dot", "1.2.3.4.", NULL },
	{ "trailing space", "1.2.3.4 ", NULL },
	{ "leading space", " 1.2.3.4", NULL },
	{ "trailing text", "1.2.3.4x", NULL },
	{ "empty octet", "1..3.4", NULL },
	{ "sign", "+1.2.3.4", NULL },
	{ "hex octet", "0x1.2.3.4", NULL },
	{ "empty", "", NULL },
	{ "word", "localhost", NULL },
	{ "ipv6 loopback", "::1", "::1" },
	{ "ipv6 any", "::", "::" },
	{ "ipv6 upper case", "2001:DB8::A", "2001:db8::a" },
	{ "ipv6 leading zeros", "2001:0db8:0000:0000:0000:0000:0000:0001",
	    "2001:db8::1" },
	{ "one zero group stays", "2001:db8:0:1:1:1:1:1",
	    "2001:db8:0:1:1:1:1:1" },
	{ "longest run wins", "2001:0:0:1:0:0:0:1", "2001:0:0:1::1" },
	{ "first of equal runs", "2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
	{ "run at the end", "fe80:1:2:3:4:5:0:0", "fe80:1:2:3:4:5::" },
	{ "no zeros", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8" },
	{ "mapped becomes ipv4", "::ffff:192.0.2.1", "192.0.2.1" },
	{ "mapped in hex", "::ffff:c000:0201", "192.0.2.1" },
	{ "mapped upper", "::FFFF:10.0.0.1", "10.0.0.1" },
	{ "compatible stays ipv6", "::192.0.2.1", "::c000:201" },
	{ "translated stays ipv6", "::ffff:0:192.0.2.1", "::ffff:0:c000:201" },
	{ "ipv6 with dotted tail", "64:ff9b::192.0.2.1", "64:ff9b::c000:201" },
	{ "two double colons", "1::2::3", NULL },
	{ "nine groups", "1:2:3:4:5:6:7:8:9", NULL },
	{ "group too long", "12345::1", NULL },
	{ "brackets refused", "[::1]", NULL },
	{ "zone id refused", "fe80::1%eth0", NULL },
	{ "ipv4 with port", "1.2.3.4:25", NULL },
	{ "single colon", "1:2", NULL },
};

static void
test_parse_format(void **state)
{
	struct ip_addr ip;
	char out[IP_STRLEN];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(parse_cases); i++) {
		memset(&ip, 0xaa, sizeof(ip));
		rc = ip_parse(parse_cases[i].in, &ip);
		if (parse_cases[i].want == NULL) {
			if (rc != -1) {
				print_error("%s: accepted [%s], want refused\n",
				    parse_cases[i].label, parse_cases[i].in);
				bad++;
			}
			continue;
		}
		if (rc != 0) {
			print_error("%s: refused [%s], want [%s]\n",
			    parse_cases[i].label, parse_cases[i].in,
			    parse_cases[i].want);
			bad++;
			continue;
		}
		ip_format(&ip, out, sizeof(out));
		if (strcmp(out, parse_cases[i].want) != 0) {
			print_error("%s: got [%s], want [%s]\n",
			    parse_cases[i].label, out, parse_cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_parse_n_and_family(void **state)
{
	struct ip_addr ip;
	char out[IP_STRLEN];

	(void)state;
	/* Only n bytes count: the rest of the string is not looked at. */
	assert_int_equal(ip_parse_n("10.0.0.1:53", 8, &ip), 0);
	assert_int_equal(ip.family, AF_INET);
	assert_string_equal(ip_format(&ip, out, sizeof(out)), "10.0.0.1");
	assert_int_equal(ip_parse_n("::1]", 3, &ip), 0);
	assert_int_equal(ip.family, AF_INET6);
	assert_int_equal(ip_parse_n("1.2.3.4", 0, &ip), -1);
	assert_int_equal(ip_parse_n("1.2\0.3.4", 8, &ip), -1);
	assert_int_equal(ip_bits(&ip), 128);
	/* A failed parse leaves the address alone. */
	assert_int_equal(ip_parse("bogus", &ip), -1);
	assert_int_equal(ip.family, AF_INET6);
	/* Small buffers truncate but terminate. */
	ip_parse("2001:db8::1", &ip);
	assert_string_equal(ip_format(&ip, out, 5), "2001");
	ip.family = 0;
	assert_string_equal(ip_format(&ip, out, sizeof(out)), "");
	assert_int_equal(ip_bits(&ip), 0);
}

static const struct {
	const char	*label;
	const char	*ip;
	const char	*zone;
	const char	*want;		/* NULL: -1 expected */
} rev_cases[] = {
	{ "rbl", "192.0.2.1", "zen.example", "1.2.0.192.zen.example" },
	{ "bare", "192.0.2.1", NULL, "1.2.0.192" },
	{ "empty zone is bare", "10.20.30.40", "", "40.30.20.10" },
	{ "zone final dot", "192.0.2.1", "rbl.test.", "1.2.0.192.rbl.test" },
	{ "leading zeros dropped", "010.001.002.003", "z", "3.2.1.10.z" },
	{ "mapped is ipv4", "::ffff:192.0.2.1", "z", "1.2.0.192.z" },
	{ "ipv6 nibbles", "2001:db8::567:89ab", "rbl.test",
	    "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
	    ".rbl.test" },
	{ "ipv6 bare", "::1", NULL,
	    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0" },
};

static void
test_dnsbl_name(void **state)
{
	struct ip_addr ip;
	char out[300];
	size_t i;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(rev_cases); i++) {
		assert_int_equal(ip_parse(rev_cases[i].ip, &ip), 0);
		rc = ip_dnsbl_name(&ip, rev_cases[i].zone, out, sizeof(out));
		if (rc != 0 || strcmp(out, rev_cases[i].want) != 0) {
			print_error("%s: got %d [%s], want [%s]\n",
			    rev_cases[i].label, rc, out, rev_cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_reverse_name(void **state)
{
	struct ip_addr ip;
	char out[IP_REVLEN + 16], small[12];

	(void)state;
	ip_parse("192.0.2.77", &ip);
	assert_int_equal(ip_reverse_name(&ip, out, sizeof(out)), 0);
	assert_string_equal(out, "77.2.0.192.in-addr.arpa");
	ip_parse("2001:db8::1", &ip);
	assert_int_equal(ip_reverse_name(&ip, out, sizeof(out)), 0);
	assert_string_equal(out, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "0.0.8.b.d.0.1.0.0.2.ip6.arpa");
	assert_int_equal(strlen(out), 72);
	/* Too small: -1 and an empty string, never a cut name. */
	ip_parse("192.0.2.77", &ip);
	assert_int_equal(ip_reverse_name(&ip, small, sizeof(small)), -1);
	assert_string_equal(small, "");
	/* Exactly fitting. */
	assert_int_equal(ip_dnsbl_name(&ip, NULL, small, 11), 0);
	assert_string_equal(small, "77.2.0.192");
	assert_int_equal(ip_dnsbl_name(&ip, NULL, small, 10), -1);
	ip.family = 0;
	assert_int_equal(ip_dnsbl_name(&ip, "z", out, sizeof(out)), -1);
}

static const struct {
	const char	*label;
	const char	*ip;
	const char	*net;		/* for ip_parse_cidr */
	int		 parse_rc;
	bool		 match;
} cidr_cases[] = {
	{ "exact v4", "192.0.2.1", "192.0.2.1", 0, true },
	{ "other v4", "192.0.2.2", "192.0.2.1", 0, false },
	{ "/24", "192.0.2.200", "192.0.2.0/24", 0, true },
	{ "/24 outside", "192.0.3.1", "192.0.2.0/24", 0, false },
	{ "/0 everything", "203.0.113.9", "0.0.0.0/0", 0, true },
	{ "/25 boundary in", "192.0.2.127", "192.0.2.0/25", 0, true },
	{ "/25 boundary out", "192.0.2.128", "192.0.2.0/25", 0, false },
	{ "/31", "10.0.0.1", "10.0.0.0/31", 0, true },
	{ "host bits ignored", "10.1.2.3", "10.1.255.255/16", 0, true },
	{ "/33 refused", "10.0.0.1", "10.0.0.0/33", -1, false },
	{ "empty len", "10.0.0.1", "10.0.0.0/", -1, false },
	{ "signed len", "10.0.0.1", "10.0.0.0/+8", -1, false },
	{ "v6 /64", "2001:db8:1:2::5", "2001:db8:1:2::/64", 0, true },
	{ "v6 /64 outside", "2001:db8:1:3::5", "2001:db8:1:2::/64", 0, false },
	{ "v6 brackets", "2001:db8::1", "[2001:db8::]/32", 0, true },
	{ "v6 brackets no len", "2001:db8::1", "[2001:db8::1]", 0, true },
	{ "v6 /127", "2001:db8::1", "2001:db8::/127", 0, true },
	{ "v6 /128 other", "2001:db8::2", "2001:db8::1/128", 0, false },
	{ "v6 /129 refused", "::1", "::1/129", -1, false },
	{ "bracketed v4 refused", "1.2.3.4", "[1.2.3.4]/32", -1, false },
	{ "family mismatch", "192.0.2.1", "::/0", 0, false },
	{ "family mismatch v6", "2001:db8::1", "0.0.0.0/0", 0, false },
	{ "mapped prefix is v4", "192.0.2.9", "::ffff:192.0.2.0/120", 0,
	    true },
	{ "mapped host is v4", "192.0.2.9", "[::ffff:192.0.2.9]", 0, true },
	{ "short mapped stays v6", "192.0.2.9", "::ffff:0.0.0.0/80", 0, false },
	{ "garbage", "1.2.3.4", "1.2.3.x/8", -1, false },
	{ "unclosed bracket", "::1", "[::1/128", -1, false },
};

static void
test_cidr(void **state)
{
	struct ip_addr ip, net;
	unsigned len;
	size_t i;
	int bad = 0, rc;
	bool m;

	(void)state;
	for (i = 0; i < nitems(cidr_cases); i++) {
		assert_int_equal(ip_parse(cidr_cases[i].ip, &ip), 0);
		rc = ip_parse_cidr(cidr_cases[i].net, &net, &len);
		m = rc == 0 && ip_cidr_match(&ip, &net, len);
		if (rc != cidr_cases[i].parse_rc || m != cidr_cases[i].match) {
			print_error("%s: got rc %d match %d, want rc %d "
			    "match %d\n", cidr_cases[i].label, rc, m,
			    cidr_cases[i].parse_rc, cidr_cases[i].match);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	/* Mapped prefix lengths are shifted by 96. */
	assert_int_equal(ip_parse_cidr("::ffff:10.0.0.0/104", &net, &len), 0);
	assert_int_equal(net.family, AF_INET);
	assert_int_equal(len, 8);
	/* A length beyond the family never matches, even if forced. */
	ip_parse("10.0.0.1", &ip);
	assert_false(ip_cidr_match(&ip, &ip, 33));
	assert_true(ip_cidr_match(&ip, &ip, 32));
}

static void
test_equal(void **state)
{
	struct ip_addr a, b;

	(void)state;
	ip_parse("192.0.2.1", &a);
	ip_parse("::ffff:192.0.2.1", &b);
	assert_true(ip_equal(&a, &b));
	ip_parse("::c000:201", &b);
	assert_false(ip_equal(&a, &b));
	ip_parse("2001:db8::1", &a);
	ip_parse("2001:DB8:0::1", &b);
	assert_true(ip_equal(&a, &b));
	a.family = b.family = 0;
	assert_false(ip_equal(&a, &b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_format),
		cmocka_unit_test(test_parse_n_and_family),
		cmocka_unit_test(test_dnsbl_name),
		cmocka_unit_test(test_reverse_name),
		cmocka_unit_test(test_cidr),
		cmocka_unit_test(test_equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
