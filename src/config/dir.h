/*
 * dir.h - configuration directories (files.md 2, options.md 1.7): which
 * files under the config-dir roots apply to one recipient, applied in the
 * specified order to a struct options.
 */
#ifndef SPAMDYKE_CONFIG_DIR_H
#define SPAMDYKE_CONFIG_DIR_H

#include <stddef.h>

struct options;

/*
 * What one recipient is known by.  Every string may be NULL, which means
 * the same as "".  Values are expected lowercased (they are lowercased
 * again for the path).
 */
struct config_dir_query {
	const char	*ip;		/* client address text; "" = 0.0.0.0 */
	const char	*rdns;		/* "": no _rdns_ criterion */
	const char	*sender_local;	/* "": no _at_ path for the sender */
	const char	*sender_domain;	/* "": no _sender_ criterion */
	const char	*rcpt_local;	/* "": no _at_ path for the recipient */
	const char	*rcpt_domain;	/* "": no _recipient_ criterion */
};

/*
 * Search every root of opt->config_dir as opt->config_dir_search says
 * and apply each matching file to opt with opt_read_dir_file() (errors in
 * a file are logged and its bad lines skipped), in the order of files.md
 * 2.3.  opt is normally a fresh opt_dup() of the global options.  Misses
 * are not logged (probes at debug level only).  Returns the number of
 * files read (0: none matched), or -1 when memory ran out (logged; opt
 * may then hold part of the files).
 */
int	 config_dir_apply(struct options *opt,
	    const struct config_dir_query *q);

/*
 * The path component for a local part (files.md 2.2): every byte outside
 * [A-Za-z0-9@_.-] becomes '_', then lowercase.  Writes at most len - 1
 * bytes and a NUL to dst; returns dst.
 */
char	*config_dir_canon_local(const char *local, char *dst, size_t len);

#endif
