/*
 * session.h - one SMTP connection: the relay between the client (fd 0/1)
 * and qmail-smtpd, the policy path that watches it, and the decisions.
 *
 * main.c builds a session and calls session_run(); filters see the
 * session through the accessors below.
 */
#ifndef SPAMDYKE_SESSION_H
#define SPAMDYKE_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "filters/filter.h"
#include "io/conn.h"
#include "smtp/addr.h"
#include "smtp/ehlo.h"
#include "util/buf.h"

struct dns_resolver;
struct tls_server;
struct dns_result;
struct loop;
struct options;
struct transcript;

#define SESSION_IP_MAX		64
#define SESSION_RDNS_MAX	256
#define SESSION_USER_MAX	512

/* What the backend's next reply answers. */
enum await {
	AW_NONE = 0,
	AW_GREETING,
	AW_HELO,
	AW_EHLO,
	AW_MAIL,
	AW_RCPT,
	AW_DATA,
	AW_DATAEND,
	AW_STARTTLS,
	AW_AUTH,
	AW_QUIT,
	AW_OTHER,
};

enum mode {
	M_COMMAND = 0,
	M_DATA,
	M_PASSTHROUGH,
};

struct session {
	struct options		*opt;		/* in force (per recipient) */
	struct options		*gopt;		/* the global options */
	bool			 cdir_base_valid;
	struct decision		 cdir_saved;
	int			 cdir_saved_grace;
	long			 et_logged;	/* earlytalker value logged (5.5) */
	struct loop		*loop;
	struct conn		 client;
	struct conn		 backend;	/* rfd: its stdout, wfd: its stdin */
	pid_t			 child;
	bool			 backend_started;
	bool			 backend_cut;	/* stdin closed, output discarded */
	bool			 backend_reaped;
	int			 backend_status;
	bool			 ending;	/* finish once output is flushed */
	bool			 client_closed;
	enum await		 await;
	enum mode		 mode;
	bool			 discarding;	/* over-long command, drop to LF */
	bool			 auth_observing;/* client lines are AUTH data */

	/* DATA scanner state (session.md 1.4, 2.6). */
	bool			 bol;		/* at the start of a line */
	bool			 prev_cr;	/* last byte forwarded was CR */
	bool			 prev_bare;	/* last line ended in a bare LF */
	/* Header blacklist (2.6): the held header section. */
	bool			 in_headers;
	bool			 swallowing;	/* blacklisted: drop to the dot */
	bool			 holding_off;	/* hold buffer overflowed */
	struct buf		 hold;
	struct buf		 header;	/* current unfolded header */

	/* Decisions (2.1, 2.2). */
	struct decision		 d;
	struct decision		 saved;		/* state at the start of RCPT */
	bool			 rcpt_pending_revert;
	int			 grace;
	enum reason		 cut_reason;	/* rejection that cut the backend */
	char			 cut_suffix[DECISION_SUFFIX_MAX];
	unsigned		 local_replies;
	long			 retry_hint;	/* graylist-retry-hint, -1: none */

	/* Identity of the connection. */
	char			 ip[SESSION_IP_MAX];
	char			 remote_name[SESSION_RDNS_MAX]; /* 1.3 text */
	bool			 ip_rewritten;	/* TCPREMOTEIP from a lookup */
	char			 rdns[SESSION_RDNS_MAX];
	char			 auth_user[SESSION_USER_MAX];
	bool			 authenticated;
	int			 auth_mech;	/* observed AUTH (8.3) */
	int			 auth_step;
	char			 auth_pending[SESSION_USER_MAX];
	bool			 relay_allowed;	/* 5.2 */
	bool			 relay_injected;/* RELAYCLIENT= for qmail */
	char			 relay_suffix[256];
	const char		*encryption;

	/* Envelope. */
	struct smtp_addr	 sender;
	struct smtp_addr	 rcpt;		/* the RCPT awaiting its reply */
	char			 rcpt_qdomain[SMTP_ADDR_PART_MAX + 1];
	struct smtp_addr	*accepted;
	size_t			 naccepted;
	size_t			 capaccepted;

	struct ehlo_rw		 ehlo;
	bool			 spamdyke_auth;	/* spamdyke advertised AUTH */

	/* Timers (5.6). */
	uint64_t		 start_ms;
	uint64_t		 last_activity_ms;
	int			 timer_id;
	bool			 timed_out;

	/* Asynchronous filter work (DNS, 6). */
	struct dns_resolver	*dns;
	unsigned		 dns_pending;	/* lookups started, not done */
	bool			 dns_waiting;	/* relay paused for filter DNS */
	void			*dnsq;		/* session_dns.c bookkeeping */
	struct filter_state	 fs;
	void			*zones;		/* filters/dnsbl.c state */

	/* TLS (7). */
	struct tls_server	*tls_srv;
	bool			 tls_setup_failed;
	bool			 handshaking;
	bool			 smtps;
	bool			 smtps_failed;
	bool			 discard_input;	/* after STARTTLS: drop the rest */
	uint64_t		 hs_deadline;

	/* SMTP AUTH processed by spamdyke (8.2). */
	bool			 auth_exchange;	/* client lines go to auth */
	bool			 auth_waiting;	/* verification running */
	void			*auth;		/* session_auth.c state */

	struct transcript	*tr;		/* full-log-dir, or NULL */
	char *const		*backend_argv;
	char			**backend_envp;
};

/* The options in force for this session (filters use this). */
const struct options	*session_options(const struct session *);

/*
 * Run one whole session: connection-time filters, the backend, the relay
 * loop, the end.  argv is the qmail-smtpd command line.  Returns the
 * process exit status (0 after any session, 111 on internal failure).
 */
int	 session_run(struct options *, char *const argv[]);

/*
 * Start a DNS lookup for a filter; cb runs once from the loop with the
 * result and a copy of arg (arglen bytes).  Counted in dns_pending until
 * then.  0 started, -1 not started (DNS off, bad name, no memory): cb does
 * not run and the filter sees no result.
 */
typedef void	 session_dns_cb(struct session *, const struct dns_result *,
		    void *arg);
int	 session_lookup(struct session *, const char *name, unsigned types,
	    unsigned prefer, session_dns_cb *, const void *arg, size_t arglen);
/* Run the loop until every filter lookup has finished. */
void	 session_dns_wait(struct session *);
/* The connection-time chain (2.3) with its DNS work and the delay (5.5). */
void	 session_connect_filters(struct session *);
void	 session_dns_free(struct session *);
/* Config directories for the current RCPT: 1 when files were applied. */
int	 session_cdir_begin(struct session *);
void	 session_cdir_end(struct session *, int applied);

/* TLS (session_tls.c). */
bool	 session_tls_active(struct session *);
unsigned session_tls_ehlo_flags(struct session *);
int	 session_starttls(struct session *);
bool	 session_tls_progress(struct session *);
int	 session_smtps(struct session *);
void	 session_tls_wait(struct session *);
void	 session_tls_end(struct session *);

/* AUTH processed by spamdyke (session_auth.c). */
bool	 session_auth_processing(struct session *);
void	 session_auth_command(struct session *, const char *arg, size_t n);
void	 session_auth_line(struct session *, const char *line, size_t n);
void	 session_auth_free(struct session *);
void	 session_step(struct session *);

/* Internal to session*.c. */
void	 session_to_client(struct session *, const char *, size_t, bool own);
void	 session_to_backend(struct session *, const char *, size_t);
void	 session_reply(struct session *, enum reason, int code,
	    const char *suffix);
void	 session_cut(struct session *);
void	 session_end(struct session *);
void	 session_decision_line(struct session *, enum reason,
	    const struct smtp_addr *rcpt, const char *reason_text);
void	 session_client_input(struct session *);
void	 session_backend_line(struct session *, const char *, size_t);
bool	 session_data_scan(struct session *);
void	 session_auth_observe_start(struct session *, const char *, size_t);
void	 session_auth_observe_line(struct session *, const char *, size_t);
bool	 session_header_filter_on(const struct session *);
void	 session_header_begin(struct session *);
bool	 session_header_line(struct session *, const char *, size_t, bool);
void	 session_header_final(struct session *);
void	 session_header_end(struct session *);
void	 session_command(struct session *, const char *raw, size_t rawlen);

#endif
