/*
 * tls.h - TLS under the client connection, and the few cryptographic
 * primitives AUTH needs (session.md 7, 8; options.md 2.11).
 *
 * OpenSSL is never linked: libssl/libcrypto are loaded with dlopen() the
 * first time a function below needs them, so a session without TLS or
 * spamdyke-processed AUTH never maps them (tls_loaded() tells).  Built
 * without HAVE_TLS (configure --disable-tls) every TLS function fails with
 * "TLS support is not available"; the crypto helpers still work when
 * libcrypto.so.3 can be loaded at run time.
 *
 * A server-side session:
 *
 *	srv = tls_server_new(opt, err, sizeof(err));	loads cert/key/...
 *	tls_start(srv, &client);	installs client.ops / client.layer
 *	while ((r = tls_handshake(&client, err, sizeof(err))) == 0)
 *		poll for tls_wants(&client)
 *	r == 1: conn_fill/conn_send/conn_flush now carry TLS
 *	r == -1: the conn is plain again (ops removed), err says why
 *	...
 *	tls_shutdown(&client); tls_free(&client); tls_server_free(srv);
 */
#ifndef SPAMDYKE_TLS_TLS_H
#define SPAMDYKE_TLS_TLS_H

#include <stdbool.h>
#include <stddef.h>

struct conn;
struct options;
struct tls_server;

/* Improvement (7.2): bound of a handshake when no timeout is configured. */
#define TLS_HANDSHAKE_MAX_MS	30000
/* 1.5: how long the shutdown at exit may take. */
#define TLS_SHUTDOWN_MAX_MS	5000
/* The error text when the library cannot be used (4.6, 7.1). */
#define TLS_ERR_UNAVAILABLE	"TLS support is not available"

/*
 * Can spamdyke terminate TLS with these options: built with TLS, a
 * certificate configured and tls-level not none?  Cheap (no library is
 * loaded, no file read): use it for the EHLO offer; the certificate is
 * only loaded by tls_server_new() when a session starts TLS.
 */
bool	 tls_configured(const struct options *);
/* Load libssl (once per process); true if TLS can be used at all. */
bool	 tls_available(void);
/* Has this process mapped libssl or libcrypto?  (Tests, diagnostics.) */
bool	 tls_loaded(void);

/*
 * A server context from tls-certificate-file, tls-privatekey-file,
 * tls-privatekey-password(-file), tls-dhparams-file, tls-cipher-list,
 * tls-ciphersuites and tls-min-protocol.  NULL on failure with the exact
 * session.md 4.6 text in err (the caller logs it with log_error()), e.g.
 * "unable to load SSL/TLS certificate from file: <f> : <ssl err>".
 * Free with tls_server_free().
 */
struct tls_server	*tls_server_new(const struct options *, char *err,
			    size_t errlen);
void			 tls_server_free(struct tls_server *);

/*
 * Put a server-side TLS layer under c (descriptors already non-blocking):
 * sets c->ops and c->layer.  Bytes still queued in c->out (the plaintext
 * "220 Proceed." of STARTTLS) are written unencrypted by tls_handshake()
 * before the handshake begins; the caller discards c->in itself (7.2: a
 * client must not pipeline plaintext after STARTTLS).  0 ok, -1 with err
 * (no memory, library unavailable); c is unchanged then.
 */
int	 tls_start(struct tls_server *, struct conn *c, char *err,
	    size_t errlen);
/*
 * Drive the handshake; call again when tls_wants(c) is ready.  1 done,
 * 0 in progress, -1 failed: err holds the OpenSSL text (for "unable to
 * start SSL/TLS connection: <err>"), the layer is removed and c is a
 * plain connection again.  Never blocks, never sleeps.
 */
int	 tls_handshake(struct conn *c, char *err, size_t errlen);
/*
 * IO_READ/IO_WRITE (io/loop.h) the layer waits for: during the handshake
 * and shutdown its direction; afterwards the events that a blocked read
 * or write needs beyond the obvious (a read waiting for writability, a
 * write waiting for readability).  0 when nothing is needed.  The same
 * value as c->ops->wants(c).
 */
unsigned tls_wants(struct conn *c);
/*
 * Decrypted bytes the layer holds that poll() cannot announce: when this
 * is not 0 and the caller wants input, call conn_fill() without waiting.
 */
size_t	 tls_pending(const struct conn *c);
/* Is c a TLS connection whose handshake completed? */
bool	 tls_active(const struct conn *c);
/* Negotiated protocol ("TLSv1.3") of an active layer, else NULL. */
const char *tls_protocol(const struct conn *c);
/*
 * Send close_notify (not waiting for the peer's).  1 sent or nothing to
 * do, 0 call again when tls_wants(c) is ready, -1 failed.  Flush c->out
 * first; bound the retries by TLS_SHUTDOWN_MAX_MS.
 */
int	 tls_shutdown(struct conn *c);
/* Remove the layer from c (c->ops = NULL) and free it; NULL-safe. */
void	 tls_free(struct conn *c);

/*
 * Cryptographic helpers from libcrypto (loaded on first use).  Each
 * returns 0 on success, -1 when the library is missing or the input or the
 * output size is wrong.
 */
/* Load libcrypto; true if the helpers below can work. */
bool	 tls_crypto_available(void);
/* Base64 of n bytes into out, NUL-terminated; *outlen without the NUL. */
int	 tls_b64_encode(const void *in, size_t n, char *out, size_t outsize,
	    size_t *outlen);
/*
 * Strict base64 (RFC 4648 alphabet, length a multiple of 4, '=' only as
 * the final one or two characters, no spaces) into out; *outlen decoded
 * bytes.  "" decodes to nothing.  out is NUL-terminated when room allows
 * (not counted).  -1 for malformed input or when out is too small.
 */
int	 tls_b64_decode(const char *in, size_t n, void *out, size_t outsize,
	    size_t *outlen);
/* n bytes from the CSPRNG. */
int	 tls_random(void *out, size_t n);
/* HMAC-MD5 (RFC 2104) of data under key into out[16]. */
int	 tls_hmac_md5(const void *key, size_t keylen, const void *data,
	    size_t n, unsigned char out[16]);

#endif
