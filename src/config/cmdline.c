/*
 * cmdline.c - the command-line parser (options.md 1.1).
 *
 * Hand-written rather than getopt_long(): parsing must stop at the first
 * word that is not an option (no permutation), prefixes that name several
 * spellings of one option (rejection-text-gr...) are not ambiguous, and
 * optional values must be attached (-lvalue, --log-level=value).
 * Values go through opt_apply() exactly like file values.
 * Entry point: opt_parse_cmdline.
 */
#include <stdio.h>
#include <string.h>

#include "config/optint.h"
#include "config/options.h"

#define NAME_MAX_LEN	64	/* longer than every option name */

/* 1: an action that ends parsing (help, more-help, version); 0 go on. */
static int
action_of(const struct opt_row *r, enum opt_action *action)
{
	if (strcmp(r->name, "config-test") == 0) {
		*action = OPT_CONFIG_TEST;
		return 0;
	}
	if (strcmp(r->name, "help") == 0)
		*action = OPT_HELP;
	else if (strcmp(r->name, "more-help") == 0)
		*action = OPT_MORE_HELP;
	else if (strcmp(r->name, "version") == 0)
		*action = OPT_VERSION;
	else
		return 0;
	return 1;
}

/*
 * Row index (canonical) for the n bytes at name: the exact name, else the
 * only option any name starts with.  -1 with the message in err.
 */
static long
find_long(const char *name, size_t n, char *err, size_t errlen)
{
	char buf[NAME_MAX_LEN];
	const struct opt_row *r;
	long idx, found = -1;
	size_t i, len;

	if (n > 0 && n < sizeof(buf)) {
		memcpy(buf, name, n);
		buf[n] = '\0';
		if ((idx = opt_index(buf)) >= 0)	/* exact name wins */
			return (long)opt_canon((size_t)idx);
	}
	for (i = 0; n > 0 && (r = opt_row_at(i)) != NULL; i++) {
		if (strncmp(r->name, name, n) != 0)
			continue;
		idx = (long)opt_canon(i);
		if (found >= 0 && found != idx) {
			len = (size_t)snprintf(err, errlen, "Ambiguous option: "
			    "--%.*s (could be", (int)n, name);
			for (i = 0; (r = opt_row_at(i)) != NULL &&
			    len < errlen; i++)
				if (strncmp(r->name, name, n) == 0)
					len += (size_t)snprintf(err + len,
					    errlen - len, " --%s", r->name);
			if (len < errlen)
				snprintf(err + len, errlen - len, ")");
			return -1;
		}
		found = idx;
	}
	if (found < 0)
		snprintf(err, errlen, "Unknown option: --%.*s", (int)n, name);
	return found;
}

static int
need_value(const char *spelled, char *err, size_t errlen)
{
	snprintf(err, errlen, "Option requires a value: %s", spelled);
	return -1;
}

/* One "--name[=value]" word at argv[*i]; 1 stop (help...), 0, -1. */
static int
long_opt(struct options *opt, int argc, char *const argv[], int *i,
    enum opt_action *action, char *err, size_t errlen)
{
	const char *word = argv[*i], *name = word + 2, *eq, *value;
	const struct opt_row *r;
	size_t n;
	long idx;

	eq = strchr(name, '=');
	n = eq != NULL ? (size_t)(eq - name) : strlen(name);
	if ((idx = find_long(name, n, err, errlen)) < 0)
		return -1;
	r = opt_row_at((size_t)idx);
	value = eq != NULL ? eq + 1 : NULL;
	if (value == NULL && r->arg != OA_NONE &&
	    (r->flags & OPT_F_OPTARG) == 0) {
		if (*i + 1 >= argc)
			return need_value(word, err, errlen);
		value = argv[++*i];
	}
	if (opt_apply(opt, (size_t)idx, value, OPT_WHERE_C, "", err,
	    errlen) == -1)
		return -1;
	return r->arg == OA_NONE ? action_of(r, action) : 0;
}

/* One "-abc" word at argv[*i]; 1 stop (help...), 0, -1. */
static int
short_opts(struct options *opt, int argc, char *const argv[], int *i,
    enum opt_action *action, char *err, size_t errlen)
{
	const char *word = argv[*i], *value;
	const struct opt_row *r;
	size_t j, k;

	for (j = 1; word[j] != '\0'; j++) {
		for (k = 0; (r = opt_row_at(k)) != NULL; k++)
			if (r->shortopt == (unsigned char)word[j])
				break;
		if (r == NULL) {
			snprintf(err, errlen, "Unknown option: -%c", word[j]);
			return -1;
		}
		if (r->arg == OA_NONE) {
			if (opt_apply(opt, k, NULL, OPT_WHERE_C, "", err,
			    errlen) == -1)
				return -1;
			if (action_of(r, action))
				return 1;
			continue;
		}
		/* A flag with a value consumes the rest of the word. */
		value = word[j + 1] != '\0' ? &word[j + 1] : NULL;
		if (value == NULL && (r->flags & OPT_F_OPTARG) == 0) {
			if (*i + 1 >= argc) {
				char spelled[3] = { '-', word[j], '\0' };

				return need_value(spelled, err, errlen);
			}
			value = argv[++*i];
		}
		return opt_apply(opt, k, value, OPT_WHERE_C, "", err, errlen);
	}
	return 0;
}

int
opt_parse_cmdline(struct options *opt, int argc, char *const argv[],
    enum opt_action *action, int *cmd_index, char *err, size_t errlen)
{
	int i, rc;

	*action = OPT_RUN;
	*cmd_index = argc;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')	/* the qmail command */
			break;
		if (a[1] == '-')
			rc = long_opt(opt, argc, argv, &i, action, err, errlen);
		else
			rc = short_opts(opt, argc, argv, &i, action, err,
			    errlen);
		if (rc == -1)
			return -1;
		if (rc == 1)	/* later arguments are not examined */
			return 0;
	}
	if (i < argc)
		*cmd_index = i;
	else if (*action == OPT_RUN || *action == OPT_CONFIG_TEST) {
		snprintf(err, errlen, "Missing qmail-smtpd command");
		return -1;
	}
	return 0;
}
