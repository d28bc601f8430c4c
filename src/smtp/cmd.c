/*
 * cmd.c - command classification (session.md 2.7).
 *
 * Improvement: 5.0.1 matches command prefixes such as "MAIL FROM", so a
 * line like "MAIL  FROM:<a@b>" (two spaces, accepted by qmail-smtpd) went
 * through as "other" and escaped the sender filters.  We classify by verb
 * exactly as qmail-smtpd does, so every line qmail-smtpd will treat as MAIL
 * is seen as MAIL here.
 */
#include "smtp/cmd.h"
#include "util/str.h"

static const struct {
	const char	*name;
	enum smtp_verb	 verb;
} verbs[] = {
	{ "HELO", CMD_HELO },
	{ "EHLO", CMD_EHLO },
	{ "AUTH", CMD_AUTH },
	{ "STARTTLS", CMD_STARTTLS },
	{ "MAIL", CMD_MAIL },
	{ "RCPT", CMD_RCPT },
	{ "DATA", CMD_DATA },
	{ "QUIT", CMD_QUIT },
	{ "RSET", CMD_RSET },
};

enum smtp_verb
smtp_cmd_classify(const char *line, size_t n, const char **arg, size_t *argn)
{
	size_t v = 0, i, k;

	/* qmail-smtpd splits the verb at the first space only. */
	while (v < n && line[v] != ' ')
		v++;
	i = v;
	while (i < n && line[i] == ' ')
		i++;
	*arg = line + i;
	*argn = n - i;
	for (k = 0; k < nitems(verbs); k++) {
		const char *name = verbs[k].name;
		size_t j;

		for (j = 0; j < v && name[j] != '\0'; j++) {
			char c = line[j];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c != name[j])
				break;
		}
		if (j == v && name[j] == '\0')
			return verbs[k].verb;
	}
	return CMD_OTHER;
}

const char *
smtp_cmd_name(enum smtp_verb verb)
{
	size_t k;

	for (k = 0; k < nitems(verbs); k++)
		if (verbs[k].verb == verb)
			return verbs[k].name;
	return "OTHER";
}
