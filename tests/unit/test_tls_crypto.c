/*
 * test_tls_crypto.c - lazy loading of OpenSSL (src/tls/ossl.c) and the
 * crypto helpers of tls.h (src/tls/crypto.c).
 *
 * The order of the tests matters: the first one runs the code a plain
 * session runs and checks in /proc/self/maps that neither libssl nor
 * libcrypto was mapped; the next ones load libcrypto alone (base64), then
 * libssl.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "auth/auth.h"
#include "config/options.h"
#include "io/conn.h"
#include "tls/tls.h"
#include "util/buf.h"
#include "util/str.h"

static bool
mapped(const char *lib)
{
	char line[1024];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, lib) != NULL)
			found = true;
	fclose(f);
	return found;
}

/* What a session without TLS or AUTH does must not map OpenSSL. */
static void
test_plain_session_maps_nothing(void **state)
{
	struct options *o = opt_new();
	struct auth_observer obs;
	struct conn c;
	char text[256];
	int fds[2];

	(void)state;
	assert_false(mapped("libssl.so"));
	assert_false(mapped("libcrypto.so"));
	/* Relay path: a conn over a pipe. */
	assert_int_equal(pipe(fds), 0);
	conn_init(&c, fds[0], fds[1], 1024, 1024);
	assert_int_equal(conn_send(&c, "EHLO x\r\n", 8), 0);
	assert_int_equal(conn_flush(&c), 0);
	assert_int_equal(conn_fill(&c, 100), 8);
	conn_free(&c);
	close(fds[0]);
	close(fds[1]);
	/* EHLO decisions, option handling, AUTH that needs no decoding. */
	o->tls_certificate_file = str_dup("/etc/cert.pem");
#ifdef HAVE_TLS
	assert_true(tls_configured(o));
#else
	assert_false(tls_configured(o));
#endif
	assert_string_equal(auth_exit_text(1, text, sizeof(text)),
	    "authentication failure (bad username/password, vchkpw uses "
	    "this to indicate SMTP access is not allowed): ");
	auth_observe_begin(&obs, "XOAUTH2 abc", 11);
	assert_null(auth_observe_user(&obs));
	opt_free(o);
	assert_false(tls_loaded());
	assert_false(mapped("libssl.so"));
	assert_false(mapped("libcrypto.so"));
}

/* base64 maps libcrypto only. */
static void
test_base64_loads_crypto_only(void **state)
{
	char out[64];
	size_t n;

	(void)state;
	assert_int_equal(tls_b64_encode("hello", 5, out, sizeof(out), &n), 0);
	assert_string_equal(out, "aGVsbG8=");
	assert_int_equal(n, 8);
	assert_true(tls_loaded());
	assert_true(mapped("libcrypto.so"));
	assert_false(mapped("libssl.so"));
}

static void
test_tls_available_loads_ssl(void **state)
{
	(void)state;
#ifdef HAVE_TLS
	assert_true(tls_available());
	assert_true(tls_available());
	assert_true(mapped("libssl.so"));
#else
	assert_false(tls_available());
	assert_false(mapped("libssl.so"));
#endif
}

static void
test_b64_encode_table(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "", "" },
		{ "f", "Zg==" },
		{ "fo", "Zm8=" },
		{ "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" },
		{ "<1896.697170952@postoffice.example.net>",
		    "PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+" },
	};
	char out[128];
	size_t i, n;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		assert_int_equal(tls_b64_encode(cases[i].in,
		    strlen(cases[i].in), out, sizeof(out), &n), 0);
		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
	/* Exactly enough room (4 + NUL), and one byte short. */
	assert_int_equal(tls_b64_encode("foo", 3, out, 5, &n), 0);
	assert_int_equal(tls_b64_encode("foo", 3, out, 4, &n), -1);
}

static void
test_b64_decode_table(void **state)
{
	static const struct {
		const char	*label;
		const char	*in;
		int		 want_rc;
		const char	*want;
		size_t		 want_len;
	} cases[] = {
		{ "empty", "", 0, "", 0 },
		{ "two pads", "Zg==", 0, "f", 1 },
		{ "one pad", "Zm8=", 0, "fo", 2 },
		{ "no pad", "Zm9v", 0, "foo", 3 },
		{ "plain blob", "AGJvYgBzZWNyZXQ=", 0, "\0bob\0secret", 11 },
		{ "binary", "/+8=", 0, "\xff\xef", 2 },
		{ "missing pad", "Zg", -1, NULL, 0 },
		{ "bad length", "Zm9vY", -1, NULL, 0 },
		{ "bad char", "Zm9!", -1, NULL, 0 },
		{ "space inside", "Zm9 v", -1, NULL, 0 },
		{ "leading space", " Zm9v", -1, NULL, 0 },
		{ "trailing space", "Zm9v ", -1, NULL, 0 },
		{ "pad in middle", "Zg==Zm9v", -1, NULL, 0 },
		{ "three pads", "Z===", -1, NULL, 0 },
		{ "url alphabet", "-_8=", -1, NULL, 0 },
		{ "star", "*", -1, NULL, 0 },
		{ "CR", "Zm9v\r", -1, NULL, 0 },
	};
	char out[64];
	size_t i, n;
	int bad = 0, rc;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		n = 999;
		rc = tls_b64_decode(cases[i].in, strlen(cases[i].in), out,
		    sizeof(out), &n);
		if (rc != cases[i].want_rc || (rc == 0 &&
		    (n != cases[i].want_len ||
		    memcmp(out, cases[i].want, n) != 0))) {
			print_error("%s: got rc %d len %zu, want %d len %zu\n",
			    cases[i].label, rc, n, cases[i].want_rc,
			    cases[i].want_len);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	/* Output room: the decoder needs 3 bytes per 4 characters. */
	assert_int_equal(tls_b64_decode("Zm9v", 4, out, 3, &n), 0);
	assert_int_equal(tls_b64_decode("Zm9v", 4, out, 2, &n), -1);
}

/* RFC 2195's example and RFC 2104's test vectors. */
static void
test_hmac_md5(void **state)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[16];
	char got[33];
	size_t i;

	(void)state;
	assert_int_equal(tls_hmac_md5("tanstaaftanstaaf", 16,
	    "<1896.697170952@postoffice.reston.mci.net>", 42, d), 0);
	for (i = 0; i < 16; i++) {
		got[2 * i] = hex[d[i] >> 4];
		got[2 * i + 1] = hex[d[i] & 15];
	}
	got[32] = '\0';
	assert_string_equal(got, "b913a602c7eda7a495b4e6e7334d3890");
	assert_int_equal(tls_hmac_md5("Jefe", 4,
	    "what do ya want for nothing?", 28, d), 0);
	assert_memory_equal(d, "\x75\x0c\x78\x3e\x6a\xb0\xb5\x03\xea\xa8"
	    "\x6e\x31\x0a\x5d\xb7\x38", 16);
}

static void
test_random(void **state)
{
	unsigned char a[16], b[16];

	(void)state;
	assert_int_equal(tls_random(a, sizeof(a)), 0);
	assert_int_equal(tls_random(b, sizeof(b)), 0);
	assert_memory_not_equal(a, b, sizeof(a));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_session_maps_nothing),
		cmocka_unit_test(test_base64_loads_crypto_only),
		cmocka_unit_test(test_tls_available_loads_ssl),
		cmocka_unit_test(test_b64_encode_table),
		cmocka_unit_test(test_b64_decode_table),
		cmocka_unit_test(test_hmac_md5),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
