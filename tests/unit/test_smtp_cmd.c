/*
 * test_smtp_cmd.c - classification by verb (session.md 2.7 Improvement).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "smtp/cmd.h"
#include "util/str.h"

static const struct {
	const char	*label;
	const char	*line;
	enum smtp_verb	 verb;
	const char	*arg;
} cases[] = {
	{ "helo", "HELO client.example", CMD_HELO, "client.example" },
	{ "ehlo lowercase", "ehlo x", CMD_EHLO, "x" },
	{ "mail", "MAIL FROM:<a@b>", CMD_MAIL, "FROM:<a@b>" },
	{ "mail two spaces", "MAIL  FROM:<a@b>", CMD_MAIL, "FROM:<a@b>" },
	{ "rcpt two spaces", "RCPT  TO:<c@d>", CMD_RCPT, "TO:<c@d>" },
	{ "rcpt mixed case", "rCpT To:<c@d>", CMD_RCPT, "To:<c@d>" },
	{ "data", "DATA", CMD_DATA, "" },
	{ "data trailing space", "DATA ", CMD_DATA, "" },
	{ "quit", "QUIT", CMD_QUIT, "" },
	{ "rset", "RSET", CMD_RSET, "" },
	{ "starttls", "STARTTLS", CMD_STARTTLS, "" },
	{ "auth", "AUTH PLAIN AGpvZQBzZWNyZXQ=", CMD_AUTH,
	    "PLAIN AGpvZQBzZWNyZXQ=" },
	{ "noop is other", "NOOP", CMD_OTHER, "" },
	{ "prefix is not a verb", "DATAX", CMD_OTHER, "" },
	{ "mailfrom glued", "MAILFROM:<a@b>", CMD_OTHER, "" },
	{ "tab is not a separator", "DATA\t", CMD_OTHER, "" },
	{ "empty", "", CMD_OTHER, "" },
	{ "leading space", " MAIL FROM:<a@b>", CMD_OTHER, "MAIL FROM:<a@b>" },
};

static void
test_classify_table(void **state)
{
	const char *arg;
	size_t i, argn;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		enum smtp_verb v = smtp_cmd_classify(cases[i].line,
		    strlen(cases[i].line), &arg, &argn);

		if (v != cases[i].verb || argn != strlen(cases[i].arg) ||
		    memcmp(arg, cases[i].arg, argn) != 0) {
			print_error("%s: got %s [%.*s], want %s [%s]\n",
			    cases[i].label, smtp_cmd_name(v), (int)argn, arg,
			    smtp_cmd_name(cases[i].verb), cases[i].arg);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
