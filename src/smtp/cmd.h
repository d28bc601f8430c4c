/*
 * cmd.h - classify one SMTP command line by its verb.
 */
#ifndef SPAMDYKE_SMTP_CMD_H
#define SPAMDYKE_SMTP_CMD_H

#include <stddef.h>

enum smtp_verb {
	CMD_OTHER = 0,
	CMD_HELO,
	CMD_EHLO,
	CMD_AUTH,
	CMD_STARTTLS,
	CMD_MAIL,
	CMD_RCPT,
	CMD_DATA,
	CMD_QUIT,
	CMD_RSET,
};

/*
 * Classify line (trailing CR/LF already removed, n bytes) the way
 * qmail-smtpd does: the verb is the text before the first space, compared
 * case-insensitively.  *arg is set to the text after the verb and the
 * spaces following it (possibly empty).
 */
enum smtp_verb	 smtp_cmd_classify(const char *line, size_t n,
		    const char **arg, size_t *argn);
/* Verb name for logs ("MAIL", "OTHER", ...). */
const char	*smtp_cmd_name(enum smtp_verb);

#endif
