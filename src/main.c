/*
 * main.c - start-up only (session.md 1.1-1.3): options, identity,
 * configuration files, logging, then one session.
 *
 * Improvement: usage and configuration errors exit with status 111
 * without starting qmail-smtpd (5.0.1 exits 0); the message is unchanged.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "config/options.h"
#include "config/test.h"
#include "log/log.h"
#include "privs.h"
#include "session.h"

int
main(int argc, char *argv[])
{
	struct options *opt;
	enum opt_action action;
	char err[2048];
	int cmd = argc, rc;

	signal(SIGPIPE, SIG_IGN);
	if ((opt = opt_new()) == NULL) {
		fprintf(stderr, "out of memory\n");
		return 111;
	}
	if (opt_parse_cmdline(opt, argc, argv, &action, &cmd, err,
	    sizeof(err)) == -1) {
		opt_print_usage_error(stderr, err);
		opt_free(opt);
		return 111;
	}
	switch (action) {
	case OPT_HELP:
	case OPT_MORE_HELP:
		opt_print_help(stderr, action == OPT_MORE_HELP);
		opt_free(opt);
		return 0;
	case OPT_VERSION:
		opt_print_version(stderr);
		opt_free(opt);
		return 0;
	default:
		break;
	}
	/* 1.6: the identity switch comes before any file is opened. */
	if (opt->run_as_user != NULL && privs_run_as(opt->run_as_user) == -1) {
		opt_free(opt);
		return 111;
	}
	if (opt_read_config_files(opt, err, sizeof(err)) == -1) {
		opt_print_usage_error(stderr, err);
		opt_free(opt);
		return 111;
	}
	opt_finish(opt);
	if (action == OPT_CONFIG_TEST) {
		/* files.md 12; Improvement: status 1 when errors were found. */
		rc = config_test(opt, argv[0], argv + cmd);
		opt_free(opt);
		return rc;
	}
	log_open((enum log_level)opt->log_level, opt->log_target);
	rc = session_run(opt, argv + cmd);
	log_close();
	opt_free(opt);
	return rc;
}
