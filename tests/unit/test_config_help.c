/*
 * test_config_help.c - version banner, --help, --more-help and usage
 * errors (src/config/help.c, options.md 4.2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config/options.h"
#include "util/str.h"

static char *out;

static int
teardown(void **state)
{
	(void)state;
	free(out);
	out = NULL;
	return 0;
}

enum what { W_VERSION, W_HELP, W_MORE, W_ERROR };

static const char *
capture(enum what w)
{
	size_t len;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	switch (w) {
	case W_VERSION:
		opt_print_version(fp);
		break;
	case W_HELP:
	case W_MORE:
		opt_print_help(fp, w == W_MORE);
		break;
	case W_ERROR:
		opt_print_usage_error(fp, "Missing qmail-smtpd command");
		break;
	}
	assert_int_equal(fclose(fp), 0);
	return out;
}

/* Line n (0-based) of text, in a static buffer; "" past the end. */
static const char *
line_at(const char *text, size_t n)
{
	static char line[512];
	size_t k;

	for (; n > 0 && text != NULL; n--)
		if ((text = strchr(text, '\n')) != NULL)
			text++;
	if (text == NULL)
		return "";
	k = strcspn(text, "\n");
	snprintf(line, sizeof(line), "%.*s", (int)k, text);
	return line;
}

static void
check_banner(const char *s)
{
	char want[128];

	snprintf(want, sizeof(want), "spamdyke %s", opt_version_string());
	assert_string_equal(line_at(s, 0), want);
	assert_true(strncmp(opt_version_string(), "6.0.0", 5) == 0 ||
	    getenv("SPAMDYKE_ANY_VERSION") != NULL);
	assert_non_null(strstr(opt_version_string(), "+CONFIGTEST"));
#ifdef HAVE_TLS
	assert_non_null(strstr(opt_version_string(), "+TLS"));
#else
	assert_null(strstr(opt_version_string(), "+TLS"));
#endif
	assert_non_null(strstr(line_at(s, 1), "Copyright"));
	assert_non_null(strstr(line_at(s, 2), "http"));
	assert_string_equal(line_at(s, 3), "");
}

static void
test_version(void **state)
{
	const char *s = capture(W_VERSION);

	(void)state;
	check_banner(s);
	assert_non_null(strstr(line_at(s, 4), "--help"));
	assert_non_null(strstr(line_at(s, 4), "--more-help"));
	assert_string_equal(line_at(s, 5), "");
	assert_int_equal(s[strlen(s) - 1], '\n');
}

static void
test_usage_error(void **state)
{
	const char *s = capture(W_ERROR);

	(void)state;
	check_banner(s);
	assert_non_null(strstr(line_at(s, 4), "--help"));
	assert_non_null(strstr(s, "\nERROR: Missing qmail-smtpd command\n"));
}

static const struct {
	const char	*label;
	const char	*want;		/* whole lines of --help */
} help_lines[] = {
	{ "synopsis", "\nUSAGE: spamdyke [ OPTIONS ] [ -- ] "
	    "qmail_smtpd_command [ qmail_smtpd_arguments ]\n" },
	{ "heading", "\nAvailable options:\n" },
	{ "optional keyword", "\n-l[ { none | error | info | verbose | debug "
	    "| excessive } ]\n--log-level=[ { none | error | info | verbose "
	    "| debug | excessive } ]\n" },
	{ "optional flag", "\n-r[ BOOLEAN ]\n--reject-empty-rdns=[ BOOLEAN "
	    "]\n" },
	{ "optional flag, no short", "\n--graylist-retry-hint=[ BOOLEAN ]\n" },
	{ "keyword", "\n--filter-level { allow-all | normal | require-auth | "
	    "reject-all }\n" },
	{ "keyword set", "\n--reject-recipient { none | same-as-sender | "
	    "invalid | unavailable }\n" },
	{ "number", "\n-a NUMBER\n--max-recipients NUMBER\n" },
	{ "file", "\n-f FILE\n--config-file FILE\n" },
	{ "dir", "\n-g DIR\n--graylist-dir DIR\n" },
	{ "command", "\n--smtp-auth-command COMMAND\n" },
	{ "no argument", "\n-h\n--help\n" },
	{ "no argument long", "\n--config-test\n" },
	{ "url", "\n-u URL\n--policy-url URL\n" },
	{ "closing hint", "\nUse --more-help" },
};

static void
test_help(void **state)
{
	const struct opt_row *r;
	const char *s = capture(W_HELP), *p, *prev = NULL;
	char want[128];
	size_t i;

	(void)state;
	check_banner(s);
	for (i = 0; i < nitems(help_lines); i++)
		if (strstr(s, help_lines[i].want) == NULL)
			fail_msg("%s: no \"%s\"", help_lines[i].label,
			    help_lines[i].want);
	/* Every option once, in table (alphabetical) order; no aliases. */
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		snprintf(want, sizeof(want), "\n--%s", r->name);
		p = strstr(s, want);
		while (p != NULL && p[strlen(want)] != ' ' &&
		    p[strlen(want)] != '\n' && p[strlen(want)] != '=')
			p = strstr(p + 1, want);
		if (r->alias_of != NULL) {
			if (p != NULL)
				fail_msg("alias %s listed", r->name);
			continue;
		}
		if (p == NULL)
			fail_msg("%s not listed", r->name);
		if (prev != NULL && p < prev)
			fail_msg("%s out of order", r->name);
		prev = p;
		if (r->shortopt) {
			/* "-x ..." is the line right before "--name ...". */
			const char *q = p - 1;

			while (q > s && *q != '\n')
				q--;
			if (q[1] != '-' || q[2] != r->shortopt ||
			    strchr(" [\n", q[3]) == NULL)
				fail_msg("%s: line before is \"%s\"", r->name,
				    line_at(q + 1, 0));
		}
	}
	assert_null(strstr(s, "greylist"));
	/* Ranges are for --more-help only. */
	assert_null(strstr(s, "Must be a number"));
}

static void
test_more_help(void **state)
{
	const struct opt_row *r;
	const char *s = capture(W_MORE), *p;
	char want[128];
	size_t i, n;

	(void)state;
	check_banner(s);
	/* Descriptions wrap at 80 columns (usage lines stay whole). */
	for (n = 0; *line_at(s, n) != '\0' || n < 6; n++)
		if (strlen(line_at(s, n)) > 80 && line_at(s, n)[0] != '-')
			fail_msg("line %zu too long: %s", n, line_at(s, n));
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (r->alias_of != NULL)
			continue;
		snprintf(want, sizeof(want), "\n--%s", r->name);
		if ((p = strstr(s, want)) == NULL)
			fail_msg("%s not listed", r->name);
		/* The description follows, indented by two spaces. */
		p = strchr(p + 1, '\n') + 1;
		if (strncmp(p, "  ", 2) != 0 || p[2] == ' ')
			fail_msg("%s: description \"%s\"", r->name,
			    line_at(p, 0));
		if (strncmp(p + 2, r->help, 10) != 0)
			fail_msg("%s: description \"%s\"", r->name,
			    line_at(p, 0));
	}
	assert_non_null(strstr(s, "\n--dns-max-retries-total NUMBER\n"));
	p = strstr(s, "\n--dns-max-retries-total NUMBER\n");
	assert_non_null(strstr(p, "  Must be a number between 1 and "
	    "2147483647.\n"));
	p = strstr(s, "\n--reject-empty-rdns=[ BOOLEAN ]\n");
	assert_non_null(p);
	assert_non_null(strstr(p, "attached: -rVALUE or"));
	p = strstr(s, "\n--ip-blacklist-entry IP_ADDRESS\n");
	assert_non_null(p);
	assert_true(strstr(p, "  This option may be given more than once.\n")
	    < strstr(p + 1, "\n--"));
	/* A blank line between options. */
	assert_non_null(strstr(s, "\n\n--ip-blacklist-entry"));
	assert_non_null(strstr(s, "  At most 100 characters.\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_version, teardown),
		cmocka_unit_test_teardown(test_usage_error, teardown),
		cmocka_unit_test_teardown(test_help, teardown),
		cmocka_unit_test_teardown(test_more_help, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
