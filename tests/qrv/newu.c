/*
 * newu.c - test helper: compile a users/assign text (stdin) into a
 * users/cdb file (argv[1]) the way qmail-newu does, with tinycdb's
 * cdb_make.  "=local:user:uid:gid:home:dash:ext:" gives the key
 * "!" lc(local) NUL; "+prefix:user:uid:gid:home:dash:pre:" gives the key
 * "!" lc(prefix) and adds the prefix's last character (as written) to the
 * wildcard set stored under the empty key.  The data is the six fields,
 * each followed by NUL.  A line "." ends the input.
 *
 * Extra test-only line forms, to make broken files on purpose:
 * "*KEY:DATA" stores KEY (no "!", no NUL) with DATA verbatim, and "-"
 * leaves out the empty-key record.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cdb.h>

int
main(int argc, char *argv[])
{
	struct cdb_make cm;
	char line[8192], key[8192], data[8192], wild[256];
	size_t wl = 0, kl, dl, i, nf;
	bool nowild = false;
	char *p, *colon;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: newu CDBFILE < assign\n");
		return 2;
	}
	if ((fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644)) == -1 ||
	    cdb_make_start(&cm, fd) == -1) {
		perror(argv[1]);
		return 1;
	}
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, ".") == 0)
			break;
		if (strcmp(line, "-") == 0) {
			nowild = true;
			continue;
		}
		if (line[0] == '*' && (colon = strchr(line, ':')) != NULL) {
			cdb_make_add(&cm, line + 1, (unsigned)(colon - line - 1),
			    colon + 1, (unsigned)strlen(colon + 1));
			continue;
		}
		if ((line[0] != '=' && line[0] != '+') ||
		    (colon = strchr(line + 1, ':')) == NULL)
			continue;
		kl = 0;
		key[kl++] = '!';
		for (p = line + 1; p < colon; p++)
			key[kl++] = (char)tolower((unsigned char)*p);
		if (line[0] == '=')
			key[kl++] = '\0';
		else if (colon > line + 1 && wl < sizeof(wild) &&
		    memchr(wild, colon[-1], wl) == NULL)
			wild[wl++] = colon[-1];
		/* six fields, each NUL-terminated */
		dl = 0;
		nf = 0;
		for (p = colon + 1; *p != '\0' && nf < 6; p++) {
			if (*p == ':') {
				data[dl++] = '\0';
				nf++;
			} else {
				data[dl++] = *p;
			}
		}
		for (i = nf; i < 6; i++)
			data[dl++] = '\0';
		cdb_make_add(&cm, key, (unsigned)kl, data, (unsigned)dl);
	}
	if (!nowild)
		cdb_make_add(&cm, "", 0, wild, (unsigned)wl);
	if (cdb_make_finish(&cm) == -1 || close(fd) == -1) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
