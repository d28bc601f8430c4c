/*
 * test_tls_server.c - the TLS layer under io/conn (src/tls/tls.c;
 * session.md 7, 4.6).
 *
 * Real handshakes over a socketpair: the server side is spamdyke's code on
 * a struct conn, the client side is OpenSSL's, loaded here with dlopen()
 * like the module does (spamdyke's objects are not linked with libssl).
 * Both ends are non-blocking and driven alternately from one thread.
 * Certificates come from tests/fixtures/tls/mkcerts.sh, made at run time
 * in a temporary directory.
 */
#include <sys/socket.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/options.h"
#include "io/conn.h"
#include "io/loop.h"
#include "log/log.h"
#include "tls/tls.h"
#include "util/buf.h"
#include "util/str.h"

#ifdef HAVE_TLS
#include <openssl/err.h>
#include <openssl/ssl.h>

/* The client's OpenSSL functions, checked against the headers. */
#define CLI_FUNCS(X)							\
	X(const SSL_METHOD *, TLS_client_method, (void))		\
	X(SSL_CTX *, SSL_CTX_new, (const SSL_METHOD *))			\
	X(void, SSL_CTX_free, (SSL_CTX *))				\
	X(long, SSL_CTX_ctrl, (SSL_CTX *, int, long, void *))		\
	X(int, SSL_CTX_set_cipher_list, (SSL_CTX *, const char *))	\
	X(SSL *, SSL_new, (SSL_CTX *))					\
	X(void, SSL_free, (SSL *))					\
	X(int, SSL_set_fd, (SSL *, int))				\
	X(int, SSL_connect, (SSL *))					\
	X(int, SSL_read_ex, (SSL *, void *, size_t, size_t *))		\
	X(int, SSL_write_ex, (SSL *, const void *, size_t, size_t *))	\
	X(int, SSL_get_error, (const SSL *, int))			\
	X(int, SSL_shutdown, (SSL *))					\
	X(const char *, SSL_get_version, (const SSL *))			\
	X(void, ERR_clear_error, (void))

#define CLI_FIELD(ret, name, args)	ret (*name) args;
#define CLI_CHECK(ret, name, args)					\
	_Static_assert(_Generic(&name, ret (*) args: 1, default: 0), #name);
#define CLI_SYM(ret, name, args)	{ #name, offsetof(struct cli, name) },

CLI_FUNCS(CLI_CHECK)

static struct cli {
	CLI_FUNCS(CLI_FIELD)
} cli;

static const struct {
	const char	*name;
	size_t		 off;
} cli_syms[] = {
	CLI_FUNCS(CLI_SYM)
};

static char	 dir[256];		/* the generated certificates */
static char	 path_buf[64][512];
static struct buf logged;

static void
observe(const char *msg, void *ctx)
{
	(void)ctx;
	(void)buf_puts(&logged, msg);
	(void)buf_putc(&logged, '\n');
}

/* dir/name; a few results may be alive at once. */
static const char *
P(const char *name)
{
	static unsigned i;
	char *p = path_buf[i++ % nitems(path_buf)];

	snprintf(p, sizeof(path_buf[0]), "%s/%s", dir, name);
	return p;
}

static uint64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static int
setup(void **state)
{
	const char *src = getenv("SPAMDYKE_SRCDIR");
	char cmd[1024];
	void *h;
	size_t i;

	(void)state;
	if ((h = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL)) == NULL)
		return -1;
	for (i = 0; i < nitems(cli_syms); i++) {
		void *p = dlsym(h, cli_syms[i].name);

		if (p == NULL)
			return -1;
		memcpy((char *)&cli + cli_syms[i].off, &p, sizeof(p));
	}
	snprintf(dir, sizeof(dir), "/tmp/test_tls_server.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(cmd, sizeof(cmd), "sh %s/tests/fixtures/tls/mkcerts.sh %s",
	    src != NULL ? src : ".", dir);
	if (system(cmd) != 0)
		return -1;
	buf_init(&logged, 1 << 20);
	log_set_observer(observe, NULL);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[512];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return -1;
	buf_free(&logged);
	return 0;
}

/* Options with a certificate and key (NULL: none). */
static struct options *
opts(const char *cert, const char *key)
{
	struct options *o = opt_new();

	assert_non_null(o);
	o->tls_certificate_file = cert != NULL ? str_dup(cert) : NULL;
	o->tls_privatekey_file = key != NULL ? str_dup(key) : NULL;
	return o;
}

static struct tls_server *
server(const struct options *o)
{
	char err[1024] = "";
	struct tls_server *srv = tls_server_new(o, err, sizeof(err));

	if (srv == NULL)
		print_error("tls_server_new: %s\n", err);
	assert_non_null(srv);
	return srv;
}

/* One connection: spamdyke's conn on sv[0], the client on sv[1]. */
struct pair {
	int		 sv[2];
	struct conn	 c;
	SSL_CTX		*cctx;
	SSL		*cl;
	bool		 cdone;
	bool		 cfail;
};

/* maxver 0: the client's default; cipher NULL: DEFAULT. */
static void
pair_open(struct pair *p, int maxver, const char *cipher)
{
	memset(p, 0, sizeof(*p));
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, p->sv), 0);
	conn_init(&p->c, p->sv[0], p->sv[0], 16383, 1 << 20);
	fcntl(p->sv[1], F_SETFL, fcntl(p->sv[1], F_GETFL) | O_NONBLOCK);
	p->cctx = cli.SSL_CTX_new(cli.TLS_client_method());
	assert_non_null(p->cctx);
	if (maxver != 0)
		cli.SSL_CTX_ctrl(p->cctx, SSL_CTRL_SET_MAX_PROTO_VERSION,
		    maxver, NULL);
	if (maxver != 0 && maxver < TLS1_2_VERSION) {
		cli.SSL_CTX_ctrl(p->cctx, SSL_CTRL_SET_MIN_PROTO_VERSION,
		    TLS1_VERSION, NULL);
		cipher = "DEFAULT:@SECLEVEL=0";
	}
	if (cipher != NULL)
		assert_int_equal(cli.SSL_CTX_set_cipher_list(p->cctx, cipher),
		    1);
	p->cl = cli.SSL_new(p->cctx);
	assert_non_null(p->cl);
	cli.SSL_set_fd(p->cl, p->sv[1]);
}

static void
pair_close(struct pair *p)
{
	tls_free(&p->c);
	cli.SSL_free(p->cl);
	cli.SSL_CTX_free(p->cctx);
	conn_free(&p->c);
	close(p->sv[0]);
	close(p->sv[1]);
}

static void
wait_both(struct pair *p, int ms)
{
	struct pollfd pfd[2];

	pfd[0].fd = p->sv[0];
	pfd[0].events = POLLIN;
	if (tls_wants(&p->c) & IO_WRITE)
		pfd[0].events |= POLLOUT;
	pfd[1].fd = p->sv[1];
	pfd[1].events = POLLIN;
	(void)poll(pfd, 2, ms);
}

/* One step of the client's handshake. */
static void
client_step(struct pair *p)
{
	int r, e;

	if (p->cdone || p->cfail)
		return;
	cli.ERR_clear_error();
	r = cli.SSL_connect(p->cl);
	if (r == 1) {
		p->cdone = true;
		return;
	}
	e = cli.SSL_get_error(p->cl, r);
	if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
		p->cfail = true;
}

/* Drive both handshakes; the server's result (1 or -1). */
static int
handshake(struct pair *p, char *err, size_t errlen)
{
	uint64_t end = now_us() + 5000000;
	int r = 0;

	while (now_us() < end) {
		if (r == 0)
			r = tls_handshake(&p->c, err, errlen);
		client_step(p);
		if (r == -1 || (r == 1 && (p->cdone || p->cfail)))
			return r;
		if (p->cfail && r == 0)
			continue;	/* let the server see the alert */
		wait_both(p, 50);
	}
	return 0;
}

/* Read exactly n bytes from the client side, waiting at most 5 s. */
static void
client_read(struct pair *p, char *out, size_t n)
{
	uint64_t end = now_us() + 5000000;
	size_t got = 0, k;

	while (got < n && now_us() < end) {
		if (cli.SSL_read_ex(p->cl, out + got, n - got, &k) == 1) {
			got += k;
			continue;
		}
		(void)conn_flush(&p->c);
		wait_both(p, 50);
	}
	assert_int_equal(got, n);
}

static void
client_write(struct pair *p, const char *s)
{
	size_t w;

	assert_int_equal(cli.SSL_write_ex(p->cl, s, strlen(s), &w), 1);
	assert_int_equal(w, strlen(s));
}

/* conn_fill() until n bytes are in c.in, waiting at most 5 s. */
static void
server_fill(struct pair *p, size_t n)
{
	uint64_t end = now_us() + 5000000;

	while (p->c.in.len < n && now_us() < end) {
		if (conn_fill(&p->c, 16383) <= 0 && !p->c.eof)
			wait_both(p, 50);
		if (p->c.eof)
			break;
	}
}

static void
test_configured(void **state)
{
	struct options *o = opts(NULL, NULL);

	(void)state;
	assert_false(tls_configured(o));
	o->tls_certificate_file = str_dup("/some/cert.pem");
	assert_true(tls_configured(o));
	o->tls_level = TLS_LEVEL_NONE;
	assert_false(tls_configured(o));
	opt_free(o);
}

/*
 * STARTTLS as the session does it: "220 Proceed." queued in plaintext,
 * then the handshake; afterwards bytes both ways through conn_ops.
 */
static void
test_starttls_roundtrip(void **state)
{
	struct options *o = opts(P("cert.pem"), P("key.pem"));
	char err[512] = "", line[64];
	struct tls_server *srv;
	struct pair p;
	uint64_t t0, t1;
	size_t k, got = 0;

	(void)state;
	pair_open(&p, 0, NULL);
	t0 = now_us();
	srv = server(o);
	assert_int_equal(conn_queue(&p.c, "220 Proceed.\r\n", 14), 0);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	assert_ptr_not_equal(p.c.ops, NULL);
	assert_false(tls_active(&p.c));
	/* First step: the plaintext reply leaves, the server then waits. */
	assert_int_equal(tls_handshake(&p.c, err, sizeof(err)), 0);
	assert_int_equal(tls_wants(&p.c), IO_READ);
	while (got < 14) {
		ssize_t n = read(p.sv[1], line + got, 14 - got);

		assert_true(n > 0);
		got += (size_t)n;
	}
	assert_memory_equal(line, "220 Proceed.\r\n", 14);
	assert_int_equal(handshake(&p, err, sizeof(err)), 1);
	t1 = now_us();
	assert_true(p.cdone);
	assert_true(tls_active(&p.c));
	assert_string_equal(tls_protocol(&p.c), "TLSv1.3");
	assert_string_equal(cli.SSL_get_version(p.cl), "TLSv1.3");
	print_message("# STARTTLS handshake incl. loading: %llu us\n",
	    (unsigned long long)(t1 - t0));
	/* Loopback, EC key: far below the 50 ms budget (not in valgrind). */
	if (getenv("LD_PRELOAD") == NULL ||
	    strstr(getenv("LD_PRELOAD"), "vgpreload") == NULL)
		assert_true(t1 - t0 < 50000);

	/* server -> client */
	assert_int_equal(conn_send(&p.c, "250 hello\r\n", 11), 0);
	(void)conn_flush(&p.c);
	client_read(&p, line, 11);
	assert_memory_equal(line, "250 hello\r\n", 11);
	/* client -> server */
	client_write(&p, "EHLO client.test\r\n");
	server_fill(&p, 18);
	assert_int_equal(p.c.in.len, 18);
	assert_memory_equal(p.c.in.data, "EHLO client.test\r\n", 18);
	assert_int_equal(tls_pending(&p.c), 0);

	/* close_notify reaches the client; the layer comes off. */
	assert_int_equal(tls_shutdown(&p.c), 1);
	assert_int_equal(tls_shutdown(&p.c), 1);
	wait_both(&p, 100);
	assert_int_equal(cli.SSL_read_ex(p.cl, line, sizeof(line), &k), 0);
	assert_int_equal(cli.SSL_get_error(p.cl, 0), SSL_ERROR_ZERO_RETURN);
	tls_free(&p.c);
	assert_null(p.c.ops);
	assert_null(p.c.layer);
	pair_close(&p);
	tls_server_free(srv);
	opt_free(o);
}

/* The client's close_notify reads as end of file. */
static void
test_client_close(void **state)
{
	struct options *o = opts(P("both.pem"), NULL);
	char err[512] = "";
	struct tls_server *srv = server(o);
	struct pair p;

	(void)state;
	pair_open(&p, 0, NULL);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	assert_int_equal(handshake(&p, err, sizeof(err)), 1);
	client_write(&p, "QUIT\r\n");
	assert_true(cli.SSL_shutdown(p.cl) >= 0);
	server_fill(&p, 100);
	assert_true(p.c.eof);
	assert_int_equal(p.c.in.len, 6);
	assert_memory_equal(p.c.in.data, "QUIT\r\n", 6);
	pair_close(&p);
	tls_server_free(srv);
	opt_free(o);
}

/*
 * Large transfers both ways at once: partial writes, EAGAIN in the middle
 * of records, and a write retried from a moved buffer (conn.c).
 */
static void
test_bulk_both_ways(void **state)
{
	struct options *o = opts(P("rsa-cert.pem"), P("rsa-key.pem"));
	char err[512] = "", tmp[16384];
	struct tls_server *srv = server(o);
	static char down[300000], up[300000], gotdown[300000], gotup[300000];
	size_t i, nd = 0, nu = 0, wu = 0, k;
	uint64_t end;
	struct pair p;

	(void)state;
	for (i = 0; i < sizeof(down); i++) {
		down[i] = (char)('a' + i % 23);
		up[i] = (char)('A' + i % 19);
	}
	pair_open(&p, 0, NULL);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	assert_int_equal(handshake(&p, err, sizeof(err)), 1);
	/* Mixed sizes: small ones are queued, big ones written directly. */
	for (i = 0; i < sizeof(down); ) {
		size_t n = (i / 7) % 3 == 0 ? 10000 : 77;

		if (n > sizeof(down) - i)
			n = sizeof(down) - i;
		assert_int_equal(conn_send(&p.c, down + i, n), 0);
		i += n;
	}
	end = now_us() + 20000000;
	while ((nd < sizeof(down) || nu < sizeof(up)) && now_us() < end) {
		bool progress = false;

		if (conn_pending(&p.c) > 0)
			assert_int_not_equal(conn_flush(&p.c), -1);
		if (conn_fill(&p.c, 16383) > 0 || tls_pending(&p.c) > 0) {
			memcpy(gotup + nu, p.c.in.data, p.c.in.len);
			nu += p.c.in.len;
			buf_reset(&p.c.in);
			progress = true;
		}
		if (wu < sizeof(up) && cli.SSL_write_ex(p.cl, up + wu,
		    sizeof(up) - wu < 5000 ? sizeof(up) - wu : 5000, &k) == 1) {
			wu += k;
			progress = true;
		}
		while (cli.SSL_read_ex(p.cl, tmp, sizeof(tmp), &k) == 1) {
			assert_true(nd + k <= sizeof(down));
			memcpy(gotdown + nd, tmp, k);
			nd += k;
			progress = true;
		}
		if (!progress)
			wait_both(&p, 20);
	}
	assert_int_equal(nd, sizeof(down));
	assert_int_equal(nu, sizeof(up));
	assert_memory_equal(gotdown, down, sizeof(down));
	assert_memory_equal(gotup, up, sizeof(up));
	assert_false(p.c.werr);
	pair_close(&p);
	tls_server_free(srv);
	opt_free(o);
}

/* 7.2: a client that speaks plaintext after STARTTLS fails the handshake. */
static void
test_plaintext_client_fails(void **state)
{
	static const char junk[] = "MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d>\r\n";
	struct options *o = opts(P("cert.pem"), P("key.pem"));
	struct tls_server *srv = server(o);
	char err[512] = "";
	struct pair p;
	int r = 0, i;

	(void)state;
	pair_open(&p, 0, NULL);
	assert_int_equal(write(p.sv[1], junk, sizeof(junk) - 1),
	    (ssize_t)sizeof(junk) - 1);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	for (i = 0; i < 100 && r == 0; i++) {
		r = tls_handshake(&p.c, err, sizeof(err));
		if (r == 0)
			wait_both(&p, 20);
	}
	assert_int_equal(r, -1);
	print_message("# plaintext client: %s\n", err);
	assert_true(strlen(err) > 0);
	assert_non_null(strstr(err, "error:"));
	/* The layer is gone: the conn is plain again for the 454 reply. */
	assert_null(p.c.ops);
	assert_null(p.c.layer);
	assert_int_equal(conn_send(&p.c, "454 x\r\n", 7), 0);
	assert_int_equal(conn_flush(&p.c), 0);
	pair_close(&p);

	/* A client that hangs up during the handshake. */
	pair_open(&p, 0, NULL);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	assert_int_equal(tls_handshake(&p.c, err, sizeof(err)), 0);
	shutdown(p.sv[1], SHUT_RDWR);
	r = 0;
	for (i = 0; i < 100 && r == 0; i++)
		r = tls_handshake(&p.c, err, sizeof(err));
	assert_int_equal(r, -1);
	assert_true(strlen(err) > 0);
	pair_close(&p);
	tls_server_free(srv);
	opt_free(o);
}

/* A silent client: the handshake waits on the descriptor, never blocks. */
static void
test_stalled_handshake_waits(void **state)
{
	struct options *o = opts(P("cert.pem"), P("key.pem"));
	struct tls_server *srv = server(o);
	char err[512] = "";
	struct pair p;
	uint64_t t0;

	(void)state;
	pair_open(&p, 0, NULL);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	t0 = now_us();
	assert_int_equal(tls_handshake(&p.c, err, sizeof(err)), 0);
	assert_int_equal(tls_handshake(&p.c, err, sizeof(err)), 0);
	assert_true(now_us() - t0 < 20000);
	assert_int_equal(tls_wants(&p.c), IO_READ);
	/* Reads and writes wait for the handshake. */
	assert_int_equal(conn_fill(&p.c, 100), -1);
	assert_false(p.c.eof);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), -1);
	pair_close(&p);
	tls_server_free(srv);
	opt_free(o);
}

/* tls-min-protocol (addition): default TLSv1.2 refuses a TLS 1.1 client. */
static void
test_min_protocol(void **state)
{
	static const struct {
		const char	*label;
		int		 min;		/* tls_min_protocol */
		int		 client_max;
		int		 want;
		const char	*want_version;
	} cases[] = {
		{ "default refuses 1.1", TLS_MIN_1_2, TLS1_1_VERSION, -1,
		    NULL },
		{ "default takes 1.2", TLS_MIN_1_2, TLS1_2_VERSION, 1,
		    "TLSv1.2" },
		{ "1.0 allowed takes 1.1", TLS_MIN_1_0, TLS1_1_VERSION, 1,
		    "TLSv1.1" },
		{ "1.3 refuses 1.2", TLS_MIN_1_3, TLS1_2_VERSION, -1, NULL },
		{ "1.3 takes 1.3", TLS_MIN_1_3, 0, 1, "TLSv1.3" },
	};
	char err[512];
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		struct options *o = opts(P("cert.pem"), P("key.pem"));
		struct tls_server *srv;
		struct pair p;
		int r;

		o->tls_min_protocol = cases[i].min;
		srv = server(o);
		pair_open(&p, cases[i].client_max, NULL);
		err[0] = '\0';
		assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
		r = handshake(&p, err, sizeof(err));
		if (r != cases[i].want || (r == 1 &&
		    strcmp(tls_protocol(&p.c), cases[i].want_version) != 0)) {
			print_error("%s: got %d (%s, %s), want %d %s\n",
			    cases[i].label, r, err, r == 1 ?
			    tls_protocol(&p.c) : "-", cases[i].want,
			    cases[i].want_version ? cases[i].want_version :
			    "");
			bad++;
		}
		if (r == -1)
			print_message("# %s: %s\n", cases[i].label, err);
		pair_close(&p);
		tls_server_free(srv);
		opt_free(o);
	}
	assert_int_equal(bad, 0);
}

/* tls-ciphersuites (addition) and tls-cipher-list reach the library. */
static void
test_cipher_options(void **state)
{
	struct options *o = opts(P("cert.pem"), P("key.pem"));
	struct tls_server *srv;
	char err[512];
	struct pair p;

	(void)state;
	o->tls_ciphersuites = str_dup("TLS_CHACHA20_POLY1305_SHA256");
	srv = server(o);
	pair_open(&p, 0, NULL);
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	assert_int_equal(handshake(&p, err, sizeof(err)), 1);
	pair_close(&p);
	tls_server_free(srv);

	/* Finite-field DHE: from tls-dhparams-file, or the library's. */
	{
		const char *dh[] = { P("dh.pem"), NULL };
		size_t i;

		for (i = 0; i < nitems(dh); i++) {
			struct options *r = opts(P("rsa-cert.pem"),
			    P("rsa-key.pem"));

			if (dh[i] != NULL)
				r->tls_dhparams_file = str_dup(dh[i]);
			srv = server(r);
			pair_open(&p, TLS1_2_VERSION,
			    "DHE-RSA-AES128-GCM-SHA256");
			assert_int_equal(tls_start(srv, &p.c, err,
			    sizeof(err)), 0);
			assert_int_equal(handshake(&p, err, sizeof(err)), 1);
			assert_string_equal(tls_protocol(&p.c), "TLSv1.2");
			pair_close(&p);
			tls_server_free(srv);
			opt_free(r);
		}
	}

	/* TLS 1.2 with a cipher list the client does not share. */
	o->tls_cipher_list = str_dup("ECDHE-ECDSA-AES128-GCM-SHA256");
	srv = server(o);
	pair_open(&p, TLS1_2_VERSION, "ECDHE-ECDSA-CHACHA20-POLY1305");
	assert_int_equal(tls_start(srv, &p.c, err, sizeof(err)), 0);
	assert_int_equal(handshake(&p, err, sizeof(err)), -1);
	pair_close(&p);
	tls_server_free(srv);
	opt_free(o);
}

/* The 4.6 error texts of tls_server_new(). */
static void
test_load_errors(void **state)
{
	static char want[8][1024];
	struct {
		const char	*label;
		const char	*cert, *key, *pw, *pwfile, *dh, *ciphers,
				*suites;
		const char	*want_prefix;	/* NULL: must load */
	} cases[] = {
		{ "cert and key", P("cert.pem"), P("key.pem"), NULL, NULL,
		    NULL, NULL, NULL, NULL },
		{ "combined file", P("both.pem"), NULL, NULL, NULL, NULL,
		    NULL, NULL, NULL },
		{ "rsa", P("rsa-cert.pem"), P("rsa-key.pem"), NULL, NULL,
		    P("dh.pem"), NULL, NULL, NULL },
		{ "encrypted key, password", P("enc-cert.pem"),
		    P("enc-key.pem"), "sekrit", NULL, NULL, NULL, NULL, NULL },
		{ "encrypted key, password file", P("enc-cert.pem"),
		    P("enc-key.pem"), NULL, P("pw-good"), NULL, NULL, NULL,
		    NULL },
		{ "password beats password file", P("enc-cert.pem"),
		    P("enc-key.pem"), "sekrit", P("pw-bad"), NULL, NULL, NULL,
		    NULL },
		{ "wrong password", P("enc-cert.pem"), P("enc-key.pem"),
		    "wrong", NULL, NULL, NULL, NULL, want[0] },
		{ "wrong password file", P("enc-cert.pem"), P("enc-key.pem"),
		    NULL, P("pw-bad"), NULL, NULL, NULL, want[0] },
		{ "no password", P("enc-cert.pem"), P("enc-key.pem"), NULL,
		    NULL, NULL, NULL, NULL, want[0] },
		{ "missing password file", P("enc-cert.pem"), P("enc-key.pem"),
		    NULL, P("nonexistent"), NULL, NULL, NULL, want[1] },
		{ "key of another certificate", P("cert.pem"), P("key2.pem"),
		    NULL, NULL, NULL, NULL, NULL, want[2] },
		{ "missing certificate", P("nonexistent"), P("key.pem"), NULL,
		    NULL, NULL, NULL, NULL, want[3] },
		{ "certificate is not PEM", P("garbage.pem"), P("key.pem"),
		    NULL, NULL, NULL, NULL, NULL, want[4] },
		{ "certificate without key", P("cert.pem"), NULL, NULL, NULL,
		    NULL, NULL, NULL, want[5] },
		{ "bad cipher list", P("cert.pem"), P("key.pem"), NULL, NULL,
		    NULL, "NOPE", NULL, "unable to set SSL/TLS cipher list: "
		    "NOPE: error:" },
		{ "bad cipher suites", P("cert.pem"), P("key.pem"), NULL, NULL,
		    NULL, NULL, "NOPE", "unable to set SSL/TLS cipher suites: "
		    "NOPE: " },
		{ "bad dh file", P("cert.pem"), P("key.pem"), NULL, NULL,
		    P("garbage.pem"), NULL, NULL, want[6] },
		{ "missing dh file", P("cert.pem"), P("key.pem"), NULL, NULL,
		    P("nonexistent"), NULL, NULL, want[7] },
	};
	char err[1024];
	size_t i;
	int bad = 0;

	(void)state;
	snprintf(want[0], sizeof(want[0]), "unable to load or decrypt SSL/TLS "
	    "private key from file or certificate/key mismatch or incorrect "
	    "password: %s : error:", P("enc-key.pem"));
	snprintf(want[1], sizeof(want[1]), "unable to open file %s: ",
	    P("nonexistent"));
	snprintf(want[2], sizeof(want[2]), "unable to load or decrypt SSL/TLS "
	    "private key from file or certificate/key mismatch or incorrect "
	    "password: %s : error:", P("key2.pem"));
	snprintf(want[3], sizeof(want[3]), "unable to load SSL/TLS "
	    "certificate from file: %s : error:", P("nonexistent"));
	snprintf(want[4], sizeof(want[4]), "unable to load SSL/TLS "
	    "certificate from file: %s : error:", P("garbage.pem"));
	snprintf(want[5], sizeof(want[5]), "unable to load or decrypt SSL/TLS "
	    "private key from file or certificate/key mismatch or incorrect "
	    "password: %s : error:", P("cert.pem"));
	snprintf(want[6], sizeof(want[6]), "unable to load SSL/TLS DH params "
	    "from file: %s", P("garbage.pem"));
	snprintf(want[7], sizeof(want[7]), "unable to load SSL/TLS DH params "
	    "from file: %s", P("nonexistent"));
	for (i = 0; i < nitems(cases); i++) {
		struct options *o = opts(cases[i].cert, cases[i].key);
		struct tls_server *srv;

		if (cases[i].pw != NULL)
			o->tls_privatekey_password = str_dup(cases[i].pw);
		if (cases[i].pwfile != NULL)
			o->tls_privatekey_password_file =
			    str_dup(cases[i].pwfile);
		if (cases[i].dh != NULL)
			o->tls_dhparams_file = str_dup(cases[i].dh);
		if (cases[i].ciphers != NULL)
			o->tls_cipher_list = str_dup(cases[i].ciphers);
		if (cases[i].suites != NULL)
			o->tls_ciphersuites = str_dup(cases[i].suites);
		err[0] = '\0';
		srv = tls_server_new(o, err, sizeof(err));
		if (cases[i].want_prefix == NULL && srv == NULL) {
			print_error("%s: failed: %s\n", cases[i].label, err);
			bad++;
		} else if (cases[i].want_prefix != NULL && (srv != NULL ||
		    strncmp(err, cases[i].want_prefix,
		    strlen(cases[i].want_prefix)) != 0)) {
			print_error("%s:\n got  %s\n want %s...\n",
			    cases[i].label, srv != NULL ? "(loaded)" : err,
			    cases[i].want_prefix);
			bad++;
		}
		tls_server_free(srv);
		opt_free(o);
	}
	assert_int_equal(bad, 0);
}

/* A failed load writes nothing to the log itself: the caller logs err. */
static void
test_no_log_from_load(void **state)
{
	struct options *o = opts(P("nonexistent"), NULL);
	char err[512];

	(void)state;
	buf_reset(&logged);
	assert_null(tls_server_new(o, err, sizeof(err)));
	assert_int_equal(logged.len, 0);
	opt_free(o);
	o = opts(P("enc-cert.pem"), P("enc-key.pem"));
	o->tls_privatekey_password = str_dup("sekrit");
	tls_server_free(server(o));
	assert_null(strstr(buf_cstr(&logged), "sekrit"));
	opt_free(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_configured),
		cmocka_unit_test(test_starttls_roundtrip),
		cmocka_unit_test(test_client_close),
		cmocka_unit_test(test_bulk_both_ways),
		cmocka_unit_test(test_plaintext_client_fails),
		cmocka_unit_test(test_stalled_handshake_waits),
		cmocka_unit_test(test_min_protocol),
		cmocka_unit_test(test_cipher_options),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_no_log_from_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

#else /* !HAVE_TLS */

static void
test_stubs(void **state)
{
	struct options *o = opt_new();
	char err[128];
	struct conn c;

	(void)state;
	o->tls_certificate_file = str_dup("/x");
	assert_false(tls_configured(o));
	assert_false(tls_available());
	assert_null(tls_server_new(o, err, sizeof(err)));
	assert_string_equal(err, TLS_ERR_UNAVAILABLE);
	conn_init(&c, -1, -1, 16, 16);
	assert_int_equal(tls_start(NULL, &c, err, sizeof(err)), -1);
	assert_int_equal(tls_handshake(&c, err, sizeof(err)), -1);
	assert_false(tls_active(&c));
	conn_free(&c);
	opt_free(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stubs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

#endif
