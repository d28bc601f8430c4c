/*
 * qrv.h - internal interface of spamdyke-qrv, the setuid helper that tells
 * spamdyke whether qmail would deliver to a local address (qrv.md).
 *
 * Modules: main.c (start-up hygiene, options, operands), msg.c (stdout
 * messages), ident.c (root / caller / owner identities and the access test
 * P4), qmail.c (control files and users/cdb), owner.c (step C), validate.c
 * (steps A, B, D-F), deliver.c (G, I), vpop.c (H and the child runner).
 * It links only util/.
 */
#ifndef SPAMDYKE_QRV_QRV_H
#define SPAMDYKE_QRV_QRV_H

#include <sys/types.h>
#include <sys/stat.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/buf.h"

/* Build-time settings (qrv.md 1.6). */
#ifndef QMAIL_HOME
#define QMAIL_HOME	"/var/qmail"
#endif
#ifndef QRV_ALIAS_USER
#define QRV_ALIAS_USER	"alias"
#endif
#ifndef QRV_VERSION
#if defined(SPAMDYKE_VERSION)
#define QRV_VERSION	SPAMDYKE_VERSION
#elif defined(PACKAGE_VERSION)
#define QRV_VERSION	PACKAGE_VERSION
#else
#define QRV_VERSION	"5.0.1"
#endif
#endif
#if defined(WITH_VPOPMAIL_SUPPORT) && \
    (!defined(VALIAS_PATH) || !defined(VUSERINFO_PATH))
#error "vpopmail support needs VALIAS_PATH and VUSERINFO_PATH"
#endif
/* Time limits in milliseconds (S8, S9); only test builds change them. */
#ifndef QRV_CHILD_MS
#define QRV_CHILD_MS	10000
#endif
#ifndef QRV_RUN_MS
#define QRV_RUN_MS	20000
#endif

#define QRV_SEARCH_PATH	"/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:" \
			"/usr/local/sbin:" QMAIL_HOME "/bin:/home/vpopmail/bin"

#define QRV_MAX_DEPTH	10		/* forward depth (A2) */
#define QRV_MAX_EVALS	64		/* evaluations per run (A3) */
#define QRV_MAX_LINES	65536		/* lines read per file (S6) */
#define QRV_MAX_LINE	65535		/* bytes per line (S6) */
#define QRV_MAX_QMAIL	(1024 * 1024)	/* .qmail, defaultdelivery */
#define QRV_MAX_ASSIGN	65536		/* users/cdb data (S6) */
#define QRV_MAX_OUTPUT	16384		/* child output kept (S8) */
#define QRV_MAX_WORD	4095		/* command word (P6) */
#define QRV_MAX_PATHS	16		/* files per repeatable option */
#define QRV_MAX_NAME	(2 * QRV_MAX_LINE)	/* any working string */

enum qrv_res {
	QR_UNKNOWN = 0,
	QR_VALID = 1,
	QR_INVALID = 2,
	QR_UNAVAILABLE = 3,
	QR_ERROR = 255,
	QR_ABORT = 256,		/* budget spent: the run ends, exit 0 */
	QR_NEXT = 257		/* internal: no outcome yet, go on */
};

/* A file named by an option or by default. */
struct qpath {
	const char	*path;
	int		 fd;	/* >= 0: opened and checked (S4) */
};

struct qlist {
	struct qpath	 v[QRV_MAX_PATHS];
	size_t		 n;
};

struct qrv {
	struct qlist	 percenthack;
	struct qlist	 locals;
	struct qlist	 virtualdomains;
	struct qlist	 assign;
	struct qlist	 rcpthosts;	/* accepted, ignored */
	struct qlist	 morercpthosts;	/* accepted, ignored */
	struct qpath	 defaultdelivery;
	struct qpath	 envnoathost;
	struct qpath	 me;
	int		 verbose;
	bool		 diag_wanted;
	bool		 excessive;	/* built in, -v -v, real uid 0 */
	bool		 diag;		/* built in, -d, real uid 0 */
	uid_t		 ruid;
	gid_t		 rgid;
	uid_t		 euid;
	bool		 privileged;	/* effective uid 0 at start */
	gid_t		*groups;	/* caller's supplementary groups */
	int		 ngroups;
	char		*relayclient;	/* NULL when unset */
	const char	*arg_domain;
	const char	*arg_user;
	char		*resolved;	/* top-level U after routing */
	struct timespec	 start;
	unsigned	 evals;
	struct buf	 path;		/* diag: the steps taken */
};

/* The recipient's owner, as qmail-lspawn would hand it to qmail-local. */
struct owner {
	uid_t		 uid;
	gid_t		 gid;
	struct buf	 home;
	struct buf	 dash;
	struct buf	 ext;
	bool		 vpop_prefix;	/* wildcard "D-" (C1.5) */
};

/* Entry addresses of the evaluations that led here (A1). */
struct chain {
	const char	*u[QRV_MAX_DEPTH];
	const char	*d[QRV_MAX_DEPTH];
	size_t		 n;
};

/* One evaluation of validate() (step A). */
struct eval {
	const char		*eu;	/* entry address */
	const char		*ed;
	const struct chain	*chain;
	struct buf		 u;	/* working local part and domain */
	struct buf		 d;
	bool			 vdom_self;
	bool			 percent;
	struct owner		 own;
	enum qrv_res		 remembered;	/* I4, H7; NEXT: none */
};

/* msg.c: every message goes to stdout, one line each (1.4). */
void	 qrv_msg(const char *tag, const char *func, const char *file,
	    int line, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
#define qrv_error(...)							\
	qrv_msg("ERROR", __func__, __FILE__, __LINE__, __VA_ARGS__)
#define qrv_warn(q, ...) do {						\
	if ((q)->verbose >= 1)						\
		qrv_msg("WARNING", __func__, __FILE__, __LINE__,	\
		    __VA_ARGS__);					\
} while (0)
#define qrv_excess(q, ...) do {						\
	if ((q)->excessive)						\
		qrv_msg("EXCESSIVE", __func__, __FILE__, __LINE__,	\
		    __VA_ARGS__);					\
} while (0)
/* Record a step label for the diag line. */
void	 qrv_step(struct qrv *, const char *label);
/* Escape file or program text for an excessive line (static buffer). */
const char	*qrv_esc(const char *, size_t);
/* Out of memory or a failed identity switch: message, exit 255. */
void	 qrv_die(const char *what) __attribute__((noreturn));

/* ident.c: identities (S5). Each switch either succeeds or exits 255. */
void	 id_owner(struct qrv *, uid_t, gid_t);
void	 id_caller(struct qrv *);
void	 id_root(struct qrv *);
void	 id_drop(struct qrv *);	/* for good: become the caller */

enum tres { T_OK, T_ABSENT, T_DENIED, T_ERROR };
#define T_ANY	0
#define T_DIR	1
#define T_REG	2
#define T_R	4
#define T_W	2
#define T_X	1
/* P4 access test as the owner; st filled when not NULL and T_OK. */
enum tres	 id_test(struct qrv *, const struct owner *, const char *path,
		    int type, unsigned bits, struct stat *st);
/* P4.4 permission bits of st for the owner. */
bool	 id_bits(const struct owner *, const struct stat *, unsigned bits);
/*
 * Read a regular file as the owner, at most max bytes: 1 read, 0 absent,
 * -1 unreadable (errno; EFBIG when larger than max).
 */
int	 id_read(struct qrv *, const struct owner *, const char *path,
	    size_t max, struct buf *out);

/* qmail.c: control files (P1, P2) and users/cdb (P3, C1). */
/* 1 listed, 0 not listed, -1 unreadable; *nexist counts existing files. */
int	 qm_listed(struct qrv *, const struct qlist *, const char *dom,
	    size_t *nexist);
/* B3 locality with the "me" fallback: 1 local, 0 not, -1 unreadable. */
int	 qm_local(struct qrv *, const char *dom);
/* B4: 1 entry found (prepend may be empty), 0 none, -1 unreadable. */
int	 qm_virtual(struct qrv *, const char *dom, struct buf *prepend);
/* First line of a single-value file: 1 read, 0 absent, -1 unreadable. */
int	 qm_first_line(struct qrv *, const struct qpath *, struct buf *out);
/* Whole defaultdelivery file: 1 read, 0 absent, -1 unreadable. */
int	 qm_defaultdelivery(struct qrv *, struct buf *out);
/* C1 for one users/cdb file: 1 hit (o filled), 0 none, -1 error. */
int	 qm_assign(struct qrv *, const struct qpath *, const char *u,
	    const char *d, struct owner *o);
/* Remove trailing spaces and tabs (P1.3, P5.1): new length. */
size_t	 qm_trim(const char *, size_t);

/* owner.c: step C.  QR_NEXT with o filled, or a final result. */
enum qrv_res	 owner_find(struct qrv *, struct eval *);
void		 owner_init(struct owner *);
void		 owner_free(struct owner *);

/* validate.c: step A onwards for U@D, given the chain that led here. */
enum qrv_res	 qrv_validate(struct qrv *, const char *u, const char *d,
		    const struct chain *);
/* Replace b's contents with n bytes of s (exits on out of memory). */
void		 qrv_setbuf(struct buf *b, const char *s, size_t n);
/* Milliseconds since start. */
long long	 qrv_elapsed(const struct qrv *);
/* P7: split at the last '@'. */
void	 addr_split(const char *a, struct buf *u, struct buf *d);
/* P7 equality: local parts byte-identical, domains caseless. */
bool	 addr_same(const char *u1, const char *d1, const char *u2,
	    const char *d2);
/* Validate a target found in a forward, an alias or an action. */
enum qrv_res	 qrv_follow(struct qrv *, struct eval *, const char *u,
		    const char *d);

/* deliver.c: step G over a .qmail text; the result, never QR_NEXT. */
enum qrv_res	 qrv_deliver(struct qrv *, struct eval *, const char *text,
		    size_t n, bool fwd_only);

/* vpop.c: step H.  words[0] is the command; nargs arguments follow. */
enum qrv_res	 vpop_deliver(struct qrv *, struct eval *,
		    struct buf *words, size_t nargs);

#endif
