/*
 * ossl.c - loads libcrypto and libssl on first use (see ossl.h for why).
 *
 * Entry points: ossl_load_crypto(), ossl_load_ssl(), ossl_error().  The
 * libraries stay mapped for the rest of the process; a failed load is
 * remembered and never retried.  Nothing here logs: callers turn a false
 * return into the error text the specification wants.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "tls/ossl.h"
#include "util/str.h"

#ifndef OSSL_LIBCRYPTO
#define OSSL_LIBCRYPTO	"libcrypto.so.3"
#endif
#ifndef OSSL_LIBSSL
#define OSSL_LIBSSL	"libssl.so.3"
#endif
#define OSSL_MIN_VERSION	0x30000000UL	/* OpenSSL 3.0.0 */

struct ossl	 ossl;

#ifdef HAVE_TLS
/*
 * Every entry must have the header's exact prototype.  _Generic does not
 * evaluate &name, so this adds no reference to the library.
 */
#define OSSL_CHECK(ret, name, args)					\
	_Static_assert(_Generic(&name, ret (*) args: 1, default: 0),	\
	    #name ": prototype differs from the OpenSSL header");
OSSL_CRYPTO_FUNCS(OSSL_CHECK)
OSSL_CRYPTO_TLS_FUNCS(OSSL_CHECK)
OSSL_SSL_FUNCS(OSSL_CHECK)
#endif

struct sym {
	const char	*name;
	size_t		 off;	/* offsetof(struct ossl, name) */
};

#define OSSL_SYM(ret, name, args)	{ #name, offsetof(struct ossl, name) },

static const struct sym crypto_syms[] = {
	OSSL_CRYPTO_FUNCS(OSSL_SYM)
#ifdef HAVE_TLS
	OSSL_CRYPTO_TLS_FUNCS(OSSL_SYM)
#endif
};

#ifdef HAVE_TLS
static const struct sym ssl_syms[] = {
	OSSL_SSL_FUNCS(OSSL_SYM)
};
#endif

static int	 crypto_state;	/* 0 not tried, 1 loaded, -1 failed */
static int	 ssl_state;

/* Resolve n symbols of handle h into ossl; false if any is missing. */
static bool
resolve(void *h, const struct sym *t, size_t n)
{
	size_t i;
	void *p;

	for (i = 0; i < n; i++) {
		if ((p = dlsym(h, t[i].name)) == NULL)
			return false;
		/* POSIX: a data pointer from dlsym() converts to a function. */
		memcpy((char *)&ossl + t[i].off, &p, sizeof(p));
	}
	return true;
}

bool
ossl_load_crypto(void)
{
	void *h;

	if (crypto_state != 0)
		return crypto_state == 1;
	crypto_state = -1;
	if ((h = dlopen(OSSL_LIBCRYPTO, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return false;
	if (!resolve(h, crypto_syms, nitems(crypto_syms)) ||
	    ossl.OpenSSL_version_num() < OSSL_MIN_VERSION) {
		memset(&ossl, 0, sizeof(ossl));
		dlclose(h);
		return false;
	}
	crypto_state = 1;
	return true;
}

bool
ossl_load_ssl(void)
{
#ifdef HAVE_TLS
	void *h;

	if (ssl_state != 0)
		return ssl_state == 1;
	ssl_state = -1;
	if (!ossl_load_crypto())
		return false;
	if ((h = dlopen(OSSL_LIBSSL, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return false;
	if (!resolve(h, ssl_syms, nitems(ssl_syms))) {
		dlclose(h);
		return false;
	}
	ssl_state = 1;
	return true;
#else
	(void)ssl_state;
	return false;
#endif
}

bool
ossl_tried(void)
{
	return crypto_state != 0 || ssl_state != 0;
}

char *
ossl_error(char *buf, size_t len, const char *fallback)
{
	unsigned long e;

	if (len == 0)
		return buf;
	if (crypto_state != 1 || (e = ossl.ERR_get_error()) == 0)
		str_lcpy(buf, fallback, len);
	else
		ossl.ERR_error_string_n(e, buf, len);
	if (crypto_state == 1)
		ossl.ERR_clear_error();
	return buf;
}
