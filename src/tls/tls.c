/*
 * tls.c - the server side of TLS under io/conn (session.md 7, tls.h).
 *
 * tls_server_new() turns the tls-* options into an SSL_CTX; tls_start()
 * puts an SSL object under a struct conn through its ops hooks, and
 * tls_handshake() drives SSL_accept() on non-blocking descriptors.  After
 * that, conn_fill()/conn_send()/conn_flush() read and write plaintext and
 * never learn that the bytes were encrypted; OpenSSL's want-read and
 * want-write states stay here and are reported through ops->wants.
 *
 * Left to the session: when to start (STARTTLS reply, SMTPS at start),
 * discarding plaintext the client pipelined, the replies and log lines of
 * a failure, timeouts, and logging the 4.6 texts tls_server_new() returns.
 * libssl is loaded only here (ossl.c), only when a session needs TLS.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/options.h"
#include "io/conn.h"
#include "io/loop.h"
#include "log/log.h"
#include "tls/ossl.h"
#include "tls/tls.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/str.h"

#define PW_MAX		1024	/* longest private key password */
#define SSL_ERR_MAX	256

bool
tls_configured(const struct options *opt)
{
#ifdef HAVE_TLS
	return opt->tls_level != TLS_LEVEL_NONE &&
	    opt->tls_certificate_file != NULL &&
	    opt->tls_certificate_file[0] != '\0';
#else
	(void)opt;
	return false;
#endif
}

bool
tls_available(void)
{
	return ossl_load_ssl();
}

bool
tls_loaded(void)
{
	return ossl_tried();
}

#ifdef HAVE_TLS

struct tls_server {
	SSL_CTX		*ctx;
};

enum hs_state {
	HS_PLAIN_OUT,		/* writing what was queued before TLS */
	HS_ACCEPT,		/* SSL_accept() in progress */
	HS_DONE			/* established */
};

struct tls_layer {
	SSL		*ssl;
	enum hs_state	 state;
	unsigned	 hs_want;	/* handshake or shutdown direction */
	unsigned	 read_want;	/* a read blocked on writability */
	unsigned	 write_want;	/* a write blocked on readability */
	bool		 reof;		/* end of stream seen */
	bool		 rerr;		/* a read failed */
	int		 rerrno;
	bool		 shut_sent;
};

/* The private key password (the callback's user data). */
struct pw {
	char	 text[PW_MAX];
	size_t	 len;
	bool	 set;
};

static ssize_t	 layer_read(struct conn *, void *, size_t);
static ssize_t	 layer_write(struct conn *, const void *, size_t);
static unsigned	 layer_wants(struct conn *);

static const struct conn_ops tls_ops = {
	layer_read,
	layer_write,
	layer_wants
};

static void
wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

/*
 * Without a password the callback returns 0, so an encrypted key fails to
 * load instead of OpenSSL prompting on a terminal.
 */
static int
pw_cb(char *out, int size, int rwflag, void *u)
{
	struct pw *pw = u;
	size_t n;

	(void)rwflag;
	if (pw == NULL || !pw->set || size <= 0)
		return 0;
	n = pw->len < (size_t)size ? pw->len : (size_t)size;
	memcpy(out, pw->text, n);
	return (int)n;
}

/* 7.4: tls-privatekey-password, else the first line of the file. */
static int
pw_load(const struct options *opt, struct pw *pw, char *err, size_t errlen)
{
	struct file_lines fl;
	const char *line;
	size_t len;
	int fd, r;

	if (opt->tls_privatekey_password != NULL) {
		pw->len = str_lcpy(pw->text, opt->tls_privatekey_password,
		    sizeof(pw->text));
		if (pw->len >= sizeof(pw->text))
			pw->len = sizeof(pw->text) - 1;
		pw->set = true;
		return 0;
	}
	if (opt->tls_privatekey_password_file == NULL)
		return 0;
	r = file_open_regular(opt->tls_privatekey_password_file, &fd, NULL);
	if (r != 1) {
		snprintf(err, errlen, "unable to open file %s: %s",
		    opt->tls_privatekey_password_file,
		    strerror(r == 0 ? ENOENT : errno));
		return -1;
	}
	file_lines_fd(&fl, fd, sizeof(pw->text) - 1, 1);
	if (file_lines_next(&fl, &line, &len) == 1) {
		memcpy(pw->text, line, len);
		pw->len = len;
		pw->set = true;
		wipe((void *)line, len);
	}
	file_lines_free(&fl);
	close(fd);
	return 0;
}

static int
min_version(int v)
{
	switch (v) {
	case TLS_MIN_1_0:
		return TLS1_VERSION;
	case TLS_MIN_1_1:
		return TLS1_1_VERSION;
	case TLS_MIN_1_3:
		return TLS1_3_VERSION;
	default:
		return TLS1_2_VERSION;
	}
}

/* Protocol, options and ciphers; 0 ok, -1 with the 4.6 text. */
static int
ctx_params(SSL_CTX *ctx, const struct options *opt, char *err,
    size_t errlen)
{
	char e[SSL_ERR_MAX];
	const char *list = opt->tls_cipher_list;

	/* Improvement (7.4): nothing older than tls-min-protocol. */
	ossl.SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION,
	    min_version(opt->tls_min_protocol), NULL);
	/*
	 * One process per connection: a session cache or tickets could
	 * never be used again, so none are kept or sent.
	 */
	ossl.SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION |
	    SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_TICKET |
	    SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
	ossl.SSL_CTX_ctrl(ctx, SSL_CTRL_SET_SESS_CACHE_MODE,
	    SSL_SESS_CACHE_OFF, NULL);
	ossl.SSL_CTX_set_num_tickets(ctx, 0);
	/* conn.c retries a blocked write from a buffer that may move. */
	ossl.SSL_CTX_ctrl(ctx, SSL_CTRL_MODE, SSL_MODE_ENABLE_PARTIAL_WRITE |
	    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS,
	    NULL);
	if (list == NULL)
		/*
		 * OpenSSL 3 refuses TLS 1.0/1.1 at its default security
		 * level; whoever asks for them gets them.
		 */
		list = opt->tls_min_protocol < TLS_MIN_1_2 ?
		    "DEFAULT:@SECLEVEL=0" : "DEFAULT";
	if (ossl.SSL_CTX_set_cipher_list(ctx, list) != 1) {
		snprintf(err, errlen, "unable to set SSL/TLS cipher list: "
		    "%s: %s", list, ossl_error(e, sizeof(e), "no cipher"));
		return -1;
	}
	if (opt->tls_ciphersuites != NULL &&
	    ossl.SSL_CTX_set_ciphersuites(ctx, opt->tls_ciphersuites) != 1) {
		snprintf(err, errlen, "unable to set SSL/TLS cipher suites: "
		    "%s: %s", opt->tls_ciphersuites,
		    ossl_error(e, sizeof(e), "no cipher suite"));
		return -1;
	}
	return 0;
}

/* Certificate chain, key, and their match; 0 ok, -1 with the 4.6 text. */
static int
ctx_keys(SSL_CTX *ctx, const struct options *opt, char *err, size_t errlen)
{
	char e[SSL_ERR_MAX];
	const char *cert = opt->tls_certificate_file;
	const char *key = opt->tls_privatekey_file != NULL ?
	    opt->tls_privatekey_file : cert;
	struct pw pw;
	int rc = -1;

	memset(&pw, 0, sizeof(pw));
	if (pw_load(opt, &pw, err, errlen) == -1)
		return -1;
	ossl.SSL_CTX_set_default_passwd_cb(ctx, pw_cb);
	ossl.SSL_CTX_set_default_passwd_cb_userdata(ctx, &pw);
	if (ossl.SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
		snprintf(err, errlen, "unable to load SSL/TLS certificate "
		    "from file: %s : %s", cert,
		    ossl_error(e, sizeof(e), "unknown error"));
		goto out;
	}
	if (ossl.SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) !=
	    1) {
		snprintf(err, errlen, "unable to load or decrypt SSL/TLS "
		    "private key from file or certificate/key mismatch or "
		    "incorrect password: %s : %s", key,
		    ossl_error(e, sizeof(e), "unknown error"));
		goto out;
	}
	if (ossl.SSL_CTX_check_private_key(ctx) != 1) {
		/* Compat: 5.0.1 prints the file name without a space. */
		snprintf(err, errlen, "incorrect SSL/TLS private key password "
		    "or SSL/TLS certificate/privatekey mismatch%s : %s", key,
		    ossl_error(e, sizeof(e), "unknown error"));
		goto out;
	}
	rc = 0;
out:
	ossl.SSL_CTX_set_default_passwd_cb_userdata(ctx, NULL);
	wipe(&pw, sizeof(pw));
	return rc;
}

/* tls-dhparams-file, or the library's automatic DH; as ctx_keys. */
static int
ctx_dh(SSL_CTX *ctx, const struct options *opt, char *err, size_t errlen)
{
	char e[SSL_ERR_MAX];
	EVP_PKEY *dh = NULL;
	BIO *b;

	if (opt->tls_dhparams_file == NULL) {
		/* Improvement (7.4): library default DH parameters. */
		ossl.SSL_CTX_ctrl(ctx, SSL_CTRL_SET_DH_AUTO, 1, NULL);
		return 0;
	}
	if ((b = ossl.BIO_new_file(opt->tls_dhparams_file, "r")) != NULL) {
		dh = ossl.PEM_read_bio_Parameters(b, NULL);
		ossl.BIO_free(b);
	}
	if (dh == NULL) {
		ossl.ERR_clear_error();
		snprintf(err, errlen, "unable to load SSL/TLS DH params from "
		    "file: %s", opt->tls_dhparams_file);
		return -1;
	}
	if (ossl.SSL_CTX_set0_tmp_dh_pkey(ctx, dh) != 1) {
		ossl.EVP_PKEY_free(dh);
		snprintf(err, errlen, "unable to set SSL/TLS DH params: %s",
		    ossl_error(e, sizeof(e), "unknown error"));
		return -1;
	}
	return 0;
}

struct tls_server *
tls_server_new(const struct options *opt, char *err, size_t errlen)
{
	struct tls_server *srv;
	SSL_CTX *ctx;

	if (opt->tls_certificate_file == NULL) {
		snprintf(err, errlen, "an SSL/TLS certificate is not "
		    "available");
		return NULL;
	}
	if (!ossl_load_ssl()) {
		snprintf(err, errlen, "unable to initialize SSL/TLS library");
		return NULL;
	}
	if ((srv = malloc(sizeof(*srv))) == NULL) {
		snprintf(err, errlen, "out of memory - unable to allocate "
		    "%zu bytes", sizeof(*srv));
		return NULL;
	}
	ossl.ERR_clear_error();
	if ((ctx = ossl.SSL_CTX_new(ossl.TLS_server_method())) == NULL) {
		ossl.ERR_clear_error();
		snprintf(err, errlen, "unable to initialize SSL/TLS library");
		free(srv);
		return NULL;
	}
	if (ctx_params(ctx, opt, err, errlen) == -1 ||
	    ctx_keys(ctx, opt, err, errlen) == -1 ||
	    ctx_dh(ctx, opt, err, errlen) == -1) {
		ossl.SSL_CTX_free(ctx);
		free(srv);
		return NULL;
	}
	srv->ctx = ctx;
	return srv;
}

void
tls_server_free(struct tls_server *srv)
{
	if (srv == NULL)
		return;
	ossl.SSL_CTX_free(srv->ctx);
	free(srv);
}

int
tls_start(struct tls_server *srv, struct conn *c, char *err, size_t errlen)
{
	struct tls_layer *l;

	if (c->ops != NULL) {
		snprintf(err, errlen, "TLS is already active");
		return -1;
	}
	if ((l = calloc(1, sizeof(*l))) == NULL) {
		snprintf(err, errlen, "out of memory - unable to allocate "
		    "%zu bytes", sizeof(*l));
		return -1;
	}
	ossl.ERR_clear_error();
	if ((l->ssl = ossl.SSL_new(srv->ctx)) == NULL ||
	    ossl.SSL_set_rfd(l->ssl, c->rfd) != 1 ||
	    ossl.SSL_set_wfd(l->ssl, c->wfd) != 1) {
		ossl_error(err, errlen, "unable to create SSL/TLS session");
		if (l->ssl != NULL)
			ossl.SSL_free(l->ssl);
		free(l);
		return -1;
	}
	l->state = c->out.len > 0 ? HS_PLAIN_OUT : HS_ACCEPT;
	l->hs_want = IO_WRITE;
	c->ops = &tls_ops;
	c->layer = l;
	return 0;
}

static struct tls_layer *
layer_of(const struct conn *c)
{
	return c->ops == &tls_ops ? c->layer : NULL;
}

/* 7.2: the "220 Proceed." queued before TLS goes out in plaintext. */
static int
plain_out(struct conn *c, struct tls_layer *l, char *err, size_t errlen)
{
	ssize_t n;

	while (c->out.len > 0) {
		n = write(c->wfd, c->out.data, c->out.len);
		if (n > 0) {
			buf_consume(&c->out, (size_t)n);
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			l->hs_want = IO_WRITE;
			return 0;
		}
		snprintf(err, errlen, "%s", strerror(n == 0 ? EIO : errno));
		return -1;
	}
	l->state = HS_ACCEPT;
	return 1;
}

int
tls_handshake(struct conn *c, char *err, size_t errlen)
{
	struct tls_layer *l = layer_of(c);
	int r, e, saved;

	if (l == NULL) {
		snprintf(err, errlen, "no SSL/TLS layer");
		return -1;
	}
	if (l->state == HS_DONE)
		return 1;
	if (l->state == HS_PLAIN_OUT &&
	    (r = plain_out(c, l, err, errlen)) != 1) {
		if (r == 0)
			return 0;
		goto fail;
	}
	ossl.ERR_clear_error();
	errno = 0;
	r = ossl.SSL_accept(l->ssl);
	saved = errno;
	if (r == 1) {
		l->state = HS_DONE;
		l->hs_want = 0;
		return 1;
	}
	e = ossl.SSL_get_error(l->ssl, r);
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
		l->hs_want = e == SSL_ERROR_WANT_READ ? IO_READ : IO_WRITE;
		return 0;
	}
	ossl_error(err, errlen, e == SSL_ERROR_SYSCALL && saved != 0 ?
	    strerror(saved) : "unexpected end of file");
fail:
	tls_free(c);
	return -1;
}

static ssize_t
layer_read(struct conn *c, void *p, size_t n)
{
	struct tls_layer *l = c->layer;
	char msg[SSL_ERR_MAX];
	size_t total = 0, got;
	int e, saved;

	if (l->state != HS_DONE) {
		errno = EAGAIN;
		return -1;
	}
	l->read_want = 0;
	/*
	 * Read until n bytes or the socket is dry, so that little stays
	 * decrypted inside OpenSSL where poll() cannot see it.
	 */
	while (total < n && !l->reof && !l->rerr) {
		ossl.ERR_clear_error();
		errno = 0;
		if (ossl.SSL_read_ex(l->ssl, (char *)p + total, n - total,
		    &got) == 1) {
			total += got;
			continue;
		}
		saved = errno;
		e = ossl.SSL_get_error(l->ssl, 0);
		if (e == SSL_ERROR_WANT_READ)
			break;
		if (e == SSL_ERROR_WANT_WRITE) {
			l->read_want = IO_WRITE;
			break;
		}
		if (e == SSL_ERROR_ZERO_RETURN ||
		    (e == SSL_ERROR_SYSCALL && saved == 0)) {
			l->reof = true;
			break;
		}
		l->rerr = true;
		/* Never a "try again" errno: conn_fill() must see the end. */
		l->rerrno = e == SSL_ERROR_SYSCALL && saved != EAGAIN &&
		    saved != EWOULDBLOCK && saved != EINTR ? saved : EIO;
		log_verror("unable to read from SSL/TLS stream: %s",
		    ossl_error(msg, sizeof(msg), e == SSL_ERROR_SYSCALL ?
		    strerror(saved) : "protocol error"));
	}
	if (total > 0)
		return (ssize_t)total;
	if (l->reof)
		return 0;
	errno = l->rerr ? l->rerrno : EAGAIN;
	return -1;
}

static ssize_t
layer_write(struct conn *c, const void *p, size_t n)
{
	struct tls_layer *l = c->layer;
	char msg[SSL_ERR_MAX];
	size_t w = 0;
	int e, saved;

	if (l->state != HS_DONE) {
		errno = EAGAIN;
		return -1;
	}
	if (n == 0)
		return 0;
	l->write_want = 0;
	ossl.ERR_clear_error();
	errno = 0;
	if (ossl.SSL_write_ex(l->ssl, p, n, &w) == 1)
		return (ssize_t)w;
	saved = errno;
	e = ossl.SSL_get_error(l->ssl, 0);
	if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
		if (e == SSL_ERROR_WANT_READ)
			l->write_want = IO_READ;
		errno = EAGAIN;
		return -1;
	}
	log_verror("unable to write to SSL/TLS stream: %s",
	    ossl_error(msg, sizeof(msg), e == SSL_ERROR_SYSCALL && saved != 0 ?
	    strerror(saved) : "protocol error"));
	errno = e == SSL_ERROR_SYSCALL && saved != 0 ? saved : EIO;
	return -1;
}

static unsigned
layer_wants(struct conn *c)
{
	struct tls_layer *l = c->layer;

	if (l->state != HS_DONE || l->hs_want != 0)
		return l->hs_want;
	return l->read_want | l->write_want;
}

unsigned
tls_wants(struct conn *c)
{
	return layer_of(c) != NULL ? layer_wants(c) : 0;
}

size_t
tls_pending(const struct conn *c)
{
	struct tls_layer *l = layer_of(c);
	int n;

	if (l == NULL || l->state != HS_DONE)
		return 0;
	n = ossl.SSL_pending(l->ssl);
	return n > 0 ? (size_t)n : 0;
}

bool
tls_active(const struct conn *c)
{
	struct tls_layer *l = layer_of(c);

	return l != NULL && l->state == HS_DONE;
}

const char *
tls_protocol(const struct conn *c)
{
	struct tls_layer *l = layer_of(c);

	return l != NULL && l->state == HS_DONE ?
	    ossl.SSL_get_version(l->ssl) : NULL;
}

int
tls_shutdown(struct conn *c)
{
	struct tls_layer *l = layer_of(c);
	int r, e;

	if (l == NULL || l->state != HS_DONE || l->shut_sent || l->rerr)
		return 1;
	ossl.ERR_clear_error();
	r = ossl.SSL_shutdown(l->ssl);
	if (r >= 0) {
		/* Our close_notify is out; the peer's is not awaited. */
		l->shut_sent = true;
		l->hs_want = 0;
		return 1;
	}
	e = ossl.SSL_get_error(l->ssl, r);
	if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
		l->hs_want = e == SSL_ERROR_WANT_READ ? IO_READ : IO_WRITE;
		return 0;
	}
	ossl.ERR_clear_error();
	l->hs_want = 0;
	return -1;
}

void
tls_free(struct conn *c)
{
	struct tls_layer *l = layer_of(c);

	if (l == NULL)
		return;
	ossl.SSL_free(l->ssl);
	free(l);
	c->ops = NULL;
	c->layer = NULL;
}

#else /* !HAVE_TLS: every TLS entry point reports that TLS is missing. */

struct tls_server *
tls_server_new(const struct options *opt, char *err, size_t errlen)
{
	(void)opt;
	snprintf(err, errlen, "%s", TLS_ERR_UNAVAILABLE);
	return NULL;
}

void
tls_server_free(struct tls_server *srv)
{
	(void)srv;
}

int
tls_start(struct tls_server *srv, struct conn *c, char *err, size_t errlen)
{
	(void)srv;
	(void)c;
	snprintf(err, errlen, "%s", TLS_ERR_UNAVAILABLE);
	return -1;
}

int
tls_handshake(struct conn *c, char *err, size_t errlen)
{
	(void)c;
	snprintf(err, errlen, "%s", TLS_ERR_UNAVAILABLE);
	return -1;
}

unsigned
tls_wants(struct conn *c)
{
	(void)c;
	return 0;
}

size_t
tls_pending(const struct conn *c)
{
	(void)c;
	return 0;
}

bool
tls_active(const struct conn *c)
{
	(void)c;
	return false;
}

const char *
tls_protocol(const struct conn *c)
{
	(void)c;
	return NULL;
}

int
tls_shutdown(struct conn *c)
{
	(void)c;
	return 1;
}

void
tls_free(struct conn *c)
{
	(void)c;
}

#endif /* HAVE_TLS */
