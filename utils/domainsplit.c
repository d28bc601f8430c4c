/*
 * domainsplit - print the "base domain" of names (files.md 13).
 *
 * Scanning dots from the right: if the last label has 3 or more bytes,
 * keep the last two labels, otherwise the last three; a name with fewer
 * labels is printed whole.  One lowercased line per name.  Names come
 * from the arguments or, when there are none, from stdin, separated by
 * whitespace; a token longer than TOKEN_MAX bytes is cut into pieces.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "utils.h"

#define TOKEN_MAX	1024

static const char *const usage[] = {
	"USAGE: domainsplit [ NAME ... ]",
	"",
	"Prints the base domain of each NAME, one per line, lowercased: the "
	    "last two",
	"labels when the last label has three or more characters, else the "
	    "last three",
	"(foo.bar.example.com -> example.com, a.b.example.co.uk -> "
	    "example.co.uk).",
	"Without NAME, names are read from standard input, separated by "
	    "whitespace.",
	NULL
};

static void
print_base(const char *name, size_t len)
{
	size_t i, dots = 0, keep = 0, start = 0, lastlen = len;
	char c;

	for (i = len; i > 0; i--)
		if (name[i - 1] == '.') {
			dots++;
			if (dots == 1) {
				lastlen = len - i;
				keep = lastlen >= 3 ? 2 : 3;
			}
			if (dots == keep) {
				start = i;
				break;
			}
		}
	for (i = start; i < len; i++) {
		c = (char)tolower((unsigned char)name[i]);
		putchar(c);
	}
	putchar('\n');
}

/*
 * Improvement (files.md 13): runs of whitespace produce no empty lines.
 */
static void
read_stdin(void)
{
	char tok[TOKEN_MAX];
	size_t n = 0;
	int c;

	while ((c = getchar()) != EOF) {
		if (isspace(c)) {
			if (n > 0)
				print_base(tok, n);
			n = 0;
			continue;
		}
		tok[n++] = (char)c;
		if (n == sizeof(tok)) {
			print_base(tok, n);
			n = 0;
		}
	}
	if (n > 0)
		print_base(tok, n);
}

int
main(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0) {
			util_usage(usage);
			return 0;
		}
	if (argc == 1)
		read_stdin();
	else
		for (i = 1; i < argc; i++)
			if (argv[i][0] != '\0')
				print_base(argv[i], strlen(argv[i]));
	return 0;
}
