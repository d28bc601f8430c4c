/*
 * options.h - every spamdyke option (options.md) and the one table that
 * drives parsing, --help, --more-help, the full-log dump and --config-test.
 *
 * A field of struct options is named after its option with '-' turned
 * into '_': graylist-min-secs lives in opt->graylist_min_secs.  Field
 * types: FLAG bool, N long, single keyword int (an enum constant below),
 * keyword set unsigned (bits below), single text/path/command char *
 * (NULL = unset), everything repeatable struct strlist.
 *
 * Text options have no stored default: a NULL rejection text means "use
 * the built-in text" (reply table), a NULL tls-cipher-list means DEFAULT.
 * dns-timeout-secs 0 means "not given, derive it" (options.md 2.3).
 */
#ifndef SPAMDYKE_CONFIG_OPTIONS_H
#define SPAMDYKE_CONFIG_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "log/log.h"

struct buf;

/* A repeatable option: values in the order given, no exact duplicates. */
struct strlist {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

/* filter-level */
enum { FL_ALLOW_ALL, FL_NORMAL, FL_REQUIRE_AUTH, FL_REJECT_ALL };
/* smtp-auth-level, ordered: compare with < and >= */
enum { AL_NONE, AL_OBSERVE, AL_ONDEMAND, AL_ONDEMAND_ENCRYPTED, AL_ALWAYS,
	AL_ALWAYS_ENCRYPTED };
/* tls-level */
enum { TLS_LEVEL_NONE, TLS_LEVEL_SMTP, TLS_LEVEL_SMTP_NO_PASSTHROUGH,
	TLS_LEVEL_SMTPS };
/* tls-min-protocol (addition) */
enum { TLS_MIN_1_0, TLS_MIN_1_1, TLS_MIN_1_2, TLS_MIN_1_3 };
/* relay-level; RL_UNSET is never produced by the parser */
enum { RL_UNSET, RL_BLOCK_ALL, RL_NORMAL, RL_ALLOW_ALL };
/* graylist-level */
enum { GL_NONE, GL_ALWAYS, GL_ALWAYS_CREATE_DIR, GL_ONLY, GL_ONLY_CREATE_DIR };
/* dns-level */
enum { DL_NONE, DL_NORMAL, DL_AGGRESSIVE };
/* dns-spoof */
enum { DS_ACCEPT_ALL, DS_ACCEPT_SAME_IP, DS_ACCEPT_SAME_PORT, DS_REJECT };
/* dns-tcp */
enum { DT_NONE, DT_NORMAL };

/* reject-sender bits ("none" = 0) */
#define RS_NO_MX			0x1u
#define RS_NOT_LOCAL			0x2u
#define RS_AUTH_MISMATCH		0x4u
#define RS_AUTH_DOMAIN_MISMATCH		0x8u
/* reject-recipient bits ("none" = 0) */
#define RR_SAME_AS_SENDER		0x1u
#define RR_INVALID			0x2u
#define RR_UNAVAILABLE			0x4u
/* config-dir-search bits ("first" = 0) */
#define CDS_ALL_IP			0x1u
#define CDS_ALL_RDNS			0x2u
#define CDS_ALL_SENDER			0x4u
#define CDS_ALL_RECIPIENT		0x8u
/* dns-query-type-* bits */
#define QT_A				0x01u
#define QT_AAAA				0x02u
#define QT_CNAME			0x04u
#define QT_MX				0x08u
#define QT_PTR				0x10u
#define QT_TXT				0x20u
/* log-target uses LT_STDERR / LT_SYSLOG, log-level enum log_level (log.h) */

/* Where an option may appear (options.md 0, "Where"). */
#define OPT_WHERE_C	0x1u	/* command line */
#define OPT_WHERE_F	0x2u	/* global configuration file */
#define OPT_WHERE_D	0x4u	/* configuration-directory file */

struct options {
	struct strlist	 config_dir;
	unsigned	 config_dir_search;
	struct strlist	 config_file;
	bool		 config_test;
	char		*config_test_smtpauth_password;
	char		*config_test_smtpauth_username;
	long		 connection_timeout_secs;
	struct strlist	 dns_blacklist_entry;
	struct strlist	 dns_blacklist_file;
	int		 dns_level;
	long		 dns_max_retries_primary;
	long		 dns_max_retries_total;
	unsigned	 dns_query_type_a;
	unsigned	 dns_query_type_mx;
	unsigned	 dns_query_type_ptr;
	unsigned	 dns_query_type_rbl;
	struct strlist	 dns_resolv_conf;
	struct strlist	 dns_server_ip;
	struct strlist	 dns_server_ip_primary;
	int		 dns_spoof;
	int		 dns_tcp;
	long		 dns_timeout_secs;
	struct strlist	 dns_whitelist_entry;
	struct strlist	 dns_whitelist_file;
	int		 filter_level;
	char		*full_log_dir;
	struct strlist	 graylist_dir;
	struct strlist	 graylist_exception_ip_entry;
	struct strlist	 graylist_exception_ip_file;
	struct strlist	 graylist_exception_rdns_dir;
	struct strlist	 graylist_exception_rdns_entry;
	struct strlist	 graylist_exception_rdns_file;
	int		 graylist_level;
	long		 graylist_max_secs;
	long		 graylist_min_secs;
	bool		 graylist_retry_hint;
	long		 greeting_delay_secs;
	struct strlist	 header_blacklist_entry;
	struct strlist	 header_blacklist_file;
	bool		 help;
	char		*hostname;
	char		*hostname_command;
	char		*hostname_file;
	long		 idle_timeout_secs;
	struct strlist	 ip_blacklist_entry;
	struct strlist	 ip_blacklist_file;
	struct strlist	 ip_in_rdns_keyword_blacklist_entry;
	struct strlist	 ip_in_rdns_keyword_blacklist_file;
	struct strlist	 ip_in_rdns_keyword_whitelist_entry;
	struct strlist	 ip_in_rdns_keyword_whitelist_file;
	struct strlist	 ip_relay_entry;
	struct strlist	 ip_relay_file;
	struct strlist	 ip_whitelist_entry;
	struct strlist	 ip_whitelist_file;
	int		 log_level;		/* enum log_level */
	unsigned	 log_target;		/* LT_* bits */
	long		 max_recipients;
	bool		 more_help;
	char		*policy_url;
	struct strlist	 qmail_morercpthosts_cdb;
	struct strlist	 qmail_rcpthosts_file;
	struct strlist	 rdns_blacklist_dir;
	struct strlist	 rdns_blacklist_entry;
	struct strlist	 rdns_blacklist_file;
	struct strlist	 rdns_relay_entry;
	struct strlist	 rdns_relay_file;
	struct strlist	 rdns_whitelist_dir;
	struct strlist	 rdns_whitelist_entry;
	struct strlist	 rdns_whitelist_file;
	struct strlist	 recipient_blacklist_entry;
	struct strlist	 recipient_blacklist_file;
	struct strlist	 recipient_validation_command;
	struct strlist	 recipient_whitelist_entry;
	struct strlist	 recipient_whitelist_file;
	bool		 reject_empty_rdns;
	bool		 reject_ip_in_cc_rdns;
	unsigned	 reject_recipient;
	unsigned	 reject_sender;
	bool		 reject_unresolvable_rdns;
	char		*rejection_text_auth_failure;
	char		*rejection_text_auth_unknown;
	char		*rejection_text_dns_blacklist;
	char		*rejection_text_earlytalker;
	char		*rejection_text_empty_rdns;
	char		*rejection_text_graylist;
	char		*rejection_text_header_blacklist;
	char		*rejection_text_ip_blacklist;
	char		*rejection_text_ip_in_cc_rdns;
	char		*rejection_text_ip_in_rdns_keyword_blacklist;
	char		*rejection_text_local_recipient;
	char		*rejection_text_max_recipients;
	char		*rejection_text_rdns_blacklist;
	char		*rejection_text_recipient_blacklist;
	char		*rejection_text_recipient_invalid;
	char		*rejection_text_recipient_same_as_sender;
	char		*rejection_text_recipient_unavailable;
	char		*rejection_text_reject_all;
	char		*rejection_text_relaying_denied;
	char		*rejection_text_rhs_blacklist;
	char		*rejection_text_sender_authentication_mismatch;
	char		*rejection_text_sender_blacklist;
	char		*rejection_text_sender_no_mx;
	char		*rejection_text_sender_not_local;
	char		*rejection_text_smtp_auth_required;
	char		*rejection_text_timeout;
	char		*rejection_text_tls_failure;
	char		*rejection_text_unresolvable_rdns;
	char		*rejection_text_zero_recipients;
	int		 relay_level;
	struct strlist	 rhs_blacklist_entry;
	struct strlist	 rhs_blacklist_file;
	struct strlist	 rhs_whitelist_entry;
	struct strlist	 rhs_whitelist_file;
	char		*run_as_user;
	struct strlist	 sender_blacklist_entry;
	struct strlist	 sender_blacklist_file;
	struct strlist	 sender_whitelist_entry;
	struct strlist	 sender_whitelist_file;
	struct strlist	 smtp_auth_command;
	int		 smtp_auth_level;
	bool		 smtp_auth_require_tls;
	char		*tls_certificate_file;
	char		*tls_cipher_list;
	char		*tls_ciphersuites;
	char		*tls_dhparams_file;
	int		 tls_level;
	int		 tls_min_protocol;
	char		*tls_privatekey_file;
	char		*tls_privatekey_password;
	char		*tls_privatekey_password_file;
	bool		 version;

	/* Bookkeeping: OPT_WHERE_* bits of every place a row was mentioned. */
	unsigned char	*mentioned;	/* opt_count() entries */
};

/* How the value of a row is written (the Argument column of options.md). */
enum opt_arg {
	OA_NONE,	/* action: help, version, config-test */
	OA_FLAG,	/* bool */
	OA_N,		/* long, within [min, max] */
	OA_KEYWORD,	/* int, one keyword of kw[] */
	OA_KEYSET,	/* unsigned, one keyword of kw[] per occurrence */
	OA_TEXT,	/* literal text (maxlen > 0: truncated) */
	OA_FILE,	/* path of a file */
	OA_DIR,		/* path of a directory, trailing '/' removed */
	OA_CDB,		/* path of a CDB file */
	OA_CMD,		/* command, ',' turned into ' ' */
	OA_USER,	/* USER[:GROUP] */
	OA_IPENTRY,
	OA_RDNSENTRY,
	OA_ADDRENTRY,
	OA_KEYWORDS,	/* IP-in-rDNS keyword pattern */
	OA_HEADERPAT,
	OA_ZONE,
	OA_SERVER	/* IPv4[:PORT] or [IPv6]:PORT */
};

/* Rep column: how repeated occurrences combine. */
enum opt_rep { OR_ONCE, OR_LAST, OR_LIST, OR_SET };

/* Row flags. */
#define OPT_F_OPTARG	0x01u	/* command line value only attached */
#define OPT_F_READ	0x02u	/* config-test access (r) */
#define OPT_F_WRITE	0x04u	/* (w) */
#define OPT_F_EXEC	0x08u	/* (x) */
#define OPT_F_NOTDIR	0x10u	/* file must not be a directory */
#define OPT_F_SECRET	0x20u	/* never printed by opt_dump */
#define OPT_F_PATHDEF	0x40u	/* default path only if it exists */

/* One keyword of a keyword or keyword-set option. */
struct opt_kw {
	const char	*name;
	int		 value;	/* constant or bit; 0 empties a set */
};

/* One row of the option table (options.c). */
struct opt_row {
	const char		*name;
	int			 shortopt;	/* 0: none */
	enum opt_arg		 arg;
	unsigned		 where;		/* OPT_WHERE_* */
	enum opt_rep		 rep;
	unsigned		 flags;		/* OPT_F_* */
	size_t			 off;		/* offsetof() the field */
	long			 def;		/* FLAG N KEYWORD KEYSET */
	long			 min;		/* N range; OPTARG KEYWORD: */
	long			 max;		/* min = value when bare */
	const struct opt_kw	*kw;		/* KEYWORD, KEYSET */
	size_t			 nkw;
	size_t			 maxlen;	/* TEXT: limit, 0 none */
	const char		*alias_of;	/* alias: canonical name */
	const char		*help;		/* --more-help text */
};

enum opt_action { OPT_RUN, OPT_HELP, OPT_MORE_HELP, OPT_VERSION,
	OPT_CONFIG_TEST };

/* Zeroed options with the built-in defaults; NULL on ENOMEM. */
struct options	*opt_new(void);
/* Free everything the options own (NULL is fine). */
void		 opt_free(struct options *);
/* Deep copy (per-recipient overlay); NULL on ENOMEM. */
struct options	*opt_dup(const struct options *);
/*
 * Move the path defaults (tests): rcpthosts and morercpthosts.cdb below
 * qmail_control_dir (built-in: QMAIL_HOME "/control"), the resolver file
 * (built-in: /etc/resolv.conf).  Process-wide; the string is not copied.
 */
void		 opt_set_default_paths(const char *qmail_control_dir);
void		 opt_set_default_resolv_conf(const char *path);

/*
 * Parse argv (options.md 1.1).  0: *action and *cmd_index (index in argv
 * of the qmail-smtpd command, argc when none) are set.  -1: the message,
 * without banner, is in err.  A missing command is an error for OPT_RUN
 * and OPT_CONFIG_TEST only.
 */
int		 opt_parse_cmdline(struct options *, int argc,
		    char *const argv[], enum opt_action *action, int *cmd_index,
		    char *err, size_t errlen);
/*
 * Read every config-file named so far with includes in the 5.0.1 order
 * (files.md 1.3) under F rules; 0 ok, -1 first error (naming file and
 * line) in err.
 */
int		 opt_read_config_files(struct options *, char *err,
		    size_t errlen);
/*
 * Apply one configuration-directory file and its includes under D rules:
 * every error is logged with log_error and the line skipped.  Returns the
 * number of lines applied, -1 if path itself is unreadable.
 */
int		 opt_read_dir_file(struct options *, const char *path);
/*
 * Set one option by exact long name (alias allowed) as if given at where
 * (one OPT_WHERE_* bit); value NULL = no value (bare name).  0 ok, -1
 * with the message in err (unknown, not allowed there, bad value).
 */
int		 opt_set(struct options *, const char *name,
		    const char *value, unsigned where, char *err,
		    size_t errlen);
/* Dependent defaults (smtp-auth-command -> ondemand); after each file. */
void		 opt_post_parse(struct options *);
/*
 * After all global files: dependent defaults, and the path defaults of
 * never-mentioned options whose path exists (rcpthosts, morercpthosts.cdb,
 * resolv.conf).
 */
void		 opt_finish(struct options *);
/* OPT_WHERE_* bits of the places name was given (0: never); alias ok. */
unsigned	 opt_mentioned(const struct options *, const char *name);

/* Banner and hint line (--version). */
void		 opt_print_version(FILE *);
/* Usage summary; with more, every description (options.md 4.2). */
void		 opt_print_help(FILE *, bool more);
/* Banner, hint and "ERROR: err" (usage and configuration errors). */
void		 opt_print_usage_error(FILE *, const char *err);
/* The version string with build tags, e.g. "6.0.0+TLS+CONFIGTEST". */
const char	*opt_version_string(void);
/*
 * Append "name=value\n" for every option that differs from its default
 * (files.md 10, CURRENT CONFIG); secrets are masked.
 */
void		 opt_dump(const struct options *, struct buf *);

/* Number of table rows (canonical and alias rows). */
size_t		 opt_count(void);
/* Row i (0 <= i < opt_count()), in alphabetical order; NULL past end. */
const struct opt_row	*opt_row_at(size_t i);
/* Row of an exact long name (alias rows resolved) or NULL. */
const struct opt_row	*opt_row_by_name(const char *name);

#endif
