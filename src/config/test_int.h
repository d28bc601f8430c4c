/*
 * test_int.h - shared between the --config-test files of src/config/
 * only; not a public interface (that is test.h).  test.c owns the output,
 * the order of the checks and the option loop; test_files.c the access
 * checks of files, directories and commands and the CDB structure;
 * test_qmail.c qmail-smtpd, TLS and SMTP AUTH; test_cdir.c the
 * configuration and rDNS directory trees; test_lists.c list lines,
 * graylisting and the DNS blacklists.
 */
#ifndef SPAMDYKE_CONFIG_TEST_INT_H
#define SPAMDYKE_CONFIG_TEST_INT_H

#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "config/options.h"
#include "log/log.h"

#ifndef QMAIL_HOME
#define QMAIL_HOME	"/var/qmail"
#endif
#define DEF_RCPTHOSTS	QMAIL_HOME "/control/rcpthosts"
#define DEF_MORERCPT	QMAIL_HOME "/control/morercpthosts.cdb"

#define CT_DEPTH_MAX	64		/* directory walks */
#define CT_WALK_MAX	1000000		/* objects per walk */

/* What a finding is; decides the word and the log level it needs. */
enum kind { K_ERROR, K_WARNING, K_WARNING_V, K_INFO, K_SUCCESS, K_VERBOSE };

/* The state of one --config-test run. */
struct ct {
	const struct options	*opt;		/* the global options */
	enum log_level		 level;
	int			 errors;
	char			**envp;		/* 12.2 item 2 */
	char			 context[PATH_MAX + 64];
	bool			 capturing;	/* relay logged errors */
	const char		*capture_opt;
	bool			 qmail_tls;
	bool			 qmail_auth;
	size_t			 walked;	/* objects seen by one walk */
	const struct options	*dirfile;	/* testing a D file, or NULL */
};

/* ---- test.c ---- */

/*
 * Print one finding "KIND(name): text<context>" (name NULL: "KIND:
 * text"; K_VERBOSE: the text alone) if ct's level shows it; every
 * K_ERROR counts, shown or not.
 */
void	 ct_say(struct ct *, enum kind, const char *name, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));
/* Show what the modules log as ERROR lines of option name (NULL: stop). */
void	 ct_capture(struct ct *, const char *name);
/* The keyword of option for value, "?" if none. */
const char *ct_kwname(const char *option, int value);
/*
 * The values of row r in o: a list, or one string through *one; NULL
 * for rows that take no string.  *n 0 when unset.
 */
const char *const *ct_values(const struct opt_row *r,
	    const struct options *o, size_t *n, const char **one);
/* Does o name a file of local domains (rcpthosts, morercpthosts)? */
bool	 ct_local_known(const struct options *);
/*
 * 12.2 item 6 on o (for a directory file: only what o sets, graylisting
 * on merged, its values over the global ones).
 */
void	 ct_test_options(struct ct *, const struct options *o,
	    const struct options *merged);

/* ---- test_files.c ---- */

/* 12.2 item 4: spamdyke's own binary. */
void	 ct_test_self(struct ct *, const char *argv0);
/* A file option name reads: access, size, useless lines. */
void	 ct_test_read_file(struct ct *, const char *name, const char *path);
/*
 * The executable behind the first word of cmd (searched on PATH when
 * pathsearch), found in out and stat()ed into st; 0 ok, -1 reported.
 */
int	 ct_test_exec(struct ct *, const char *name, const char *cmd,
	    bool pathsearch, char *out, size_t outlen, struct stat *st);
/* Create and delete a probe file in dir, saying success; 0 ok. */
int	 ct_test_write_dir(struct ct *, const char *name, const char *dir,
	    enum kind success);
/*
 * The sorted entries of dir (scandir(3); free with ct_free_dir()), or -1
 * reported as an error of option name.
 */
int	 ct_list_dir(struct ct *, const char *name, const char *dir,
	    struct dirent ***ents);
void	 ct_free_dir(struct dirent **, int n);
/* Is s "." or ".."? */
bool	 ct_dot(const char *s);
/* Warn when the *-entry row r is given more than 25 times (n). */
void	 ct_entry_count(struct ct *, const struct opt_row *r, size_t n);
/* The test of row r's type, for rows without a special test. */
void	 ct_generic(struct ct *, const struct opt_row *r,
	    const struct options *o);

/* ---- test_lists.c ---- */

/*
 * Warn about the lines of list file path (option name) that can match
 * nothing; returns the number of entry lines, *rdns_warn whether the
 * option's lists are better kept in an rDNS directory.
 */
unsigned ct_list_lines(struct ct *, const char *name, const char *path,
	    bool *rdns_warn);

/* ---- the special tests of single options, row r, values in o ---- */

/* test_qmail.c: 12.2 item 5; rcpthosts, relay, TLS and AUTH options. */
void	 ct_test_qmail(struct ct *, char *const argv[]);
void	 ct_sp_rcpthosts(struct ct *, const struct opt_row *,
	    const struct options *);
void	 ct_sp_relay(struct ct *, const struct opt_row *,
	    const struct options *);
void	 ct_sp_tls(struct ct *, const struct opt_row *,
	    const struct options *);
void	 ct_sp_auth(struct ct *, const struct opt_row *,
	    const struct options *);
/* test_cdir.c */
void	 ct_sp_rdns_dir(struct ct *, const struct opt_row *,
	    const struct options *);
void	 ct_sp_config_dir(struct ct *, const struct opt_row *,
	    const struct options *);
/* test_lists.c */
void	 ct_sp_graylist(struct ct *, const struct opt_row *,
	    const struct options *);
void	 ct_sp_dnsbl(struct ct *, const struct opt_row *,
	    const struct options *);
void	 ct_sp_dnsbl_file(struct ct *, const struct opt_row *,
	    const struct options *);

#endif
