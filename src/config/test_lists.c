/*
 * test_lists.c - --config-test (files.md 12.2) of what lists and list
 * stores hold rather than whether they open: lines of list files that
 * can match nothing (Improvement), the graylist directory tree against
 * graylist-level and rcpthosts, and the test entries of every DNS
 * blacklist (Addition: 127.0.0.2 listed,
 * 127.0.0.1 not, no answer in 127.255.255.0/24), asked through the
 * resolver with the global DNS options.  Entry points: ct_list_lines,
 * ct_sp_graylist, ct_sp_dnsbl, ct_sp_dnsbl_file.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/optint.h"
#include "config/options.h"
#include "config/test_int.h"
#include "dns/dns.h"
#include "filters/match.h"
#include "log/log.h"
#include "util/buf.h"
#include "util/ip.h"
#include "util/listfile.h"
#include "util/path.h"
#include "util/str.h"

#define CT_WARN_MAX	10		/* line warnings per file */

/* How the lines of a list file are matched (files.md 3-7). */
enum lk { LK_NONE, LK_IP, LK_RDNS, LK_ADDR, LK_KEYWORD, LK_HEADER };

/* ------------------------------------------------------------ list lines */

static bool
blank(int c)
{
	return c == ' ' || c == '\t';
}

static const struct {
	const char	*name;
	enum lk		 kind;
	bool		 rdns_warn;	/* long lists: use a directory */
} listkinds[] = {
	{ "graylist-exception-ip-file", LK_IP, false },
	{ "graylist-exception-rdns-file", LK_RDNS, true },
	{ "header-blacklist-file", LK_HEADER, false },
	{ "ip-blacklist-file", LK_IP, false },
	{ "ip-in-rdns-keyword-blacklist-file", LK_KEYWORD, false },
	{ "ip-in-rdns-keyword-whitelist-file", LK_KEYWORD, false },
	{ "ip-relay-file", LK_IP, false },
	{ "ip-whitelist-file", LK_IP, false },
	{ "qmail-rcpthosts-file", LK_RDNS, false },
	{ "rdns-blacklist-file", LK_RDNS, true },
	{ "rdns-relay-file", LK_RDNS, false },
	{ "rdns-whitelist-file", LK_RDNS, true },
	{ "recipient-blacklist-file", LK_ADDR, false },
	{ "recipient-whitelist-file", LK_ADDR, false },
	{ "sender-blacklist-file", LK_ADDR, false },
	{ "sender-whitelist-file", LK_ADDR, false },
};

/* Why a list line can match nothing (Improvement), or NULL. */
static const char *
line_problem(enum lk kind, const char *l, size_t len)
{
	size_t i, a, b;

	for (i = 0; i < len && blank(l[i]); i++)
		;
	if (i == len)
		return "the line holds only whitespace and matches nothing";
	if (i > 0 && l[i] == '#')
		return "an indented '#' does not start a comment; the line "
		    "matches nothing";
	if (kind == LK_IP)
		return NULL;
	if (i > 0)
		return "the line starts with whitespace, so the entry never "
		    "matches";
	if (blank(l[len - 1]))
		return "the line ends in whitespace, so the entry never "
		    "matches";
	switch (kind) {
	case LK_RDNS:
		if (len == 1 && l[0] == '.')
			return "an entry of only '.' matches nothing";
		if (l[len - 1] == '.')
			return "an entry ending in '.' never matches";
		break;
	case LK_ADDR:
		if (memchr(l, '@', len) == NULL)
			return "an entry without '@' matches only an identical "
			    "whole address, so in practice nothing";
		for (a = 0; a < len && l[a] == '@'; a++)
			;
		for (b = len; b > a && l[b - 1] == '@'; b--)
			;
		if (a == b)
			return "an entry of only '@' matches nothing";
		break;
	case LK_HEADER:
		if (memchr(l, ':', len) == NULL)
			return "a pattern without ':' is ignored";
		break;
	default:
		break;
	}
	return NULL;
}

/* Warn about useless lines; returns the number of entry lines. */
static unsigned
line_warnings(struct ct *ct, const char *name, const char *path,
    enum lk kind)
{
	struct listfile lf;
	const char *l, *why;
	char esc[64];
	unsigned entries = 0, nwarn = 0;
	size_t len;

	if (listfile_open(&lf, path) == -1)
		return 0;
	while (listfile_next(&lf, &l, &len) == 1) {
		entries++;
		if (kind == LK_NONE ||
		    (why = line_problem(kind, l, len)) == NULL)
			continue;
		if (nwarn++ < CT_WARN_MAX)
			ct_say(ct, K_WARNING, name, "%s line %u (\"%s\"): %s.",
			    path, lf.lineno, str_escape(esc, sizeof(esc), l,
			    len), why);
	}
	if (nwarn > CT_WARN_MAX)
		ct_say(ct, K_WARNING, name, "%s: %u more lines that match "
		    "nothing.", path, nwarn - CT_WARN_MAX);
	listfile_close(&lf);
	return entries;
}

/* The kind of option name's lines, then their warnings. */
unsigned
ct_list_lines(struct ct *ct, const char *name, const char *path,
    bool *rdns_warn)
{
	enum lk kind = LK_NONE;
	size_t i;

	*rdns_warn = false;
	for (i = 0; i < nitems(listkinds); i++)
		if (strcmp(listkinds[i].name, name) == 0) {
			kind = listkinds[i].kind;
			*rdns_warn = listkinds[i].rdns_warn;
		}
	return line_warnings(ct, name, path, kind);
}

/* ------------------------------------------ graylisting (graylist-level) */

static bool
graylist_others(const struct options *o)
{
	return o->graylist_dir.n > 0 || o->graylist_exception_ip_entry.n > 0 ||
	    o->graylist_exception_ip_file.n > 0 ||
	    o->graylist_exception_rdns_dir.n > 0 ||
	    o->graylist_exception_rdns_entry.n > 0 ||
	    o->graylist_exception_rdns_file.n > 0 ||
	    o->graylist_min_secs != 0 || o->graylist_max_secs != 0;
}

/* Every line of every rcpthosts file, verbatim. */
static void
rcpthosts_lines(const struct options *o, struct strlist *out)
{
	struct listfile lf;
	const char *l;
	char *s;
	size_t i, len;

	for (i = 0; i < o->qmail_rcpthosts_file.n; i++) {
		if (listfile_open(&lf, o->qmail_rcpthosts_file.v[i]) == -1)
			continue;
		while (listfile_next(&lf, &l, &len) == 1)
			if ((s = str_ndup(l, len)) != NULL) {
				opt_list_add(out, s);
				free(s);
			}
		listfile_close(&lf);
	}
}

/* The sender-domain level: regular files, each opened read/write. */
static void
gl_sender_dir(struct ct *ct, const char *dir)
{
	struct dirent **e;
	struct stat st;
	struct buf b;
	int n, i, fd;

	ct_test_write_dir(ct, "graylist-dir", dir, K_VERBOSE);
	if ((n = ct_list_dir(ct, "graylist-dir", dir, &e)) == -1)
		return;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (ct_dot(e[i]->d_name) || path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		if (lstat(b.data, &st) == -1 || !S_ISREG(st.st_mode))
			ct_say(ct, K_ERROR, "graylist-dir", "Not a regular "
			    "file: %s; a sender-domain directory may hold only "
			    "graylist entries.", b.data);
		else if ((fd = open(b.data, O_RDWR | O_APPEND | O_NOFOLLOW |
		    O_NONBLOCK | O_CLOEXEC)) == -1)
			ct_say(ct, K_ERROR, "graylist-dir", "Failed to open "
			    "for reading and writing: %s: %s", b.data,
			    strerror(errno));
		else
			close(fd);
	}
	buf_free(&b);
	ct_free_dir(e, n);
}

/* A domain (depth 1) or user (depth 2) directory. */
static void
gl_dir(struct ct *ct, const char *dir, int depth)
{
	struct dirent **e;
	struct stat st;
	struct buf b;
	int n, i;

	ct_test_write_dir(ct, "graylist-dir", dir, K_VERBOSE);
	if ((n = ct_list_dir(ct, "graylist-dir", dir, &e)) == -1)
		return;
	buf_init(&b, PATH_MAX);
	for (i = 0; i < n; i++) {
		if (ct_dot(e[i]->d_name) || path_join(&b, dir, e[i]->d_name,
		    strlen(e[i]->d_name)) == -1)
			continue;
		if (lstat(b.data, &st) == -1)
			ct_say(ct, K_ERROR, "graylist-dir", "Failed to stat "
			    "%s: %s", b.data, strerror(errno));
		else if (S_ISDIR(st.st_mode) && depth == 1)
			gl_dir(ct, b.data, 2);
		else if (S_ISDIR(st.st_mode))
			gl_sender_dir(ct, b.data);
		else if (S_ISREG(st.st_mode) && depth == 2)
			ct_say(ct, K_INFO, "graylist-dir", "%s is an entry of "
			    "the old (pre-4.0) layout; it will be moved when "
			    "it is next used.", b.data);
		else
			ct_say(ct, K_ERROR, "graylist-dir", "Not a directory: "
			    "%s; a %s directory may hold only directories.",
			    b.data, depth == 1 ? "domain" : "user");
	}
	buf_free(&b);
	ct_free_dir(e, n);
}

void
ct_sp_graylist(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	struct strlist hosts = { NULL, 0, 0 };
	struct dirent **e;
	struct stat st;
	struct buf b;
	bool create = o->graylist_level == GL_ALWAYS_CREATE_DIR ||
	    o->graylist_level == GL_ONLY_CREATE_DIR, found, global;
	size_t i, j;
	int n, k;

	if (o->graylist_level == GL_NONE) {
		if (graylist_others(o))
			ct_say(ct, K_ERROR, r->name, "graylist-level is none "
			    "but other graylist options are set: no "
			    "graylisting will take place.");
		return;
	}
	if (o->graylist_dir.n == 0) {
		ct_say(ct, K_ERROR, r->name, "graylist-level is %s but no "
		    "graylist-dir is given: no graylisting will take place.",
		    ct_kwname(r->name, o->graylist_level));
		return;
	}
	if (create && !ct_local_known(o))
		ct_say(ct, K_ERROR, r->name, "graylist-level is %s but neither "
		    "qmail-rcpthosts-file nor qmail-morercpthosts-cdb is "
		    "available: no domain directory can be created.",
		    ct_kwname(r->name, o->graylist_level));
	/* In a directory file, what the global test walked is not repeated. */
	global = ct->dirfile != NULL && ct->opt->graylist_level != GL_NONE;
	rcpthosts_lines(o, &hosts);
	buf_init(&b, PATH_MAX);
	for (i = 0; i < o->graylist_dir.n; i++) {
		const char *top = o->graylist_dir.v[i];

		if (global && opt_list_has(&ct->opt->graylist_dir, top))
			continue;
		if ((n = ct_list_dir(ct, "graylist-dir", top, &e)) == -1)
			continue;
		if (create)
			ct_test_write_dir(ct, "graylist-dir", top, K_VERBOSE);
		for (k = 0; k < n; k++) {
			const char *d = e[k]->d_name;

			if (ct_dot(d) || path_join(&b, top, d, strlen(d)) == -1)
				continue;
			if (lstat(b.data, &st) == -1 || !S_ISDIR(st.st_mode)) {
				ct_say(ct, K_ERROR, "graylist-dir", "Not a "
				    "directory: %s; the top level of a "
				    "graylist directory may hold only domain "
				    "directories.", b.data);
				continue;
			}
			if (!opt_list_has(&hosts, d))
				ct_say(ct, K_INFO, "graylist-dir", "The domain "
				    "directory %s is not listed in rcpthosts; "
				    "it will not be used.", b.data);
			gl_dir(ct, b.data, 1);
		}
		ct_free_dir(e, n);
	}
	for (j = 0; j < hosts.n && !global; j++) {
		found = false;
		for (i = 0; i < o->graylist_dir.n && !found; i++)
			found = path_join(&b, o->graylist_dir.v[i],
			    hosts.v[j], strlen(hosts.v[j])) == 0 &&
			    stat(b.data, &st) == 0 && S_ISDIR(st.st_mode);
		if (!found)
			ct_say(ct, K_INFO, r->name, create ? "No graylist "
			    "domain directory for %s; it will be created when "
			    "needed." : "No graylist domain directory for %s: "
			    "no graylisting will take place for it.",
			    hosts.v[j]);
	}
	buf_free(&b);
	opt_list_clear(&hosts);
	free(hosts.v);
}

/* ---------------------------------- DNS blacklist test entries (Addition) */

static void
dns_setup(const struct options *o, struct dns_config *cfg)
{
	char err[512];
	size_t i;

	dns_config_init(cfg);
	cfg->level = (enum dns_level)o->dns_level;
	cfg->max_retries_primary = (int)o->dns_max_retries_primary;
	cfg->max_retries_total = (int)o->dns_max_retries_total;
	cfg->timeout_secs = o->dns_timeout_secs;
	cfg->spoof = (enum dns_spoof)o->dns_spoof;
	cfg->tcp = o->dns_tcp == DT_NORMAL;
	for (i = 0; i < o->dns_server_ip_primary.n; i++)
		if (dns_config_add_server(cfg, o->dns_server_ip_primary.v[i],
		    true, err, sizeof(err)) == -1)
			log_error("%s", err);
	for (i = 0; i < o->dns_server_ip.n; i++)
		if (dns_config_add_server(cfg, o->dns_server_ip.v[i], false,
		    err, sizeof(err)) == -1)
			log_error("%s", err);
	if (dns_config_load(cfg, (const char *const *)o->dns_resolv_conf.v,
	    o->dns_resolv_conf.n, getenv("RES_OPTIONS"), err,
	    sizeof(err)) == -1)
		log_error("%s", err);
}

/*
 * Ask zone about 127.0.0.last: 1 listed, 0 not, -1 no answer; *refused
 * set for an answer in 127.255.255.0/24 (files.md 8, options.md 5).
 */
static int
dnsbl_probe(const struct dns_config *cfg, const char *zone, int last,
    bool *refused, char *name, size_t namelen)
{
	struct dns_result *res = NULL;
	struct ip_addr ip;
	char text[16];
	size_t i;
	int st, listed = 0;

	snprintf(text, sizeof(text), "127.0.0.%d", last);
	if (ip_parse(text, &ip) == -1 ||
	    ip_dnsbl_name(&ip, zone, name, namelen) == -1)
		return 0;
	st = dns_lookup_sync(cfg, name, DNS_T_A, 0, &res);
	if (st == DNS_FOUND && res != NULL)
		for (i = 0; i < res->nrr; i++) {
			const unsigned char *a = res->rr[i]->addr;

			if (res->rr[i]->type != DNS_T_A)
				continue;
			if (a[0] == 127 && a[1] == 255 && a[2] == 255)
				*refused = true;
			else
				listed = 1;
		}
	dns_result_free(res);
	return st == DNS_NORESULT ? -1 : listed;
}

void
ct_sp_dnsbl(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	struct zonelist zl = { NULL, 0, 0 };
	struct dns_config cfg;
	char n2[DNS_MAX_NAME + 2], n1[DNS_MAX_NAME + 2];
	bool refused = false;
	size_t i;
	int two, one, loaded;

	ct_entry_count(ct, r, o->dns_blacklist_entry.n);
	ct_capture(ct, "dns-blacklist-file");
	loaded = match_zones_load(&o->dns_blacklist_entry,
	    &o->dns_blacklist_file, &zl);
	ct_capture(ct, NULL);
	if (loaded == -1)
		ct_say(ct, K_ERROR, "dns-blacklist-file", "A "
		    "dns-blacklist-file cannot be read: the DNS blacklist "
		    "filter will be skipped for every connection.");
	if (zl.n == 0)
		goto out;
	/* The resolver options are global (CF), also for a directory file. */
	if (ct->opt->dns_level == DL_NONE) {
		ct_say(ct, K_INFO, r->name, "dns-level is none: the DNS "
		    "blacklists are not queried and not tested.");
		goto out;
	}
	ct_capture(ct, "dns-server-ip");
	dns_setup(ct->opt, &cfg);
	ct_capture(ct, NULL);
	for (i = 0; i < zl.n; i++) {
		const char *z = zl.v[i].name;

		ct_say(ct, K_VERBOSE, NULL, "Testing DNS blacklist %s...", z);
		refused = false;
		two = dnsbl_probe(&cfg, z, 2, &refused, n2, sizeof(n2));
		one = dnsbl_probe(&cfg, z, 1, &refused, n1, sizeof(n1));
		if (refused)
			ct_say(ct, K_ERROR, r->name, "The DNS blacklist %s "
			    "answers with an address in 127.255.255.0/24: it "
			    "refuses queries from this resolver (a public or "
			    "unregistered resolver?) and blocks nothing.", z);
		if (two == -1 || one == -1) {
			ct_say(ct, K_WARNING, r->name, "No answer from the "
			    "name servers for %s: the DNS blacklist %s could "
			    "not be tested.", two == -1 ? n2 : n1, z);
			continue;
		}
		if (two == 0 && !refused)
			ct_say(ct, K_ERROR, r->name, "The DNS blacklist %s "
			    "does not list its test entry 127.0.0.2 (%s): the "
			    "zone name may be wrong or the list may be out of "
			    "service.", z, n2);
		if (one == 1)
			ct_say(ct, K_ERROR, r->name, "The DNS blacklist %s "
			    "lists 127.0.0.1 (%s): it may be listing every "
			    "address.", z, n1);
		if (two == 1 && one == 0 && !refused)
			ct_say(ct, K_SUCCESS, r->name, "The DNS blacklist %s "
			    "lists its test entry 127.0.0.2 and not 127.0.0.1.",
			    z);
	}
out:
	match_zones_free(&zl);
}

/* In a directory file the file row stands in for an unmentioned entry. */
void
ct_sp_dnsbl_file(struct ct *ct, const struct opt_row *r,
    const struct options *o)
{
	if (ct->dirfile != NULL &&
	    !(opt_mentioned(o, "dns-blacklist-entry") & OPT_WHERE_D))
		ct_sp_dnsbl(ct, opt_row_by_name("dns-blacklist-entry"), o);
	(void)r;
}
