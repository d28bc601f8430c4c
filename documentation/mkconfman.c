/*
 * mkconfman - generate manual pages from a template and the option table,
 * so that the option reference cannot drift from the code.
 *
 *   mkconfman TEMPLATE             expand TEMPLATE (mdoc) to stdout
 *   mkconfman -n                   list every option: NAME WHERE REP ALIAS_OF
 *   mkconfman -c FILE...           parse configuration files as spamdyke
 *                                  does (global-file rules); exit 1 on error
 *
 * "make man" runs it on documentation/spamdyke.conf.5.in and
 * documentation/spamdyke.8.in; "make check-man" (and the packaging test)
 * fails when the committed pages differ from its output.
 *
 * Template directives, each on a line of its own (roff comments, so a
 * template is itself a valid page):
 *
 *   .\" @GROUP NAME...             options of the next @OPTIONS@ list; a
 *                                  NAME ending in '*' takes every option
 *                                  starting with the rest
 *   .\" @OPTIONS@                  the reference entries of the options
 *                                  collected by the @GROUP lines above it
 *   .\" @SHORT_OPTIONS@            table of the short flags
 *   .\" @ALIASES@                  table of the alias names
 *   .\" @WHERE_C@ / @WHERE_CF@ / @WHERE_CFD@
 *                                  the options allowed only there, as a
 *                                  comma-separated list
 *   .\" @NOTE NAME ... .\" @END    text printed in NAME's entry after the
 *                                  table's description
 *   .\" @DEFAULT NAME TEXT         the "Default:" sentence of NAME's entry
 *
 * "@VERSION@" anywhere in a line is replaced by the version.  Every option
 * must appear in exactly one @GROUP; every ".Cm WORD" and ".Fl \-WORD" of
 * the template must name an option, an alias or a keyword of an option;
 * an option whose default is a path needs a @DEFAULT.  Any violation is
 * an error (exit 1) naming the template line.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/options.h"
#include "smtp/reply.h"

#ifndef SPAMDYKE_VERSION
#define SPAMDYKE_VERSION	"6.0.0"
#endif

#define LINE_MAX_LEN	4096
#define MAX_ROWS	512

struct note {
	char	*text;		/* roff lines */
	char	*def;		/* @DEFAULT sentence */
	bool	 grouped;	/* listed by a @GROUP */
};

static const char	*tmpl_name;
static long		 tmpl_line;
static int		 errors;
static struct note	 notes[MAX_ROWS];
static size_t		 group[MAX_ROWS];
static size_t		 ngroup;

static void
fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkconfman: %s:%ld: ", tmpl_name ? tmpl_name : "-",
	    tmpl_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errors++;
}

static void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n)) == NULL) {
		fprintf(stderr, "mkconfman: out of memory\n");
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/* Append s to the heap string *dst. */
static void
append(char **dst, const char *s)
{
	size_t a = *dst ? strlen(*dst) : 0, b = strlen(s);
	char *p = xmalloc(a + b + 1);

	if (a > 0)
		memcpy(p, *dst, a);
	memcpy(p + a, s, b + 1);
	free(*dst);
	*dst = p;
}

static long
row_index(const char *name)
{
	size_t i;

	for (i = 0; i < opt_count(); i++)
		if (strcmp(opt_row_at(i)->name, name) == 0)
			return (long)i;
	return -1;
}

/* Is word an option name, an alias or a keyword of some option? */
static bool
known_word(const char *word)
{
	const struct opt_row *r;
	size_t i, k;

	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (strcmp(r->name, word) == 0)
			return true;
		for (k = 0; k < r->nkw; k++)
			if (strcasecmp(r->kw[k].name, word) == 0)
				return true;
	}
	return false;
}

/* ------------------------------------------------------------ roff text */

/* Write text as roff text lines: one sentence per line, escaped. */
static void
put_text(const char *text)
{
	const char *p = text;
	bool bol = true;

	while (*p == ' ')
		p++;
	for (; *p != '\0'; p++) {
		if (bol && (*p == '.' || *p == '\''))
			fputs("\\&", stdout);
		bol = false;
		if (*p == '\\') {
			fputs("\\e", stdout);
			continue;
		}
		/* A sentence ends at ". " before a capital or a quote. */
		if (*p == '.' && p[1] == ' ' &&
		    (isupper((unsigned char)p[2]) || p[2] == '"')) {
			fputs(".\n", stdout);
			p++;
			bol = true;
			continue;
		}
		putchar(*p);
	}
	if (!bol)
		putchar('\n');
}

/* The placeholder of a row's value, as in --help, lower case. */
static const char *
argname(const struct opt_row *r)
{
	switch (r->arg) {
	case OA_FLAG:
		return "boolean";
	case OA_N:
		return "number";
	case OA_KEYWORD:
	case OA_KEYSET:
		return "keyword";
	case OA_FILE:
	case OA_CDB:
		return "file";
	case OA_DIR:
		return "dir";
	case OA_CMD:
		return "command";
	case OA_USER:
		return "user[:group]";
	case OA_IPENTRY:
		return "ip-entry";
	case OA_RDNSENTRY:
		return "rdns-entry";
	case OA_ADDRENTRY:
		return "address-entry";
	case OA_KEYWORDS:
		return "keyword-pattern";
	case OA_HEADERPAT:
		return "header:pattern";
	case OA_ZONE:
		return "zone";
	case OA_SERVER:
		return "ip[:port]";
	case OA_TEXT:
		return strcmp(r->name, "policy-url") == 0 ? "url" : "text";
	default:
		return "";
	}
}

static const char *
kw_name(const struct opt_row *r, long value)
{
	size_t k;

	for (k = 0; k < r->nkw; k++)
		if (r->kw[k].value == value)
			return r->kw[k].name;
	return NULL;
}

/* The "Default:" sentence of row r (nothing for actions). */
static void
put_default(size_t i, const struct opt_row *r)
{
	const struct reason_row *rr;
	const char *kw;
	size_t k, n;
	int e;

	if (notes[i].def != NULL) {
		printf("Default: ");
		put_text(notes[i].def);
		return;
	}
	switch (r->arg) {
	case OA_NONE:
		return;
	case OA_FLAG:
		printf("Default: %s.\n", r->def ? "on" : "off");
		return;
	case OA_N:
		printf("Default: %ld.\n", r->def);
		return;
	case OA_KEYWORD:
		printf(".No Default: Cm %s .\n", kw_name(r, r->def));
		if (r->flags & OPT_F_OPTARG)
			printf("Given without a value:\n.Cm %s .\n",
			    kw_name(r, r->min));
		return;
	case OA_KEYSET:
		if (r->def == 0) {
			kw = kw_name(r, 0);
			if (kw != NULL)
				printf(".No Default: Cm %s .\n", kw);
			else
				printf("Default: no keyword.\n");
			return;
		}
		printf(".No Default:");
		for (k = 0, n = 0; k < r->nkw; k++)
			if (r->kw[k].value != 0 &&
			    (r->def & r->kw[k].value) == r->kw[k].value)
				printf("%s Cm %s", n++ ? " ," : "",
				    r->kw[k].name);
		printf(" .\n");
		return;
	default:
		break;
	}
	if (r->flags & OPT_F_PATHDEF) {
		fail("%s: a path default needs a @DEFAULT line", r->name);
		return;
	}
	for (e = 0; e < R_COUNT; e++) {
		rr = reason_row((enum reason)e);
		if (rr->text_opt != r->off || rr->text_opt == 0)
			continue;
		printf("Default:\n.Dq ");
		/* The list texts end in a space: the list name follows. */
		n = strlen(rr->text);
		if (n > 0 && rr->text[n - 1] == ' ')
			printf("%.*s", (int)(n - 1), rr->text);
		else
			printf("%s", rr->text);
		printf("\n%s", n > 0 && rr->text[n - 1] == ' ' ?
		    "followed by the list name (and its TXT text)" : "");
		printf("%ssent with code %d%s.\n",
		    n > 0 && rr->text[n - 1] == ' ' ? ", " : "", rr->code,
		    rr->url ? " and the policy URL" : "");
		if (rr->url)
			printf("Logged, and appended to the policy URL, as\n"
			    ".Li %s .\n", rr->token);
		return;
	}
	printf("Default: not set.\n");
}

static void
put_where(const struct opt_row *r)
{
	if (r->where == OPT_WHERE_C)
		printf("Command line only.\n");
	else if (r->where == (OPT_WHERE_C | OPT_WHERE_F))
		printf("Command line and configuration files; not in "
		    "configuration directories.\n");
	else
		printf("Command line, configuration files and configuration "
		    "directories.\n");
}

/* ".It" line of an entry: name and value. */
static void
put_item(const struct opt_row *r)
{
	if (r->arg == OA_NONE)
		printf(".It Cm %s\n", r->name);
	else if (r->flags & OPT_F_OPTARG)
		printf(".It Cm %s Ns Op = Ns Ar %s\n", r->name, argname(r));
	else
		printf(".It Cm %s Ns = Ns Ar %s\n", r->name, argname(r));
}

static void
put_entry(size_t i)
{
	const struct opt_row *r = opt_row_at(i), *a;
	size_t k, n;

	put_item(r);
	put_text(r->help);
	if (notes[i].text != NULL) {
		printf(".Pp\n");
		fputs(notes[i].text, stdout);
	}
	printf(".Pp\n");
	if (r->shortopt != 0) {
		if (r->flags & OPT_F_OPTARG)
			printf(".No Short form: Fl %c Ns Op Ar %s .\n",
			    r->shortopt, argname(r));
		else if (r->arg == OA_NONE)
			printf(".No Short form: Fl %c .\n", r->shortopt);
		else
			printf(".No Short form: Fl %c Ar %s .\n", r->shortopt,
			    argname(r));
	}
	if (r->arg == OA_KEYWORD || r->arg == OA_KEYSET) {
		printf("%s\n", r->arg == OA_KEYWORD ? "One of" :
		    "One keyword per occurrence, of");
		for (k = 0; k < r->nkw; k++)
			printf(".Cm %s%s\n", r->kw[k].name,
			    k + 1 < r->nkw ? " ," : " .");
	}
	if (r->arg == OA_N)
		printf("Range: %ld to %ld.\n", r->min, r->max);
	if (r->maxlen > 0)
		printf("At most %zu characters; a longer value is cut and an "
		    "error is logged.\n", r->maxlen);
	if (r->rep == OR_LIST)
		printf("May be given more than once; the values "
		    "accumulate.\n");
	else if (r->rep == OR_SET)
		printf("May be given more than once; the keywords "
		    "combine.\n");
	put_default(i, r);
	put_where(r);
	for (k = 0, n = 0; (a = opt_row_at(k)) != NULL; k++) {
		if (a->alias_of == NULL || strcmp(a->alias_of, r->name) != 0)
			continue;
		printf("%s\n.Cm %s", n++ ? "," : "Also accepted as", a->name);
	}
	if (n > 0)
		printf(" .\n");
}

/* --------------------------------------------------------- directives */

static void
put_options(void)
{
	size_t k;

	if (ngroup == 0) {
		fail("@OPTIONS@ without @GROUP lines");
		return;
	}
	printf(".Bl -tag -width Ds\n");
	for (k = 0; k < ngroup; k++)
		put_entry(group[k]);
	printf(".El\n");
	ngroup = 0;
}

static void
add_group(char *names)
{
	const struct opt_row *r;
	char *w, *save = NULL;
	size_t i, n, hits;

	for (w = strtok_r(names, " \t\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n", &save)) {
		n = strlen(w);
		hits = 0;
		for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
			if (r->alias_of != NULL)
				continue;
			if (w[n - 1] == '*' ? strncmp(r->name, w, n - 1) != 0 :
			    strcmp(r->name, w) != 0)
				continue;
			hits++;
			if (notes[i].grouped) {
				if (w[n - 1] != '*')
					fail("%s is in more than one @GROUP",
					    r->name);
				continue;
			}
			notes[i].grouped = true;
			group[ngroup++] = i;
		}
		if (hits == 0)
			fail("@GROUP: no option %s", w);
	}
}

static void
put_short(void)
{
	const struct opt_row *r;
	size_t i;

	printf(".Bl -tag -width \"-r[boolean]\" -compact\n");
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (r->shortopt == 0)
			continue;
		if (r->arg == OA_NONE)
			printf(".It Fl %c\n", r->shortopt);
		else if (r->flags & OPT_F_OPTARG)
			printf(".It Fl %c Ns Op Ar %s\n", r->shortopt,
			    argname(r));
		else
			printf(".It Fl %c Ar %s\n", r->shortopt, argname(r));
		printf(".Fl \\-%s\n", r->name);
	}
	printf(".El\n");
}

static void
put_aliases(void)
{
	const struct opt_row *r;
	size_t i;

	const char *widest = "";

	for (i = 0; (r = opt_row_at(i)) != NULL; i++)
		if (r->alias_of != NULL && strlen(r->name) > strlen(widest))
			widest = r->name;
	printf(".Bl -column \"%s\" -offset indent -compact\n", widest);
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (r->alias_of == NULL)
			continue;
		printf(".It Cm %s Ta Cm %s\n", r->name, r->alias_of);
	}
	printf(".El\n");
}

/* A comma-separated ".Cm" list of the canonical options with this where. */
static void
put_where_list(unsigned where)
{
	const struct opt_row *r;
	size_t i, n = 0, total = 0;

	for (i = 0; (r = opt_row_at(i)) != NULL; i++)
		if (r->alias_of == NULL && r->where == where)
			total++;
	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		if (r->alias_of != NULL || r->where != where)
			continue;
		n++;
		if (n == total && total > 1)
			printf("and\n");
		printf(".Cm %s%s\n", r->name, n == total ? " ." : " ,");
	}
}

/* Check the option names in a roff line of the template. */
static void
check_line(const char *line)
{
	char word[256];
	size_t n;
	const char *p;

	if (strncmp(line, ".Cm ", 4) == 0)
		p = line + 4;
	else if (strncmp(line, ".Fl \\-", 6) == 0)
		p = line + 6;
	else
		return;
	n = strcspn(p, " \t\"\n");
	if (n == 0 || n >= sizeof(word))
		return;
	memcpy(word, p, n);
	word[n] = '\0';
	if (!known_word(word))
		fail("\"%s\" is not an option, alias or keyword", word);
}

/* Put line with @VERSION@ replaced. */
static void
put_line(const char *line)
{
	const char *p;

	while ((p = strstr(line, "@VERSION@")) != NULL) {
		fwrite(line, 1, (size_t)(p - line), stdout);
		fputs(SPAMDYKE_VERSION, stdout);
		line = p + strlen("@VERSION@");
	}
	fputs(line, stdout);
}

static char *
directive(char *line)
{
	static const char lead[] = ".\\\" @";

	if (strncmp(line, lead, sizeof(lead) - 1) != 0)
		return NULL;
	return line + sizeof(lead) - 1;
}

/* First pass: collect @NOTE and @DEFAULT. */
static void
collect(FILE *fp)
{
	char line[LINE_MAX_LEN], *d, *name;
	long i = -1;
	bool in_note = false;

	for (tmpl_line = 1; fgets(line, sizeof(line), fp) != NULL;
	    tmpl_line++) {
		d = directive(line);
		if (in_note) {
			if (d != NULL && strncmp(d, "END", 3) == 0) {
				in_note = false;
				continue;
			}
			if (d != NULL) {
				fail("directive inside @NOTE");
				continue;
			}
			check_line(line);
			if (i >= 0)
				append(&notes[i].text, line);
			continue;
		}
		if (d == NULL)
			continue;
		if (strncmp(d, "NOTE ", 5) == 0 || strncmp(d, "DEFAULT ", 8)
		    == 0) {
			bool def = d[0] == 'D';

			name = d + (def ? 8 : 5);
			name[strcspn(name, " \t\n")] = '\0';
			i = row_index(name);
			if (i < 0 || opt_row_at((size_t)i)->alias_of != NULL) {
				fail("@%s: no option %s", def ? "DEFAULT" :
				    "NOTE", name);
				i = -1;
			}
			if (def) {
				char *t = name + strlen(name) + 1;

				t[strcspn(t, "\n")] = '\0';
				if (i >= 0)
					notes[i].def = xstrdup(t);
			} else {
				if (i >= 0 && notes[i].text != NULL)
					fail("second @NOTE for %s", name);
				in_note = true;
			}
		}
	}
	if (in_note)
		fail("@NOTE without @END");
}

/* Second pass: write the page. */
static void
expand(FILE *fp)
{
	char line[LINE_MAX_LEN], *d;
	bool in_note = false;
	size_t i;

	printf(".\\\" Generated by documentation/mkconfman from %s and the "
	    "option table\n.\\\" (src/config/options.c); edit those, then "
	    "run \"make man\".\n", tmpl_name);
	for (tmpl_line = 1; fgets(line, sizeof(line), fp) != NULL;
	    tmpl_line++) {
		d = directive(line);
		if (in_note) {
			if (d != NULL && strncmp(d, "END", 3) == 0)
				in_note = false;
			continue;
		}
		if (d == NULL) {
			check_line(line);
			put_line(line);
			continue;
		}
		if (strncmp(d, "NOTE ", 5) == 0)
			in_note = true;
		else if (strncmp(d, "DEFAULT ", 8) == 0)
			;
		else if (strncmp(d, "GROUP ", 6) == 0)
			add_group(d + 6);
		else if (strcmp(d, "OPTIONS@\n") == 0)
			put_options();
		else if (strcmp(d, "SHORT_OPTIONS@\n") == 0)
			put_short();
		else if (strcmp(d, "ALIASES@\n") == 0)
			put_aliases();
		else if (strcmp(d, "WHERE_C@\n") == 0)
			put_where_list(OPT_WHERE_C);
		else if (strcmp(d, "WHERE_CF@\n") == 0)
			put_where_list(OPT_WHERE_C | OPT_WHERE_F);
		else if (strcmp(d, "WHERE_CFD@\n") == 0)
			put_where_list(OPT_WHERE_C | OPT_WHERE_F |
			    OPT_WHERE_D);
		else
			fail("unknown directive @%.*s", (int)strcspn(d, "\n"),
			    d);
	}
	if (ngroup > 0)
		fail("@GROUP lines without a following @OPTIONS@");
	/* Pages with an option reference must cover every option. */
	for (i = 0; i < opt_count(); i++)
		if (notes[i].grouped)
			break;
	if (i == opt_count())
		return;
	for (i = 0; i < opt_count(); i++)
		if (opt_row_at(i)->alias_of == NULL && !notes[i].grouped)
			fail("option %s is in no @GROUP",
			    opt_row_at(i)->name);
}

/* ------------------------------------------------------------- modes */

static int
list_options(void)
{
	const struct opt_row *r;
	size_t i;

	for (i = 0; (r = opt_row_at(i)) != NULL; i++) {
		const struct opt_row *c = r->alias_of != NULL ?
		    opt_row_by_name(r->alias_of) : r;

		printf("%s %s%s%s %s %s\n", r->name,
		    (c->where & OPT_WHERE_C) ? "C" : "",
		    (c->where & OPT_WHERE_F) ? "F" : "",
		    (c->where & OPT_WHERE_D) ? "D" : "",
		    c->rep == OR_LIST ? "list" : c->rep == OR_SET ? "set" :
		    c->rep == OR_ONCE ? "once" : "last",
		    r->alias_of != NULL ? r->alias_of : "-");
	}
	return 0;
}

static int
check_files(int argc, char *argv[])
{
	struct options *opt;
	char err[2048];
	int i, rc = 0;

	for (i = 0; i < argc; i++) {
		if ((opt = opt_new()) == NULL) {
			fprintf(stderr, "mkconfman: out of memory\n");
			return 2;
		}
		if (opt_set(opt, "config-file", argv[i], OPT_WHERE_C, err,
		    sizeof(err)) == -1 ||
		    opt_read_config_files(opt, err, sizeof(err)) == -1) {
			fprintf(stderr, "%s: %s\n", argv[i], err);
			rc = 1;
		} else
			printf("%s: ok\n", argv[i]);
		opt_free(opt);
	}
	return rc;
}

int
main(int argc, char *argv[])
{
	FILE *fp;
	size_t i;

	if (opt_count() > MAX_ROWS) {
		fprintf(stderr, "mkconfman: raise MAX_ROWS\n");
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-n") == 0)
		return list_options();
	if (argc >= 3 && strcmp(argv[1], "-c") == 0)
		return check_files(argc - 2, argv + 2);
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr,
		    "usage: mkconfman TEMPLATE | -n | -c FILE...\n");
		return 2;
	}
	tmpl_name = argv[1];
	if ((fp = fopen(tmpl_name, "r")) == NULL) {
		perror(tmpl_name);
		return 2;
	}
	/* The page names its template without the build's source path. */
	if (strrchr(tmpl_name, '/') != NULL) {
		const char *b = strrchr(tmpl_name, '/') + 1;
		static char rel[512];

		snprintf(rel, sizeof(rel), "documentation/%s", b);
		collect(fp);
		rewind(fp);
		tmpl_name = rel;
	} else {
		collect(fp);
		rewind(fp);
	}
	expand(fp);
	fclose(fp);
	for (i = 0; i < MAX_ROWS; i++) {
		free(notes[i].text);
		free(notes[i].def);
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("mkconfman: stdout");
		return 2;
	}
	return errors > 0 ? 1 : 0;
}
