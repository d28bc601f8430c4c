/*
 * filter.h - the decision model (session.md 2.1) and the uniform filter
 * interface (STYLE.md 6).
 *
 * Filters record verdicts in a struct decision; the session decides when
 * to speak (grace, 2.2).  A filter never writes to a socket.
 */
#ifndef SPAMDYKE_FILTERS_FILTER_H
#define SPAMDYKE_FILTERS_FILTER_H

#include <stdbool.h>

#include "smtp/reply.h"

struct session;
struct options;

/* Decision states, lowest to highest (2.1). */
enum dstate {
	D_UNDECIDED = 0,
	D_RCPT_REJECT,
	D_REJECT,
	D_AUTHENTICATED,
	D_RCPT_ALLOW,
	D_WHITELISTED,
};

#define DECISION_DETAIL_MAX	512
#define DECISION_SUFFIX_MAX	320

struct decision {
	enum dstate	 state;
	bool		 locked;	/* filter-level=reject-all */
	enum reason	 reason;	/* pending rejection, R_NONE if none */
	char		 detail[DECISION_DETAIL_MAX];	/* reason: field */
	char		 suffix[DECISION_SUFFIX_MAX];	/* RBL "list: txt" */
};

/* Grace levels (2.2); EXPIRED once a rejection has been announced. */
enum grace {
	G_EXPIRED = -1,
	G_NONE = 0,
	G_AFTER_MAIL = 1,
	G_AFTER_RCPT = 2,
};

/* Phases a filter runs in (bits). */
#define PH_CONNECT	0x1u
#define PH_MAIL		0x2u
#define PH_RCPT		0x4u
#define PH_DATA		0x8u
#define PH_RDNS		0x10u	/* start() only: the rDNS name is known */
#define PH_GREETING	0x20u	/* row 19: after the greeting-delay wait */

/* What a DNS list said (session.md 6.4). */
struct dnsbl_hit {
	bool		 hit;
	char		 list[256];	/* the zone that answered */
	char		 domain[256];	/* RHS lists: the candidate listed */
	char		 txt[256];	/* sanitised TXT text, may be empty */
};

/* Results of asynchronous filter work, kept for decide(). */
struct filter_state {
	int		 rdns_resolves;	/* DNS_FOUND/.., or -2: not asked */
	struct dnsbl_hit rwl, rbl, rhswl, rhsbl;	/* connection time */
	struct dnsbl_hit s_rhswl, s_rhsbl;		/* sender domain */
	int		 sender_mx;	/* 1 valid, 0 invalid, -1 not asked */
	bool		 early_talk;	/* data arrived during the delay */
	long		 delay_used;	/* greeting-delay-secs waited */
};

enum filter_kind {
	FK_BLOCK,	/* runs while state < REJECT (2.1 rule 1) */
	FK_WHITE,	/* runs while state < WHITELISTED (rule 2) */
	FK_SPECIAL,	/* runs whenever not locked (filter level) */
};

struct filter {
	const char	 *name;		/* as in --config-test output */
	unsigned	  phases;	/* PH_* bits */
	enum filter_kind  kind;
	bool		(*enabled)(const struct options *);
	/* Optional: start asynchronous work (DNS) before decide(). */
	void		(*start)(struct session *, unsigned phase);
	void		(*decide)(struct session *, unsigned phase,
			    struct decision *);
};

/* A fresh, undecided decision. */
void	 decision_init(struct decision *);
/* True when a rejection is pending (REJECT with a reason). */
bool	 decision_rejecting(const struct decision *);
/*
 * Record a blocking match: state REJECT with reason, detail (log reason
 * field, may be NULL) and suffix (reply text suffix, may be NULL).  No-op
 * when locked.
 */
void	 decision_reject(struct decision *, enum reason, const char *detail,
	    const char *suffix);
/* Record a whitelist match: WHITELISTED, pending rejection cleared. */
void	 decision_whitelist(struct decision *);
/* Successful AUTH (rule 4): AUTHENTICATED, rejection cleared, unless locked. */
void	 decision_authenticated(struct decision *);

/* Grace level from the global configuration (2.2). */
enum grace	 grace_level(const struct options *);

/* Start the asynchronous part of every enabled filter of this phase. */
void	 chain_start(struct session *, unsigned phase);
/* Run the filters of this phase in specification order (2.3, 2.4, 2.5). */
void	 chain_run(struct session *, unsigned phase, struct decision *);

/* Release what the DNS list filters keep for a session. */
void	 dnsbl_free(struct session *);
/* Forget the zone lists (options changed), keep what DNS answered. */
void	 dnsbl_reload(struct session *);

/* Filter families (one file each), in chain order. */
extern const struct filter	filter_level;
extern const struct filter	filter_rdns_missing;
extern const struct filter	filter_ip_in_cc_rdns;
extern const struct filter	filter_rdns_whitelist;
extern const struct filter	filter_rdns_blacklist;
extern const struct filter	filter_ip_whitelist;
extern const struct filter	filter_ip_blacklist;
extern const struct filter	filter_keyword_whitelist;
extern const struct filter	filter_keyword_blacklist;
extern const struct filter	filter_rdns_resolve;
extern const struct filter	filter_rwl;
extern const struct filter	filter_rhswl;
extern const struct filter	filter_rbl;
extern const struct filter	filter_rhsbl;
extern const struct filter	filter_earlytalker;
extern const struct filter	filter_sender_whitelist;
extern const struct filter	filter_sender_blacklist;
extern const struct filter	filter_reject_sender;
extern const struct filter	filter_recipient_whitelist;

/*
 * The recipient filters of 2.5 step 5b (all of them) or step 6 (only
 * validity), with the precedence of the table there.  Returns the reason
 * of the refusal, R_NONE to accept; detail gets the log reason field.
 */
enum reason	 recipient_filters(struct session *, bool only_validity,
		    char *detail, size_t detaillen);

#endif
