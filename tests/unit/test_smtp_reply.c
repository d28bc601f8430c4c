/*
 * test_smtp_reply.c - rejection replies, texts, codes and the policy URL
 * (session.md 3.1, 3.2), and the decision line (4.2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "config/options.h"
#include "log/decision.h"
#include "smtp/reply.h"
#include "util/buf.h"
#include "util/str.h"

static const char *
fmt(struct options *opt, enum reason r, int code, const char *suffix)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 4096);
	assert_int_equal(reply_format(&b, opt, r, code, suffix), 0);
	return buf_cstr(&b);
}

static void
test_defaults(void **state)
{
	struct options *opt = opt_new();

	(void)state;
	assert_non_null(opt);
	assert_string_equal(fmt(opt, R_BLACKLIST_IP, 0, NULL),
	    "554 Refused. Your IP address is blacklisted.\r\n");
	assert_string_equal(fmt(opt, R_RDNS_MISSING, 0, NULL),
	    "421 Refused. You have no reverse DNS entry.\r\n");
	assert_string_equal(fmt(opt, R_REJECT_ALL, 250, NULL),
	    "250 Refused. Mail is not being accepted.\r\n");
	assert_string_equal(fmt(opt, R_RBL_MATCH, 0, "zen.example.org: listed"),
	    "554 Refused. Your IP address is listed in the RBL at "
	    "zen.example.org: listed\r\n");
	assert_string_equal(fmt(opt, R_BARE_LF, 0, NULL),
	    "554 Refused. Bare LF line endings are not allowed in message "
	    "data.\r\n");
	assert_string_equal(fmt(opt, R_TIMEOUT, 0, NULL),
	    "421 Timeout. Talk faster next time.\r\n");
	assert_string_equal(fmt(opt, R_ZERO_RECIPIENTS, 0, NULL),
	    "554 Refused. You must specify at least one valid recipient.\r\n");
	opt_free(opt);
}

static void
test_policy_url(void **state)
{
	struct options *opt = opt_new();
	char err[256];

	(void)state;
	assert_int_equal(opt_set(opt, "policy-url",
	    "http://example.com/policy.html", OPT_WHERE_C, err, sizeof(err)),
	    0);
	assert_string_equal(fmt(opt, R_BLACKLIST_IP, 0, NULL),
	    "554 Refused. Your IP address is blacklisted. See: "
	    "http://example.com/policy.html#DENIED_BLACKLIST_IP\r\n");
	/* No URL on replies that do not take one (3.1). */
	assert_string_equal(fmt(opt, R_ZERO_RECIPIENTS, 0, NULL),
	    "554 Refused. You must specify at least one valid recipient.\r\n");
	assert_int_equal(opt_set(opt, "policy-url",
	    "http://example.com/p?code=", OPT_WHERE_C, err, sizeof(err)), 0);
	assert_string_equal(fmt(opt, R_RDNS_MISSING, 221, NULL),
	    "221 Refused. You have no reverse DNS entry. See: "
	    "http://example.com/p?code=DENIED_RDNS_MISSING\r\n");
	opt_free(opt);
}

static void
test_custom_text(void **state)
{
	struct options *opt = opt_new();
	char err[256];

	(void)state;
	assert_int_equal(opt_set(opt, "rejection-text-ip-blacklist",
	    "Go away, \"spammer\"", OPT_WHERE_F, err, sizeof(err)), 0);
	assert_string_equal(fmt(opt, R_BLACKLIST_IP, 0, NULL),
	    "554 Go away, \"spammer\"\r\n");
	assert_int_equal(opt_set(opt, "rejection-text-dns-blacklist",
	    "Listed at ", OPT_WHERE_F, err, sizeof(err)), 0);
	assert_string_equal(fmt(opt, R_RBL_MATCH, 0, "rbl.test"),
	    "554 Listed at rbl.test\r\n");
	opt_free(opt);
}

static void
test_line_limit(void **state)
{
	struct options *opt = opt_new();
	char suffix[3000];
	const char *line;

	(void)state;
	memset(suffix, 'x', sizeof(suffix) - 1);
	suffix[sizeof(suffix) - 1] = '\0';
	line = fmt(opt, R_RBL_MATCH, 0, suffix);
	assert_int_equal(strlen(line), REPLY_MAX_LINE);
	assert_memory_equal(line + REPLY_MAX_LINE - 2, "\r\n", 2);
	opt_free(opt);
}

static void
test_decision_line(void **state)
{
	struct decision_fields f = {
		"ALLOWED", "alice@example.org", "bob@example.com",
		"192.0.2.10", "mail.example.org", NULL, NULL,
		"250 ok 1700000000 qp 4242",
	};
	char out[1100];

	(void)state;
	/* session.md 4.4, first example, to the character. */
	assert_string_equal(log_decision_format(&f, out, sizeof(out)),
	    "ALLOWED from: alice@example.org to: bob@example.com origin_ip: "
	    "192.0.2.10 origin_rdns: mail.example.org auth: (unknown) "
	    "encryption: (none) reason: 250_ok_1700000000_qp_4242");
	f.token = "TIMEOUT";
	f.from = f.to = "(unknown)";
	f.rdns = NULL;
	f.reason = "TIMEOUT";
	assert_string_equal(log_decision_format(&f, out, sizeof(out)),
	    "TIMEOUT from: (unknown) to: (unknown) origin_ip: 192.0.2.10 "
	    "origin_rdns: (unknown) auth: (unknown) encryption: (none) "
	    "reason: TIMEOUT");
	f.reason = NULL;
	f.encryption = "TLS_PASSTHROUGH";
	assert_non_null(strstr(log_decision_format(&f, out, sizeof(out)),
	    "encryption: TLS_PASSTHROUGH reason: (empty)"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_policy_url),
		cmocka_unit_test(test_custom_text),
		cmocka_unit_test(test_line_limit),
		cmocka_unit_test(test_decision_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
