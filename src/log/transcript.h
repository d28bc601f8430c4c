/*
 * transcript.h - the full traffic log of one connection (full-log-dir,
 * session.md 4.7, files.md 10).  It observes the relay; it is never part
 * of it.
 */
#ifndef SPAMDYKE_LOG_TRANSCRIPT_H
#define SPAMDYKE_LOG_TRANSCRIPT_H

#include <stdbool.h>
#include <stddef.h>

struct transcript;

/* Origins of data blocks. */
#define TR_REMOTE_TO_CHILD	"FROM REMOTE TO CHILD"
#define TR_CHILD_TO_REMOTE	"FROM CHILD TO REMOTE"
#define TR_CHILD_FILTERED	"FROM CHILD, FILTERED"
#define TR_SPAMDYKE_TO_REMOTE	"FROM SPAMDYKE TO REMOTE"

/*
 * Create DIR/YYYYMMDD_HHMMSS_PID_RAND (O_EXCL|O_NOFOLLOW, 0600) and write
 * the STARTED line; installs itself as the log observer.  NULL (error
 * logged) when the file cannot be created.
 */
struct transcript	*transcript_open(const char *dir, const char *version);
/* CURRENT ENVIRONMENT block. */
void	 transcript_env(struct transcript *, char *const envp[]);
/* CURRENT CONFIG block from "name=value\n" lines. */
void	 transcript_config(struct transcript *, const char *lines, size_t n);
/* Suffixes for later headers: " TLS"/" TLS_PASSTHROUGH", AUTH user. */
void	 transcript_set_state(struct transcript *, const char *enc_suffix,
	    const char *auth_user);
/* "TS<suffixes> - <event>" line. */
void	 transcript_event(struct transcript *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A data block; hex for TLS passthrough bytes. */
void	 transcript_data(struct transcript *, const char *origin,
	    const char *data, size_t n, bool hex);
/* CLOSED line, close the file, remove the observer. */
void	 transcript_close(struct transcript *);

#endif
