/*
 * auth.h - SMTP AUTH processed by spamdyke (session.md 8): the exchange
 * of one AUTH command (PLAIN, LOGIN, CRAM-MD5), the checkpassword-
 * compatible verification commands, and the observation of AUTH that the
 * backend processes (8.3).
 *
 * The module never writes to a socket and never logs a credential: the
 * exchange turns client lines into reply lines and, at the end, a struct
 * auth_cred; the runner turns a credential into a verdict.  Base64 and
 * random numbers come from libcrypto (tls.h), loaded on first use.
 *
 * The session's side, per AUTH command it processes itself:
 *
 *	step = auth_begin(&x, opt, arg, argn);
 *	while (step == AUTH_REPLY) {
 *		send x.reply; line = next client line;
 *		step = auth_next(&x, line, linelen);
 *	}
 *	AUTH_VERIFY:       auth_run_start(loop, opt, &x.cred, envp, &lim,
 *	                       done, ctx)  (or auth_verify() synchronously);
 *	                   done(accepted): "235 Proceed." + username
 *	                   x.cred.user, or R_FAILED_AUTH (535)
 *	AUTH_FAILED:       R_FAILED_AUTH (535)
 *	AUTH_CANCELLED:    send x.reply ("501 Authentication cancelled.")
 *	AUTH_UNKNOWN_MECH: R_UNKNOWN_AUTH (504)
 *	auth_clear(&x) when the exchange is over (wipes the password).
 */
#ifndef SPAMDYKE_AUTH_AUTH_H
#define SPAMDYKE_AUTH_AUTH_H

#include <stdbool.h>
#include <stddef.h>

struct loop;
struct options;

/* Sizes with the NUL: user name, password or digest, challenge, reply. */
#define AUTH_USER_MAX		512
#define AUTH_SECRET_MAX		1024
#define AUTH_CHALLENGE_MAX	320	/* "<random.time@host>" */
#define AUTH_REPLY_MAX		512	/* one reply line with CRLF */
#define AUTH_HOST_MAX		256	/* the challenge's host name */

/* 8.4 step 3: a verification command is killed after this long. */
#define AUTH_TIMEOUT_MS		30000
/*
 * Improvement: no verdict is delivered sooner than this after the
 * verification started, success or failure, so the answer time does not
 * tell a right password from a wrong one (unless a command is slower).
 */
#define AUTH_MIN_MS		250
/* The hostname-command gets this long to print its first line. */
#define AUTH_HOST_CMD_MS	5000

/* Fixed reply texts (session.md 3.3, 8.2). */
#define AUTH_TEXT_OK		"Proceed."			/* 235 */
#define AUTH_TEXT_CANCELLED	"Authentication cancelled."	/* 501 */
/*
 * Addition smtp-auth-require-tls: the answer to AUTH before TLS is
 * active (RFC 4954 6: 538, "Encryption required ...").
 */
#define AUTH_CODE_NEED_TLS	538
#define AUTH_TEXT_NEED_TLS	"Encryption required for requested " \
				"authentication mechanism."

enum auth_mech {
	AUTH_MECH_NONE = 0,
	AUTH_MECH_PLAIN,
	AUTH_MECH_LOGIN,
	AUTH_MECH_CRAM_MD5
};

/* What verification needs: the checkpassword fields of 8.4 step 2. */
struct auth_cred {
	char		 user[AUTH_USER_MAX];
	/* The password, or for CRAM-MD5 the client's hex digest. */
	char		 secret[AUTH_SECRET_MAX];
	/* The CRAM-MD5 challenge; "" for PLAIN and LOGIN. */
	char		 challenge[AUTH_CHALLENGE_MAX];
};

enum auth_step {
	AUTH_REPLY,		/* send reply, next line to auth_next() */
	AUTH_VERIFY,		/* cred is complete: run the commands */
	AUTH_FAILED,		/* bad input (base64, fields): 535 */
	AUTH_CANCELLED,		/* client sent "*": reply is the 501 */
	AUTH_UNKNOWN_MECH	/* 504 */
};

/* One AUTH command's state.  Zeroed (or auth_clear()ed) before use. */
struct auth_exchange {
	enum auth_mech	 mech;
	int		 state;			/* private */
	struct auth_cred cred;
	/* The line to send after AUTH_REPLY and AUTH_CANCELLED. */
	char		 reply[AUTH_REPLY_MAX];
	size_t		 replylen;
};

/*
 * Start an exchange from the AUTH command's argument (the text after
 * "AUTH" and spaces, arg may end in CR/LF): mechanism matched by prefix,
 * case-insensitively; optional initial response.  Any earlier state of x
 * is forgotten (Improvement: the mechanism is reset for every AUTH).
 * opt gives the CRAM-MD5 host name (auth_challenge_host()).
 */
enum auth_step	 auth_begin(struct auth_exchange *,
		    const struct options *, const char *arg, size_t n);
/* Feed the client's next line (CR/LF optional); as auth_begin(). */
enum auth_step	 auth_next(struct auth_exchange *, const char *line,
		    size_t n);
/* End of the exchange: wipe credentials and reset to no mechanism. */
void		 auth_clear(struct auth_exchange *);
/* The mechanism's name ("PLAIN", ...), "" for none. */
const char	*auth_mech_name(enum auth_mech);

/*
 * The CRAM-MD5 challenge host (8.2): hostname, else the first line of
 * hostname-file, else the first output line of hostname-command (at most
 * AUTH_HOST_CMD_MS), else $TCPLOCALHOST, else $HOSTNAME, else
 * "unknown.server.unknown.domain".  Always fills out (NUL-terminated).
 */
void		 auth_challenge_host(const struct options *, char *out,
		    size_t outlen);

/* Limits of a verification; auth_limits_default() gives 8.4's. */
struct auth_limits {
	long		 timeout_ms;	/* per command, then SIGKILL */
	long		 min_ms;	/* earliest verdict after start */
};

void		 auth_limits_default(struct auth_limits *);

/* The verdict of a verification; called once, from the loop. */
typedef void	 auth_done_cb(void *ctx, bool accepted);

struct auth_run;

/*
 * Verify cred with opt->smtp_auth_command, each tried in order until one
 * exits 0 (8.4): argv split at spaces, argv[0] searched on PATH, fd 3 =
 * "user NUL secret NUL challenge NUL", fd 0 = /dev/null, fd 1 and 2 read
 * and discarded, no other descriptor inherited, environment envp (NULL:
 * environ).  Exit codes other than 0 are logged with their 8.5 text
 * (VERBOSE) and the user name; a command still running after
 * lim->timeout_ms is killed ("authentication aborted abnormally: ").
 * The verdict is passed to cb from loop, never before lim->min_ms and
 * never from inside this call; the run then frees itself.  cred is copied
 * (and wiped when done); opt and envp must outlive the run.  NULL when
 * nothing could be set up (no memory): cb will not be called.
 */
struct auth_run	*auth_run_start(struct loop *, const struct options *,
		    const struct auth_cred *, char *const envp[],
		    const struct auth_limits *, auth_done_cb *cb, void *ctx);
/* Stop a run before its verdict: kill the command, no callback. */
void		 auth_run_cancel(struct auth_run *);
/*
 * auth_run_start() on a private loop, waiting for the verdict.  1
 * accepted, 0 refused, -1 could not start (no memory).
 */
int		 auth_verify(const struct options *,
		    const struct auth_cred *, char *const envp[],
		    const struct auth_limits *);
/*
 * The 8.5 text for a verification command's exit code, ending in ": "
 * (the caller appends the user name).  Returns buf.
 */
const char	*auth_exit_text(int code, char *buf, size_t len);

/*
 * Observed AUTH (8.3): the backend processes the exchange, spamdyke only
 * learns the user name from the client's lines (PLAIN: authcid of the
 * blob; LOGIN: first response; CRAM-MD5: user part of the response).
 */
struct auth_observer {
	enum auth_mech	 mech;
	unsigned	 lines;		/* client lines after AUTH */
	bool		 done;
	bool		 have_user;
	char		 user[AUTH_USER_MAX];
};

/* Start observing from the AUTH command's argument. */
void		 auth_observe_begin(struct auth_observer *, const char *arg,
		    size_t n);
/* A client line sent while the backend's reply was 334. */
void		 auth_observe_line(struct auth_observer *, const char *line,
		    size_t n);
/* The user name learnt so far, or NULL. */
const char	*auth_observe_user(const struct auth_observer *);

#endif
