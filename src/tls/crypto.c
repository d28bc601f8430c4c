/*
 * crypto.c - base64, random bytes and HMAC-MD5 for AUTH, from libcrypto
 * (tls.h).  The coding itself is OpenSSL's; this file only checks sizes
 * and the shape of base64 input, which EVP_DecodeBlock() accepts too
 * freely (spaces, missing padding length).
 */
#include <limits.h>
#include <string.h>

#include "tls/ossl.h"
#include "tls/tls.h"

bool
tls_crypto_available(void)
{
	return ossl_load_crypto();
}

int
tls_b64_encode(const void *in, size_t n, char *out, size_t outsize,
    size_t *outlen)
{
	int r;

	if (n > INT_MAX / 2 || outsize < (n + 2) / 3 * 4 + 1)
		return -1;
	if (n == 0) {
		out[0] = '\0';
		*outlen = 0;
		return 0;
	}
	if (!ossl_load_crypto())
		return -1;
	/* Writes the NUL too. */
	r = ossl.EVP_EncodeBlock((unsigned char *)out, in, (int)n);
	if (r < 0)
		return -1;
	*outlen = (size_t)r;
	return 0;
}

static bool
b64_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '/';
}

int
tls_b64_decode(const char *in, size_t n, void *out, size_t outsize,
    size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t pad = 0, i, full;
	int r;

	if (n == 0) {
		if (outsize > 0)
			((char *)out)[0] = '\0';
		*outlen = 0;
		return 0;
	}
	if (n % 4 != 0 || n > INT_MAX)
		return -1;
	if (u[n - 1] == '=')
		pad = u[n - 2] == '=' ? 2 : 1;
	for (i = 0; i < n - pad; i++)
		if (!b64_char(u[i]))
			return -1;
	full = n / 4 * 3;	/* EVP_DecodeBlock() writes pad bytes too */
	if (outsize < full || !ossl_load_crypto())
		return -1;
	r = ossl.EVP_DecodeBlock(out, u, (int)n);
	if (r < 0 || (size_t)r != full)
		return -1;
	*outlen = full - pad;
	if (*outlen < outsize)
		((char *)out)[*outlen] = '\0';
	return 0;
}

int
tls_random(void *out, size_t n)
{
	if (n > INT_MAX || !ossl_load_crypto())
		return -1;
	return ossl.RAND_bytes(out, (int)n) == 1 ? 0 : -1;
}

int
tls_hmac_md5(const void *key, size_t keylen, const void *data, size_t n,
    unsigned char out[16])
{
	size_t len = 0;

	if (!ossl_load_crypto())
		return -1;
	if (ossl.EVP_Q_mac(NULL, "HMAC", NULL, "MD5", NULL, key, keylen,
	    data, n, out, 16, &len) == NULL || len != 16) {
		ossl.ERR_clear_error();
		return -1;
	}
	return 0;
}
