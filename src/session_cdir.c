/*
 * session_cdir.c - configuration directories at RCPT time (session.md
 * 2.5 step 3, options.md 1.7, files.md 2).
 *
 * With config-dir set nothing is filtered before RCPT TO (except the
 * greeting-delay measurement).  For each recipient the global options are
 * copied, the matching directory files applied, and the connection and
 * MAIL chains evaluated with the result.  Decisions reached without any
 * directory file become the session's base and are reused; those
 * influenced by a file are discarded after this RCPT.  Improvement: the
 * rDNS name is looked up once per connection.
 */
#include <string.h>

#include "config/dir.h"
#include "config/options.h"
#include "log/log.h"
#include "session.h"
#include "util/str.h"

/* Header blacklist values from directory files apply to the whole message. */
static void
accumulate_headers(struct session *s, const struct options *ro)
{
	static const char *const names[] = { "header-blacklist-entry",
		"header-blacklist-file" };
	const struct strlist *lists[] = { &ro->header_blacklist_entry,
		&ro->header_blacklist_file };
	char err[256];
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < lists[k]->n; i++)
			if (opt_set(s->gopt, names[k], lists[k]->v[i],
			    OPT_WHERE_D, err, sizeof(err)) == -1)
				log_error("%s", err);
}

/* Run the deferred connection and MAIL chains with s->opt in force. */
static void
run_chains(struct session *s)
{
	bool talk = s->fs.early_talk;
	long used = s->fs.delay_used;

	memset(&s->fs, 0, sizeof(s->fs));
	s->fs.rdns_resolves = -2;
	s->fs.sender_mx = -1;
	s->fs.early_talk = talk;
	s->fs.delay_used = used;
	dnsbl_reload(s);	/* this recipient's lists; answers are kept */
	chain_start(s, PH_CONNECT);
	if (s->rdns[0] != '\0')
		chain_start(s, PH_RDNS);
	if (s->sender.local[0] != '\0')
		chain_start(s, PH_MAIL);
	session_dns_wait(s);
	chain_run(s, PH_CONNECT, &s->d);
	chain_run(s, PH_GREETING, &s->d);
	if (s->sender.local[0] != '\0')
		chain_run(s, PH_MAIL, &s->d);
}

int
session_cdir_begin(struct session *s)
{
	struct config_dir_query q;
	struct options *ro;
	int n;

	if (s->gopt->config_dir.n == 0)
		return 0;
	if ((ro = opt_dup(s->gopt)) == NULL) {
		log_error("out of memory - unable to allocate %zu bytes",
		    sizeof(*ro));
		return 0;
	}
	q.ip = s->ip;
	q.rdns = s->rdns;
	q.sender_local = s->sender.local;
	q.sender_domain = s->sender.domain;
	q.rcpt_local = s->rcpt.local;
	q.rcpt_domain = s->rcpt.domain;
	n = config_dir_apply(ro, &q);
	if (n <= 0) {
		opt_free(ro);
		if (!s->cdir_base_valid) {
			run_chains(s);
			s->cdir_base_valid = true;
		}
		return 0;
	}
	accumulate_headers(s, ro);
	s->cdir_saved = s->d;
	s->cdir_saved_grace = s->grace;
	if (s->d.state != D_AUTHENTICATED)
		decision_init(&s->d);
	s->d.locked = false;
	s->d.reason = R_NONE;
	s->opt = ro;
	run_chains(s);
	return 1;
}

void
session_cdir_end(struct session *s, int applied)
{
	if (!applied)
		return;
	opt_free(s->opt);
	s->opt = s->gopt;
	s->d = s->cdir_saved;
	s->grace = s->cdir_saved_grace;
	s->rcpt_pending_revert = false;
}
