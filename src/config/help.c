/*
 * help.c - everything spamdyke prints about itself (options.md 4.2): the
 * version banner, --help, --more-help and usage errors.  All of it is
 * generated from the option table; the caller picks the stream (stderr).
 * Entry points: opt_print_version, opt_print_help, opt_print_usage_error,
 * opt_version_string.
 */
#include <stdio.h>
#include <string.h>

#include "config/optint.h"
#include "config/options.h"

#ifndef SPAMDYKE_VERSION
#define SPAMDYKE_VERSION	"6.0.0"
#endif
#ifndef SPAMDYKE_COPYRIGHT
#define SPAMDYKE_COPYRIGHT	"Copyright (C) the spamdyke authors; " \
	"spamdyke 5.0.1 by Sam Clippinger"
#endif
#ifndef SPAMDYKE_URL
#define SPAMDYKE_URL		"https://www.spamdyke.org/"
#endif

#ifdef HAVE_TLS
#define TAG_TLS		"+TLS"
#else
#define TAG_TLS		""
#endif

#define WIDTH		80	/* --more-help wraps here */
#define INDENT		"  "

static const char synopsis[] = "USAGE: spamdyke [ OPTIONS ] [ -- ] "
    "qmail_smtpd_command [ qmail_smtpd_arguments ]";
static const char hint[] = "Use --help for an option summary or "
    "--more-help for option details.";

const char *
opt_version_string(void)
{
	return SPAMDYKE_VERSION TAG_TLS "+CONFIGTEST";
}

static void
banner(FILE *fp)
{
	fprintf(fp, "spamdyke %s\n%s\n%s\n\n", opt_version_string(),
	    SPAMDYKE_COPYRIGHT, SPAMDYKE_URL);
}

void
opt_print_version(FILE *fp)
{
	banner(fp);
	fprintf(fp, "%s\n", hint);
}

void
opt_print_usage_error(FILE *fp, const char *err)
{
	banner(fp);
	fprintf(fp, "%s\n\nERROR: %s\n", hint, err);
}

/* The placeholder shown for the value of r. */
static const char *
argname(const struct opt_row *r)
{
	switch (r->arg) {
	case OA_NONE:
		return "";
	case OA_FLAG:
		return "BOOLEAN";
	case OA_N:
		return "NUMBER";
	case OA_FILE:
	case OA_CDB:
		return "FILE";
	case OA_DIR:
		return "DIR";
	case OA_CMD:
		return "COMMAND";
	case OA_USER:
		return "USER[:GROUP]";
	case OA_IPENTRY:
		return "IP_ADDRESS";
	case OA_RDNSENTRY:
		return "NAME";
	case OA_ADDRENTRY:
		return "ADDRESS";
	case OA_KEYWORDS:
		return "KEYWORDS";
	case OA_HEADERPAT:
		return "HEADER:VALUE";
	case OA_ZONE:
		return "DNS_ZONE";
	case OA_SERVER:
		return "IP[:PORT]";
	default:
		return strcmp(r->name, "policy-url") == 0 ? "URL" : "TEXT";
	}
}

/* Print the value placeholder: "{ a | b }" for keywords. */
static void
print_arg(FILE *fp, const struct opt_row *r)
{
	size_t k;

	if (r->arg != OA_KEYWORD && r->arg != OA_KEYSET) {
		fputs(argname(r), fp);
		return;
	}
	fputs("{ ", fp);
	for (k = 0; k < r->nkw; k++)
		fprintf(fp, "%s%s", k ? " | " : "", r->kw[k].name);
	fputs(" }", fp);
}

static void
print_usage_lines(FILE *fp, const struct opt_row *r)
{
	bool opt = (r->flags & OPT_F_OPTARG) != 0;

	if (r->shortopt != 0) {
		fprintf(fp, "-%c", r->shortopt);
		if (r->arg != OA_NONE) {
			fputs(opt ? "[ " : " ", fp);
			print_arg(fp, r);
			fputs(opt ? " ]" : "", fp);
		}
		fputc('\n', fp);
	}
	fprintf(fp, "--%s", r->name);
	if (r->arg != OA_NONE) {
		fputs(opt ? "=[ " : " ", fp);
		print_arg(fp, r);
		fputs(opt ? " ]" : "", fp);
	}
	fputc('\n', fp);
}

/* Print text word by word, wrapped at WIDTH with INDENT. */
static void
wrap(FILE *fp, const char *text)
{
	size_t col = 0, n;
	const char *p = text;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " ");
		if (col > 0 && col + 1 + n > WIDTH) {
			fputc('\n', fp);
			col = 0;
		}
		if (col == 0) {
			fputs(INDENT, fp);
			col = strlen(INDENT);
		} else {
			fputc(' ', fp);
			col++;
		}
		fwrite(p, 1, n, fp);
		col += n;
		p += n;
	}
	if (col > 0)
		fputc('\n', fp);
}

static void
print_details(FILE *fp, const struct opt_row *r)
{
	char line[256];

	wrap(fp, r->help);
	if (r->arg == OA_N) {
		snprintf(line, sizeof(line), "Must be a number between %ld "
		    "and %ld.", r->min, r->max);
		wrap(fp, line);
	}
	if ((r->flags & OPT_F_OPTARG) && r->shortopt != 0) {
		snprintf(line, sizeof(line), "The value is optional. When "
		    "given it must be attached: -%cVALUE or --%s=VALUE (no "
		    "space).", r->shortopt, r->name);
		wrap(fp, line);
	} else if (r->flags & OPT_F_OPTARG) {
		snprintf(line, sizeof(line), "The value is optional. When "
		    "given it must be attached: --%s=VALUE (no space).",
		    r->name);
		wrap(fp, line);
	}
	if (r->maxlen > 0) {
		snprintf(line, sizeof(line), "At most %zu characters.",
		    r->maxlen);
		wrap(fp, line);
	}
	if (r->rep == OR_LIST || r->rep == OR_SET)
		wrap(fp, "This option may be given more than once.");
	snprintf(line, sizeof(line), "Where: command line%s%s.",
	    (r->where & OPT_WHERE_F) ? ", configuration files" : "",
	    (r->where & OPT_WHERE_D) ? ", configuration directories" : "");
	wrap(fp, line);
}

void
opt_print_help(FILE *fp, bool more)
{
	const struct opt_row *r;
	size_t i;

	banner(fp);
	fprintf(fp, "%s\n\nAvailable options:\n", synopsis);
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (r->alias_of != NULL)
			continue;
		print_usage_lines(fp, r);
		if (more) {
			print_details(fp, r);
			fputc('\n', fp);
		}
	}
	if (!more)
		fputs("\nUse --more-help to see a full description of every "
		    "option.\n", fp);
}
