/*
 * options.c - the option table (options.md 2) and the life cycle of
 * struct options: new, dup, free, look-ups.
 *
 * The table holds every long name of spamdyke 5.0.1 (127 canonical names
 * and 10 aliases) plus the additions graylist-retry-hint (and its alias
 * greylist-retry-hint), smtp-auth-require-tls, tls-min-protocol and
 * tls-ciphersuites, in strcmp() order.  Parsing (parse.c, cmdline.c,
 * file.c), --help (help.c), the full-log dump (dump.c) and --config-test
 * all read this table; nothing else lists options.  The file is long
 * because the table is; the code around it is short.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/optint.h"
#include "config/options.h"
#include "log/log.h"
#include "util/str.h"

#define O(f)		offsetof(struct options, f)
#define NMAX		2147483647L
#define C		OPT_WHERE_C
#define CF		(OPT_WHERE_C | OPT_WHERE_F)
#define CFD		(OPT_WHERE_C | OPT_WHERE_F | OPT_WHERE_D)
#define R		OPT_F_READ

/* Row builders; columns as in struct opt_row. */
#define ACTION(n, s, f, h) \
	{ n, s, OA_NONE, C, OR_ONCE, 0, O(f), 0, 0, 0, NULL, 0, 0, NULL, h }
#define FLAG(n, s, w, f, h) \
	{ n, s, OA_FLAG, w, OR_LAST, OPT_F_OPTARG, O(f), 0, 0, 1, NULL, 0, 0, \
	    NULL, h }
#define NUM(n, s, w, f, d, lo, hi, h) \
	{ n, s, OA_N, w, OR_LAST, 0, O(f), d, lo, hi, NULL, 0, 0, NULL, h }
#define KEYWORD(n, w, fl, f, d, k, h) \
	{ n, 0, OA_KEYWORD, w, OR_LAST, fl, O(f), d, 0, 0, k, nitems(k), 0, \
	    NULL, h }
#define KEYSET(n, w, f, d, k, h) \
	{ n, 0, OA_KEYSET, w, OR_SET, 0, O(f), d, 0, 0, k, nitems(k), 0, \
	    NULL, h }
#define ONE(n, s, a, w, fl, f, max, h) \
	{ n, s, a, w, OR_LAST, fl, O(f), 0, 0, 0, NULL, 0, max, NULL, h }
#define LIST(n, s, a, w, fl, f, h) \
	{ n, s, a, w, OR_LIST, fl, O(f), 0, 0, 0, NULL, 0, 0, NULL, h }
#define TEXT(n, w, f, h) \
	ONE(n, 0, OA_TEXT, w, 0, f, OPT_TEXT_MAX, h)
#define ALIAS(n, target) \
	{ n, 0, OA_NONE, 0, OR_ONCE, 0, 0, 0, 0, 0, NULL, 0, 0, target, NULL }

static const struct opt_kw kw_cds[] = {
	{ "first", 0 }, { "all-ip", CDS_ALL_IP }, { "all-rdns", CDS_ALL_RDNS },
	{ "all-sender", CDS_ALL_SENDER },
	{ "all-recipient", CDS_ALL_RECIPIENT },
};
static const struct opt_kw kw_dns_level[] = {
	{ "none", DL_NONE }, { "normal", DL_NORMAL },
	{ "aggressive", DL_AGGRESSIVE },
};
static const struct opt_kw kw_qt_a[] = {
	{ "a", QT_A }, { "aaaa", QT_AAAA }, { "cname", QT_CNAME },
};
static const struct opt_kw kw_qt_mx[] = {
	{ "a", QT_A }, { "cname", QT_CNAME }, { "mx", QT_MX },
};
static const struct opt_kw kw_qt_ptr[] = {
	{ "cname", QT_CNAME }, { "ptr", QT_PTR },
};
static const struct opt_kw kw_qt_rbl[] = {
	{ "a", QT_A }, { "cname", QT_CNAME }, { "txt", QT_TXT },
};
static const struct opt_kw kw_dns_spoof[] = {
	{ "accept-all", DS_ACCEPT_ALL },
	{ "accept-same-ip", DS_ACCEPT_SAME_IP },
	{ "accept-same-port", DS_ACCEPT_SAME_PORT }, { "reject", DS_REJECT },
};
static const struct opt_kw kw_dns_tcp[] = {
	{ "none", DT_NONE }, { "normal", DT_NORMAL },
};
static const struct opt_kw kw_filter_level[] = {
	{ "allow-all", FL_ALLOW_ALL }, { "normal", FL_NORMAL },
	{ "require-auth", FL_REQUIRE_AUTH }, { "reject-all", FL_REJECT_ALL },
};
static const struct opt_kw kw_graylist_level[] = {
	{ "none", GL_NONE }, { "always", GL_ALWAYS },
	{ "always-create-dir", GL_ALWAYS_CREATE_DIR }, { "only", GL_ONLY },
	{ "only-create-dir", GL_ONLY_CREATE_DIR },
};
static const struct opt_kw kw_log_level[] = {
	{ "none", LL_NONE }, { "error", LL_ERROR }, { "info", LL_INFO },
	{ "verbose", LL_VERBOSE }, { "debug", LL_DEBUG },
	{ "excessive", LL_EXCESSIVE },
};
static const struct opt_kw kw_log_target[] = {
	{ "stderr", LT_STDERR }, { "syslog", LT_SYSLOG },
};
static const struct opt_kw kw_reject_recipient[] = {
	{ "none", 0 }, { "same-as-sender", RR_SAME_AS_SENDER },
	{ "invalid", RR_INVALID }, { "unavailable", RR_UNAVAILABLE },
};
static const struct opt_kw kw_reject_sender[] = {
	{ "none", 0 }, { "no-mx", RS_NO_MX }, { "not-local", RS_NOT_LOCAL },
	{ "authentication-mismatch", RS_AUTH_MISMATCH },
	{ "authentication-domain-mismatch", RS_AUTH_DOMAIN_MISMATCH },
};
static const struct opt_kw kw_relay_level[] = {
	{ "block-all", RL_BLOCK_ALL }, { "normal", RL_NORMAL },
	{ "allow-all", RL_ALLOW_ALL },
};
static const struct opt_kw kw_smtp_auth_level[] = {
	{ "none", AL_NONE }, { "observe", AL_OBSERVE },
	{ "ondemand", AL_ONDEMAND },
	{ "ondemand-encrypted", AL_ONDEMAND_ENCRYPTED },
	{ "always", AL_ALWAYS }, { "always-encrypted", AL_ALWAYS_ENCRYPTED },
};
static const struct opt_kw kw_tls_level[] = {
	{ "none", TLS_LEVEL_NONE }, { "smtp", TLS_LEVEL_SMTP },
	{ "smtp-no-passthrough", TLS_LEVEL_SMTP_NO_PASSTHROUGH },
	{ "smtps", TLS_LEVEL_SMTPS },
};
static const struct opt_kw kw_tls_min[] = {
	{ "TLSv1", TLS_MIN_1_0 }, { "TLSv1.1", TLS_MIN_1_1 },
	{ "TLSv1.2", TLS_MIN_1_2 }, { "TLSv1.3", TLS_MIN_1_3 },
};

#define RJ(n, w, f, what) TEXT("rejection-text-" n, w, f, \
	"Text sent instead of the default when " what)

static const struct opt_row table[] = {
	LIST("config-dir", 0, OA_DIR, CF, R, config_dir,
	    "Root of a configuration-directory tree searched at every "
	    "recipient (_ip_, _rdns_, _sender_, _recipient_ subtrees). "
	    "Setting it delays all rejections until at least RCPT TO."),
	KEYSET("config-dir-search", CF, config_dir_search, 0, kw_cds,
	    "How many files per criterion are read from configuration "
	    "directories. \"first\" (the default) reads the first match of "
	    "each criterion and clears the all-* keywords; all-ip, all-rdns, "
	    "all-sender and all-recipient read every match."),
	LIST("config-file", 'f', OA_FILE, CFD, R, config_file,
	    "Read more options from FILE, one name=value per line. A file "
	    "named inside a file is read after the including file."),
	ACTION("config-test", 0, config_test,
	    "Check every option value, file, directory and command, run the "
	    "qmail command once to see what it offers, print the findings "
	    "and exit. Requires the qmail command."),
	ONE("config-test-smtpauth-password", 0, OA_TEXT, C, OPT_F_SECRET,
	    config_test_smtpauth_password, 0,
	    "With config-test and config-test-smtpauth-username: the password "
	    "used to run every smtp-auth-command."),
	ONE("config-test-smtpauth-username", 0, OA_TEXT, C, 0,
	    config_test_smtpauth_username, 0,
	    "With config-test and config-test-smtpauth-password: run every "
	    "smtp-auth-command with this user name."),
	NUM("connection-timeout-secs", 't', CF, connection_timeout_secs, 0, 0,
	    NMAX, "Disconnect a session that has lasted this many seconds in "
	    "total (0: no limit)."),
	LIST("dns-blacklist-entry", 'x', OA_ZONE, CFD, 0, dns_blacklist_entry,
	    "Reject the connection when the reversed client address is listed "
	    "in this DNS RBL zone."),
	LIST("dns-blacklist-file", 0, OA_FILE, CFD, R, dns_blacklist_file,
	    "Same as dns-blacklist-entry, one zone per line of FILE."),
	KEYWORD("dns-level", CF, 0, dns_level, DL_AGGRESSIVE, kw_dns_level,
	    "none: never query DNS. normal: one name server at a time. "
	    "aggressive: all primary servers in parallel, then all servers."),
	NUM("dns-max-retries-primary", 0, CF, dns_max_retries_primary, 1, 0,
	    NMAX, "Query rounds sent only to the primary name servers before "
	    "the secondary servers are added."),
	NUM("dns-max-retries-total", 0, CF, dns_max_retries_total, 3, 1, NMAX,
	    "Maximum query rounds for one lookup, primary and secondary "
	    "servers together."),
	KEYSET("dns-query-type-a", CF, dns_query_type_a, QT_A | QT_CNAME,
	    kw_qt_a, "Record types requested when resolving a name to an "
	    "address (default a and cname)."),
	KEYSET("dns-query-type-mx", CF, dns_query_type_mx,
	    QT_A | QT_CNAME | QT_MX, kw_qt_mx,
	    "Record types requested when looking for a sender domain's mail "
	    "exchanger (default a, cname and mx)."),
	KEYSET("dns-query-type-ptr", CF, dns_query_type_ptr, QT_CNAME | QT_PTR,
	    kw_qt_ptr, "Record types requested for reverse DNS lookups "
	    "(default cname and ptr)."),
	KEYSET("dns-query-type-rbl", CF, dns_query_type_rbl,
	    QT_A | QT_CNAME | QT_TXT, kw_qt_rbl,
	    "Record types requested from DNS black- and whitelists (default "
	    "a, cname and txt); without txt no list text is available."),
	LIST("dns-resolv-conf", 0, OA_FILE, CF, R | OPT_F_PATHDEF,
	    dns_resolv_conf,
	    "Resolver files to read for name servers, port and timeouts "
	    "(default /etc/resolv.conf if it exists). Not read when "
	    "dns-server-ip or dns-server-ip-primary is given."),
	LIST("dns-server-ip", 0, OA_SERVER, CF, 0, dns_server_ip,
	    "Secondary name server as IP[:PORT] (port 1-65535, default 53)."),
	LIST("dns-server-ip-primary", 0, OA_SERVER, CF, 0,
	    dns_server_ip_primary,
	    "Primary name server as IP[:PORT], queried first."),
	KEYWORD("dns-spoof", CF, 0, dns_spoof, DS_ACCEPT_ALL, kw_dns_spoof,
	    "Which UDP replies with a matching query id are accepted: from any "
	    "source, only from the server's address, only from the server's "
	    "port, or only from the server's address and port (reject)."),
	KEYWORD("dns-tcp", CF, 0, dns_tcp, DT_NORMAL, kw_dns_tcp,
	    "normal: retry over TCP when a UDP reply is truncated. none: "
	    "never use TCP."),
	NUM("dns-timeout-secs", 0, CF, dns_timeout_secs, 0, 0, NMAX,
	    "Upper bound in seconds for one lookup including all retries. "
	    "When not given it comes from RES_OPTIONS, the resolver file, or "
	    "30."),
	LIST("dns-whitelist-entry", 0, OA_ZONE, CFD, 0, dns_whitelist_entry,
	    "Whitelist the connection when the reversed client address is "
	    "listed in this DNS zone."),
	LIST("dns-whitelist-file", 0, OA_FILE, CFD, R, dns_whitelist_file,
	    "Same as dns-whitelist-entry, one zone per line of FILE."),
	KEYWORD("filter-level", CFD, 0, filter_level, FL_NORMAL,
	    kw_filter_level,
	    "allow-all: treat every connection as whitelisted (relay rules "
	    "still apply). normal: use the configured filters. require-auth: "
	    "reject unless SMTP AUTH succeeded. reject-all: reject "
	    "everything."),
	ONE("full-log-dir", 'L', OA_DIR, CF, OPT_F_WRITE, full_log_dir, 0,
	    "Write a complete transcript of every connection to a new file in "
	    "DIR. A debugging aid; costly."),
	LIST("graylist-dir", 'g', OA_DIR, CFD, R | OPT_F_WRITE, graylist_dir,
	    "Graylist storage root(s). An entry is the file "
	    "DIR/rcpt-domain/rcpt-user/sender-domain/sender-user."),
	LIST("graylist-exception-ip-entry", 0, OA_IPENTRY, CFD, 0,
	    graylist_exception_ip_entry,
	    "Client addresses that invert the policy of graylist-level."),
	LIST("graylist-exception-ip-file", 0, OA_FILE, CFD, R,
	    graylist_exception_ip_file,
	    "Same as graylist-exception-ip-entry, entries from FILE."),
	LIST("graylist-exception-rdns-dir", 0, OA_DIR, CFD, R,
	    graylist_exception_rdns_dir,
	    "rDNS names that invert the policy of graylist-level, looked up "
	    "in a directory tree."),
	LIST("graylist-exception-rdns-entry", 0, OA_RDNSENTRY, CFD, 0,
	    graylist_exception_rdns_entry,
	    "rDNS names that invert the policy of graylist-level; a leading "
	    "dot matches a domain suffix."),
	LIST("graylist-exception-rdns-file", 0, OA_FILE, CFD,
	    R | OPT_F_NOTDIR, graylist_exception_rdns_file,
	    "Same as graylist-exception-rdns-entry, entries from FILE."),
	KEYWORD("graylist-level", CFD, 0, graylist_level, GL_NONE,
	    kw_graylist_level,
	    "always: graylist every recipient whose domain directory exists, "
	    "except exception matches. only: graylist only exception "
	    "matches. The -create-dir levels create missing directories for "
	    "local domains. Needs graylist-dir."),
	NUM("graylist-max-secs", 'M', CFD, graylist_max_secs, 0, 0, NMAX,
	    "An entry older than this many seconds is emptied and graylisting "
	    "restarts (0: never expire)."),
	NUM("graylist-min-secs", 'm', CFD, graylist_min_secs, 0, 0, NMAX,
	    "A new entry must be at least this many seconds old before mail "
	    "passes."),
	FLAG("graylist-retry-hint", 0, CFD, graylist_retry_hint,
	    "Tell graylisted clients in the reply when to try again."),
	NUM("greeting-delay-secs", 'e', CFD, greeting_delay_secs, 0, 0, NMAX,
	    "Hold the greeting for this many seconds and reject clients that "
	    "talk before it (earlytalkers); 0 is off."),
	ALIAS("greylist-dir", "graylist-dir"),
	ALIAS("greylist-exception-ip-entry", "graylist-exception-ip-entry"),
	ALIAS("greylist-exception-ip-file", "graylist-exception-ip-file"),
	ALIAS("greylist-exception-rdns-dir", "graylist-exception-rdns-dir"),
	ALIAS("greylist-exception-rdns-entry",
	    "graylist-exception-rdns-entry"),
	ALIAS("greylist-exception-rdns-file", "graylist-exception-rdns-file"),
	ALIAS("greylist-level", "graylist-level"),
	ALIAS("greylist-max-secs", "graylist-max-secs"),
	ALIAS("greylist-min-secs", "graylist-min-secs"),
	ALIAS("greylist-retry-hint", "graylist-retry-hint"),
	LIST("header-blacklist-entry", 0, OA_HEADERPAT, CFD, 0,
	    header_blacklist_entry,
	    "Reject the message when a header line matches this pattern "
	    "(Name: value, shell wildcards, case-insensitive)."),
	LIST("header-blacklist-file", 0, OA_FILE, CFD, R,
	    header_blacklist_file,
	    "Same as header-blacklist-entry, one pattern per line of FILE."),
	ACTION("help", 'h', help, "Print this option summary and exit."),
	ONE("hostname", 0, OA_TEXT, CF, 0, hostname, 0,
	    "Host name placed in CRAM-MD5 challenges."),
	ONE("hostname-command", 0, OA_CMD, CF, OPT_F_EXEC, hostname_command,
	    0, "Command whose first output line gives the host name; ignored "
	    "when hostname or hostname-file is set."),
	ONE("hostname-file", 0, OA_FILE, CF, R, hostname_file, 0,
	    "File whose first line gives the host name; ignored when "
	    "hostname is set."),
	NUM("idle-timeout-secs", 'T', CF, idle_timeout_secs, 0, 0, NMAX,
	    "Disconnect a client that has sent nothing for this many seconds "
	    "(0: no limit)."),
	LIST("ip-blacklist-entry", 0, OA_IPENTRY, CFD, 0, ip_blacklist_entry,
	    "Reject the connection when the client address matches: a full "
	    "address, a prefix such as 11.22., octet ranges, /bits or "
	    "/mask."),
	LIST("ip-blacklist-file", 'B', OA_FILE, CFD, R, ip_blacklist_file,
	    "Same as ip-blacklist-entry, one entry per line of FILE."),
	LIST("ip-in-rdns-keyword-blacklist-entry", 0, OA_KEYWORDS, CFD, 0,
	    ip_in_rdns_keyword_blacklist_entry,
	    "Reject when the rDNS name contains the client address and the "
	    "keyword(s)."),
	LIST("ip-in-rdns-keyword-blacklist-file", 'k', OA_FILE, CFD, R,
	    ip_in_rdns_keyword_blacklist_file,
	    "Same as ip-in-rdns-keyword-blacklist-entry, patterns from FILE."),
	LIST("ip-in-rdns-keyword-whitelist-entry", 0, OA_KEYWORDS, CFD, 0,
	    ip_in_rdns_keyword_whitelist_entry,
	    "Whitelist when the rDNS name contains the client address and the "
	    "keyword(s)."),
	LIST("ip-in-rdns-keyword-whitelist-file", 0, OA_FILE, CFD, R,
	    ip_in_rdns_keyword_whitelist_file,
	    "Same as ip-in-rdns-keyword-whitelist-entry, patterns from FILE."),
	LIST("ip-relay-entry", 0, OA_IPENTRY, CF, 0, ip_relay_entry,
	    "Clients whose address matches may relay."),
	LIST("ip-relay-file", 0, OA_FILE, CF, R, ip_relay_file,
	    "Same as ip-relay-entry, entries from FILE."),
	LIST("ip-whitelist-entry", 0, OA_IPENTRY, CFD, 0, ip_whitelist_entry,
	    "Whitelist the connection (bypass all filters, not the relay "
	    "rules) when the client address matches."),
	LIST("ip-whitelist-file", 'W', OA_FILE, CFD, R, ip_whitelist_file,
	    "Same as ip-whitelist-entry, entries from FILE."),
	{ "log-level", 'l', OA_KEYWORD, CF, OR_LAST, OPT_F_OPTARG,
	    O(log_level), LL_ERROR, LL_INFO, 0, kw_log_level,
	    nitems(kw_log_level), 0, NULL,
	    "Amount of logging (default error; info when given without a "
	    "value on the command line)." },
	KEYSET("log-target", CF, log_target, LT_SYSLOG, kw_log_target,
	    "Where log lines go: syslog (the default) and/or stderr. Giving "
	    "the option replaces the default."),
	NUM("max-recipients", 'a', CF, max_recipients, 0, 0, NMAX,
	    "Refuse further recipients of a message once this many were "
	    "accepted (0: unlimited)."),
	ACTION("more-help", 0, more_help,
	    "Print the option summary with these descriptions and exit."),
	ONE("policy-url", 'u', OA_TEXT, CFD, 0, policy_url, OPT_TEXT_MAX,
	    "URL appended to rejection messages, followed by # and the "
	    "rejection code."),
	LIST("qmail-morercpthosts-cdb", 0, OA_CDB, CF, R | OPT_F_PATHDEF,
	    qmail_morercpthosts_cdb,
	    "qmail's compiled morercpthosts.cdb: more local domains (default "
	    "control/morercpthosts.cdb if it exists)."),
	LIST("qmail-rcpthosts-file", 'd', OA_FILE, CF, R | OPT_F_PATHDEF,
	    qmail_rcpthosts_file,
	    "qmail's list of local domains (default control/rcpthosts if it "
	    "exists). Used for relaying, not-local, graylisting and "
	    "validation."),
	LIST("rdns-blacklist-dir", 'b', OA_DIR, CFD, R, rdns_blacklist_dir,
	    "Reject when the rDNS name is found in this directory tree."),
	LIST("rdns-blacklist-entry", 0, OA_RDNSENTRY, CFD, 0,
	    rdns_blacklist_entry,
	    "Reject when the rDNS name equals the entry, or ends with it when "
	    "the entry starts with a dot."),
	LIST("rdns-blacklist-file", 0, OA_FILE, CFD, R | OPT_F_NOTDIR,
	    rdns_blacklist_file,
	    "Same as rdns-blacklist-entry, entries from FILE."),
	LIST("rdns-relay-entry", 0, OA_RDNSENTRY, CF, 0, rdns_relay_entry,
	    "Clients whose rDNS name matches may relay."),
	LIST("rdns-relay-file", 0, OA_FILE, CF, R, rdns_relay_file,
	    "Same as rdns-relay-entry, entries from FILE."),
	LIST("rdns-whitelist-dir", 0, OA_DIR, CFD, R, rdns_whitelist_dir,
	    "Whitelist when the rDNS name is found in this directory tree."),
	LIST("rdns-whitelist-entry", 0, OA_RDNSENTRY, CFD, 0,
	    rdns_whitelist_entry,
	    "Whitelist the connection when the rDNS name matches."),
	LIST("rdns-whitelist-file", 'w', OA_FILE, CFD, R | OPT_F_NOTDIR,
	    rdns_whitelist_file,
	    "Same as rdns-whitelist-entry, entries from FILE."),
	LIST("recipient-blacklist-entry", 0, OA_ADDRENTRY, CFD, 0,
	    recipient_blacklist_entry,
	    "Refuse this recipient: user@domain, @domain or user@."),
	LIST("recipient-blacklist-file", 'S', OA_FILE, CFD, R,
	    recipient_blacklist_file,
	    "Same as recipient-blacklist-entry, entries from FILE."),
	LIST("recipient-validation-command", 0, OA_CMD, CF, OPT_F_EXEC,
	    recipient_validation_command,
	    "Absolute path of a validator run as COMMAND domain user (exit 1 "
	    "valid, 2 invalid, 3 unavailable)."),
	LIST("recipient-whitelist-entry", 0, OA_ADDRENTRY, CFD, 0,
	    recipient_whitelist_entry,
	    "Accept this recipient regardless of filters."),
	LIST("recipient-whitelist-file", 0, OA_FILE, CFD, R,
	    recipient_whitelist_file,
	    "Same as recipient-whitelist-entry, entries from FILE."),
	FLAG("reject-empty-rdns", 'r', CFD, reject_empty_rdns,
	    "Reject clients without a reverse DNS name."),
	FLAG("reject-ip-in-cc-rdns", 'c', CFD, reject_ip_in_cc_rdns,
	    "Reject when the rDNS name contains the client address and ends "
	    "in a two-letter country code."),
	KEYSET("reject-recipient", CFD, reject_recipient, 0,
	    kw_reject_recipient,
	    "same-as-sender: refuse a recipient equal to the sender. invalid, "
	    "unavailable: refuse local recipients qmail would bounce or only "
	    "queue (needs recipient-validation-command). none clears."),
	KEYSET("reject-sender", CFD, reject_sender, 0, kw_reject_sender,
	    "no-mx: reject sender domains without a mail exchanger. "
	    "not-local: reject sender domains that are not local. "
	    "authentication-mismatch, authentication-domain-mismatch: an "
	    "authenticated user must send as its own address or domain. "
	    "none clears."),
	FLAG("reject-unresolvable-rdns", 'R', CFD, reject_unresolvable_rdns,
	    "Reject when the rDNS name does not resolve to any address."),
	RJ("auth-failure", CF, rejection_text_auth_failure,
	    "SMTP AUTH fails."),
	RJ("auth-unknown", CF, rejection_text_auth_unknown,
	    "the client asks for an unsupported AUTH mechanism."),
	RJ("dns-blacklist", CFD, rejection_text_dns_blacklist,
	    "the client is on a DNS RBL (the list name is appended)."),
	RJ("earlytalker", CFD, rejection_text_earlytalker,
	    "the client talked before the greeting."),
	RJ("empty-rdns", CFD, rejection_text_empty_rdns,
	    "the client has no rDNS name."),
	RJ("graylist", CFD, rejection_text_graylist,
	    "a recipient is graylisted."),
	ALIAS("rejection-text-greylist", "rejection-text-graylist"),
	RJ("header-blacklist", CF, rejection_text_header_blacklist,
	    "a header line matched the header blacklist."),
	RJ("ip-blacklist", CFD, rejection_text_ip_blacklist,
	    "the client address is blacklisted."),
	RJ("ip-in-cc-rdns", CFD, rejection_text_ip_in_cc_rdns,
	    "reject-ip-in-cc-rdns matched."),
	RJ("ip-in-rdns-keyword-blacklist", CFD,
	    rejection_text_ip_in_rdns_keyword_blacklist,
	    "an IP-in-rDNS keyword blacklist entry matched."),
	RJ("local-recipient", CFD, rejection_text_local_recipient,
	    "a recipient has no domain."),
	RJ("max-recipients", CFD, rejection_text_max_recipients,
	    "max-recipients is exhausted."),
	RJ("rdns-blacklist", CFD, rejection_text_rdns_blacklist,
	    "the rDNS name is blacklisted."),
	RJ("recipient-blacklist", CFD, rejection_text_recipient_blacklist,
	    "the recipient is blacklisted."),
	RJ("recipient-invalid", CFD, rejection_text_recipient_invalid,
	    "recipient validation says the recipient is invalid."),
	RJ("recipient-same-as-sender", CFD,
	    rejection_text_recipient_same_as_sender,
	    "the recipient equals the sender."),
	RJ("recipient-unavailable", CFD, rejection_text_recipient_unavailable,
	    "recipient validation says the recipient is unavailable."),
	RJ("reject-all", CFD, rejection_text_reject_all,
	    "filter-level is reject-all."),
	RJ("relaying-denied", CFD, rejection_text_relaying_denied,
	    "a non-local recipient has no relay permission."),
	RJ("rhs-blacklist", CFD, rejection_text_rhs_blacklist,
	    "the rDNS name or sender domain is on an RHSBL (the list name is "
	    "appended)."),
	RJ("sender-authentication-mismatch", CFD,
	    rejection_text_sender_authentication_mismatch,
	    "the sender does not match the authenticated user."),
	RJ("sender-blacklist", CFD, rejection_text_sender_blacklist,
	    "the sender is blacklisted."),
	RJ("sender-no-mx", CFD, rejection_text_sender_no_mx,
	    "the sender domain has no mail exchanger."),
	RJ("sender-not-local", CFD, rejection_text_sender_not_local,
	    "the sender domain is not local."),
	RJ("smtp-auth-required", CFD, rejection_text_smtp_auth_required,
	    "filter-level is require-auth and the client did not "
	    "authenticate."),
	RJ("timeout", CF, rejection_text_timeout, "a timeout expires."),
	RJ("tls-failure", CF, rejection_text_tls_failure,
	    "STARTTLS cannot be honored or the handshake fails."),
	RJ("unresolvable-rdns", CFD, rejection_text_unresolvable_rdns,
	    "the rDNS name does not resolve."),
	RJ("zero-recipients", CF, rejection_text_zero_recipients,
	    "DATA arrives without an accepted recipient."),
	KEYWORD("relay-level", CF, 0, relay_level, RL_NORMAL, kw_relay_level,
	    "block-all: refuse every non-local recipient. normal: relaying "
	    "only for RELAYCLIENT, authenticated and relay-listed clients. "
	    "allow-all: open relay."),
	LIST("rhs-blacklist-entry", 'X', OA_ZONE, CFD, 0, rhs_blacklist_entry,
	    "Reject when the rDNS name or the sender domain (or a parent "
	    "domain) is listed in this RHSBL zone."),
	LIST("rhs-blacklist-file", 0, OA_FILE, CFD, R, rhs_blacklist_file,
	    "Same as rhs-blacklist-entry, zones from FILE."),
	LIST("rhs-whitelist-entry", 0, OA_ZONE, CFD, 0, rhs_whitelist_entry,
	    "Whitelist when the rDNS name or the sender domain is listed in "
	    "this zone."),
	LIST("rhs-whitelist-file", 0, OA_FILE, CFD, R, rhs_whitelist_file,
	    "Same as rhs-whitelist-entry, zones from FILE."),
	ONE("run-as-user", 0, OA_USER, C, 0, run_as_user, 0,
	    "Switch to this user (and group) before any file is read."),
	LIST("sender-blacklist-entry", 0, OA_ADDRENTRY, CFD, 0,
	    sender_blacklist_entry,
	    "Reject when the envelope sender matches: user@domain, @domain "
	    "or user@."),
	LIST("sender-blacklist-file", 's', OA_FILE, CFD, R,
	    sender_blacklist_file,
	    "Same as sender-blacklist-entry, entries from FILE."),
	LIST("sender-whitelist-entry", 0, OA_ADDRENTRY, CFD, 0,
	    sender_whitelist_entry,
	    "Whitelist when the envelope sender matches."),
	LIST("sender-whitelist-file", 0, OA_FILE, CFD, R,
	    sender_whitelist_file,
	    "Same as sender-whitelist-entry, entries from FILE."),
	LIST("smtp-auth-command", 0, OA_CMD, CF, OPT_F_EXEC, smtp_auth_command,
	    "checkpassword-compatible command used when spamdyke processes "
	    "SMTP AUTH itself; commas become spaces. Makes smtp-auth-level "
	    "default to ondemand."),
	KEYWORD("smtp-auth-level", CF, 0, smtp_auth_level, AL_OBSERVE,
	    kw_smtp_auth_level,
	    "none: hide and refuse AUTH. observe: trust qmail's AUTH. "
	    "ondemand: offer AUTH when qmail does not. always: always "
	    "process AUTH. The -encrypted levels also offer CRAM-MD5."),
	FLAG("smtp-auth-require-tls", 0, CF, smtp_auth_require_tls,
	    "Do not offer or accept plaintext AUTH before TLS is active."),
	ONE("tls-certificate-file", 0, OA_FILE, CF, R, tls_certificate_file,
	    0, "Server certificate (PEM, may include the key); needed to "
	    "terminate TLS."),
	ONE("tls-cipher-list", 0, OA_TEXT, CF, 0, tls_cipher_list, 0,
	    "OpenSSL cipher list for TLS 1.2 and older (default DEFAULT)."),
	ONE("tls-ciphersuites", 0, OA_TEXT, CF, 0, tls_ciphersuites, 0,
	    "OpenSSL TLS 1.3 cipher suites."),
	ONE("tls-dhparams-file", 0, OA_FILE, CF, R, tls_dhparams_file, 0,
	    "DH parameters (PEM) for ephemeral-DH ciphers."),
	KEYWORD("tls-level", CF, 0, tls_level, TLS_LEVEL_SMTP, kw_tls_level,
	    "none: no TLS. smtp: terminate STARTTLS with a certificate, "
	    "otherwise pass TLS through to qmail. smtp-no-passthrough: never "
	    "pass through. smtps: TLS from the first byte."),
	KEYWORD("tls-min-protocol", CF, 0, tls_min_protocol, TLS_MIN_1_2,
	    kw_tls_min, "Oldest TLS protocol version accepted (default "
	    "TLSv1.2)."),
	ONE("tls-privatekey-file", 0, OA_FILE, CF, R, tls_privatekey_file, 0,
	    "Private key (PEM) when it is not in the certificate file."),
	ONE("tls-privatekey-password", 0, OA_TEXT, CF, OPT_F_SECRET,
	    tls_privatekey_password, 0,
	    "Passphrase of an encrypted private key."),
	ONE("tls-privatekey-password-file", 0, OA_FILE, CF, R,
	    tls_privatekey_password_file, 0,
	    "File whose first line is the private key passphrase."),
	ACTION("version", 'v', version, "Print the version and exit."),
};

size_t
opt_count(void)
{
	return nitems(table);
}

const struct opt_row *
opt_row_at(size_t i)
{
	return i < nitems(table) ? &table[i] : NULL;
}

long
opt_index(const char *name)
{
	size_t lo = 0, hi = nitems(table);

	/* The table is in strcmp() order (checked by the unit tests). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, table[mid].name);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

size_t
opt_canon(size_t i)
{
	long t;

	if (table[i].alias_of == NULL)
		return i;
	if ((t = opt_index(table[i].alias_of)) < 0)
		log_panic("option table: bad alias %s", table[i].name);
	return (size_t)t;
}

const struct opt_row *
opt_row_by_name(const char *name)
{
	long i = opt_index(name);

	return i < 0 ? NULL : &table[opt_canon((size_t)i)];
}

void *
opt_field(struct options *opt, const struct opt_row *r)
{
	return (char *)opt + r->off;
}

const void *
opt_cfield(const struct options *opt, const struct opt_row *r)
{
	return (const char *)opt + r->off;
}

void
opt_mark(struct options *opt, size_t i, unsigned where)
{
	opt->mentioned[i] |= (unsigned char)where;
}

unsigned
opt_mentioned(const struct options *opt, const char *name)
{
	long i = opt_index(name);

	return i < 0 ? 0 : opt->mentioned[opt_canon((size_t)i)];
}

/* Does the field of row r hold a string or a strlist? */
static bool
owns_memory(const struct opt_row *r)
{
	if (r->alias_of != NULL)
		return false;
	switch (r->arg) {
	case OA_NONE:
	case OA_FLAG:
	case OA_N:
	case OA_KEYWORD:
	case OA_KEYSET:
		return false;
	default:
		return true;
	}
}

/* Store the built-in default of every non-text row. */
static void
set_defaults(struct options *opt)
{
	size_t i;

	for (i = 0; i < nitems(table); i++) {
		const struct opt_row *r = &table[i];
		void *f = opt_field(opt, r);

		if (r->alias_of != NULL)
			continue;
		switch (r->arg) {
		case OA_NONE:
		case OA_FLAG:
			*(bool *)f = r->def != 0;
			break;
		case OA_N:
			*(long *)f = r->def;
			break;
		case OA_KEYWORD:
			*(int *)f = (int)r->def;
			break;
		case OA_KEYSET:
			*(unsigned *)f = (unsigned)r->def;
			break;
		default:
			break;
		}
	}
}

struct options *
opt_new(void)
{
	struct options *opt;

	if ((opt = calloc(1, sizeof(*opt))) == NULL)
		return NULL;
	if ((opt->mentioned = calloc(nitems(table), 1)) == NULL) {
		free(opt);
		return NULL;
	}
	set_defaults(opt);
	return opt;
}

void
opt_free(struct options *opt)
{
	size_t i;

	if (opt == NULL)
		return;
	for (i = 0; i < nitems(table); i++) {
		const struct opt_row *r = &table[i];

		if (!owns_memory(r))
			continue;
		if (r->rep == OR_LIST) {
			struct strlist *l = opt_field(opt, r);

			opt_list_clear(l);
			free(l->v);
		} else
			free(*(char **)opt_field(opt, r));
	}
	free(opt->mentioned);
	free(opt);
}

struct options *
opt_dup(const struct options *src)
{
	struct options *opt;
	size_t i;

	if ((opt = malloc(sizeof(*opt))) == NULL)
		return NULL;
	memcpy(opt, src, sizeof(*opt));
	/* Detach every pointer first so that opt_free() works midway. */
	opt->mentioned = NULL;
	for (i = 0; i < nitems(table); i++) {
		const struct opt_row *r = &table[i];

		if (!owns_memory(r))
			continue;
		if (r->rep == OR_LIST)
			memset(opt_field(opt, r), 0, sizeof(struct strlist));
		else
			*(char **)opt_field(opt, r) = NULL;
	}
	if ((opt->mentioned = malloc(nitems(table))) == NULL)
		goto fail;
	memcpy(opt->mentioned, src->mentioned, nitems(table));
	for (i = 0; i < nitems(table); i++) {
		const struct opt_row *r = &table[i];
		const char *s;

		if (!owns_memory(r))
			continue;
		if (r->rep == OR_LIST) {
			if (opt_list_copy(opt_field(opt, r),
			    opt_cfield(src, r)) == -1)
				goto fail;
		} else if ((s = *(char *const *)opt_cfield(src, r)) != NULL) {
			if ((*(char **)opt_field(opt, r) = str_dup(s)) == NULL)
				goto fail;
		}
	}
	return opt;
fail:
	opt_free(opt);
	return NULL;
}
