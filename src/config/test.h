/*
 * test.h - --config-test (files.md 12): check the configuration the way
 * the running filter would use it and say what is wrong.
 */
#ifndef SPAMDYKE_CONFIG_TEST_H
#define SPAMDYKE_CONFIG_TEST_H

struct options;

/*
 * Run every check of files.md 12.2, in order, on opt (the options after
 * the command line, run-as-user, the configuration files and
 * opt_finish()), printing one finding per line to stderr, starting with
 * the version banner and ending with the verdict line.  argv0 is
 * spamdyke's own argv[0] (check 4); qmail_argv the qmail-smtpd command
 * line, NULL-terminated (check 5).  Logging is taken over for the
 * duration (log_open(LL_NONE), an observer).  Returns the exit status:
 * 0 no errors, 1 errors (Improvement: 5.0.1 always exits 0).
 */
int	 config_test(struct options *opt, const char *argv0,
	    char *const qmail_argv[]);

#endif
