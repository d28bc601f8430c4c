/*
 * ossl.h - private to src/tls/: the OpenSSL functions spamdyke uses, found
 * at run time with dlopen()/dlsym() instead of being linked.
 *
 * Why: linking libssl and libcrypto costs every spamdyke process about
 * three million instructions of dynamic relocation, TLS or not, and
 * spamdyke runs once per connection.  The libraries are mapped only when a
 * session needs TLS (ossl_load_ssl) or a digest/base64 (ossl_load_crypto).
 *
 * Each function is listed once in an X-macro with its C type.  When the
 * OpenSSL headers are available (HAVE_TLS) ossl.c checks every entry
 * against the header's prototype at compile time (_Generic does not
 * evaluate its operand, so no symbol reference reaches the linker).
 * Without HAVE_TLS only the libcrypto part exists, declared with OpenSSL's
 * own struct tags, so AUTH still works when libcrypto is present at run
 * time.
 */
#ifndef SPAMDYKE_TLS_OSSL_H
#define SPAMDYKE_TLS_OSSL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef HAVE_TLS
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#else
/* The struct tags of <openssl/types.h>, so the types are the same ones. */
typedef struct ossl_lib_ctx_st	OSSL_LIB_CTX;
typedef struct ossl_param_st	OSSL_PARAM;
#endif

/* libcrypto: X(return type, name, (parameter types)) */
#define OSSL_CRYPTO_FUNCS(X)						\
	X(unsigned long, OpenSSL_version_num, (void))			\
	X(unsigned long, ERR_get_error, (void))				\
	X(void, ERR_error_string_n, (unsigned long, char *, size_t))	\
	X(void, ERR_clear_error, (void))				\
	X(int, EVP_EncodeBlock, (unsigned char *, const unsigned char *, \
	    int))							\
	X(int, EVP_DecodeBlock, (unsigned char *, const unsigned char *, \
	    int))							\
	X(int, RAND_bytes, (unsigned char *, int))			\
	X(unsigned char *, EVP_Q_mac, (OSSL_LIB_CTX *, const char *,	\
	    const char *, const char *, const OSSL_PARAM *, const void *, \
	    size_t, const unsigned char *, size_t, unsigned char *, size_t, \
	    size_t *))

#ifdef HAVE_TLS
/* libcrypto functions only the TLS layer needs. */
#define OSSL_CRYPTO_TLS_FUNCS(X)					\
	X(BIO *, BIO_new_file, (const char *, const char *))		\
	X(int, BIO_free, (BIO *))					\
	X(EVP_PKEY *, PEM_read_bio_Parameters, (BIO *, EVP_PKEY **))	\
	X(void, EVP_PKEY_free, (EVP_PKEY *))

/* libssl */
#define OSSL_SSL_FUNCS(X)						\
	X(const SSL_METHOD *, TLS_server_method, (void))		\
	X(SSL_CTX *, SSL_CTX_new, (const SSL_METHOD *))			\
	X(void, SSL_CTX_free, (SSL_CTX *))				\
	X(long, SSL_CTX_ctrl, (SSL_CTX *, int, long, void *))		\
	X(uint64_t, SSL_CTX_set_options, (SSL_CTX *, uint64_t))		\
	X(int, SSL_CTX_set_cipher_list, (SSL_CTX *, const char *))	\
	X(int, SSL_CTX_set_ciphersuites, (SSL_CTX *, const char *))	\
	X(int, SSL_CTX_set_num_tickets, (SSL_CTX *, size_t))		\
	X(void, SSL_CTX_set_default_passwd_cb, (SSL_CTX *,		\
	    pem_password_cb *))						\
	X(void, SSL_CTX_set_default_passwd_cb_userdata, (SSL_CTX *,	\
	    void *))							\
	X(int, SSL_CTX_use_certificate_chain_file, (SSL_CTX *,		\
	    const char *))						\
	X(int, SSL_CTX_use_PrivateKey_file, (SSL_CTX *, const char *,	\
	    int))							\
	X(int, SSL_CTX_check_private_key, (const SSL_CTX *))		\
	X(int, SSL_CTX_set0_tmp_dh_pkey, (SSL_CTX *, EVP_PKEY *))	\
	X(SSL *, SSL_new, (SSL_CTX *))					\
	X(void, SSL_free, (SSL *))					\
	X(int, SSL_set_rfd, (SSL *, int))				\
	X(int, SSL_set_wfd, (SSL *, int))				\
	X(int, SSL_accept, (SSL *))					\
	X(int, SSL_read_ex, (SSL *, void *, size_t, size_t *))		\
	X(int, SSL_write_ex, (SSL *, const void *, size_t, size_t *))	\
	X(int, SSL_get_error, (const SSL *, int))			\
	X(int, SSL_shutdown, (SSL *))					\
	X(int, SSL_pending, (const SSL *))				\
	X(const char *, SSL_get_version, (const SSL *))
#endif

#define OSSL_FIELD(ret, name, args)	ret (*name) args;

/* The loaded functions; a member is valid once its ossl_load_*() said so. */
struct ossl {
	OSSL_CRYPTO_FUNCS(OSSL_FIELD)
#ifdef HAVE_TLS
	OSSL_CRYPTO_TLS_FUNCS(OSSL_FIELD)
	OSSL_SSL_FUNCS(OSSL_FIELD)
#endif
};

extern struct ossl	 ossl;

/*
 * Map libcrypto.so.3 and resolve OSSL_CRYPTO_FUNCS (once per process; a
 * failure is remembered).  true when every function is available.
 */
bool	 ossl_load_crypto(void);
/* As ossl_load_crypto(), and libssl.so.3 with the TLS functions. */
bool	 ossl_load_ssl(void);
/* Has a load been attempted (so the libraries may be mapped)? */
bool	 ossl_tried(void);
/*
 * The oldest queued OpenSSL error as text ("error:0A00010B:SSL
 * routines::wrong version number"), or fallback when the queue is empty;
 * the queue is cleared.  Returns buf.
 */
char	*ossl_error(char *buf, size_t len, const char *fallback);

#endif
