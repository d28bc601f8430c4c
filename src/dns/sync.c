/*
 * sync.c - dns_lookup_sync(): one lookup on a private loop, waited for,
 * for the programs and tests that have no loop of their own (the
 * --config-test DNS blacklist probes, the dns tools).  The result handed
 * to the callback lives only as long as the callback, so it is copied,
 * records and all, into memory the caller frees with dns_result_free().
 * Entry points: dns_lookup_sync(), dns_result_free().
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dns.h"
#include "dns/int.h"
#include "io/loop.h"
#include "util/str.h"

struct sync {
	bool			 done;
	int			 status;
	struct dns_result	*copy;
};

static struct dns_rr *
rr_dup(const struct dns_rr *rr)
{
	size_t olen = strlen(rr->owner), rlen = rr->soa_rname != NULL ?
	    strlen(rr->soa_rname) : 0;
	struct dns_rr *n;
	char *p;

	if ((n = malloc(sizeof(*n) + olen + 1 + rr->len + 1 + rlen + 1)) ==
	    NULL)
		return NULL;
	*n = *rr;
	p = (char *)(n + 1);
	memcpy(p, rr->owner, olen + 1);
	n->owner = p;
	p += olen + 1;
	memcpy(p, rr->data, rr->len + 1);
	n->data = p;
	p += rr->len + 1;
	if (rr->soa_rname != NULL) {
		memcpy(p, rr->soa_rname, rlen + 1);
		n->soa_rname = p;
	}
	return n;
}

void
dns_result_free(struct dns_result *r)
{
	if (r == NULL)
		return;
	dns_records_free(r->rr, r->nrr);
	free((char *)r->name);
	free(r);
}

static void
sync_cb(const struct dns_result *r, void *ctx)
{
	struct sync *s = ctx;
	struct dns_result *c;
	size_t i;

	s->done = true;
	s->status = r->status;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return;
	c->status = r->status;
	c->found = r->found;
	c->name = str_dup(r->name);
	if (r->nrr > 0)
		c->rr = calloc(r->nrr, sizeof(*c->rr));
	if (c->name == NULL || (r->nrr > 0 && c->rr == NULL))
		goto fail;
	for (i = 0; i < r->nrr; i++) {
		if ((c->rr[i] = rr_dup(r->rr[i])) == NULL)
			goto fail;
		c->nrr++;
	}
	s->copy = c;
	return;
fail:
	dns_result_free(c);
}

int
dns_lookup_sync(const struct dns_config *cfg, const char *name,
    unsigned types, unsigned prefer, struct dns_result **res)
{
	struct sync s = { false, DNS_NORESULT, NULL };
	struct dns_resolver *r = NULL;
	struct loop *loop;

	if (res != NULL)
		*res = NULL;
	if ((loop = loop_new()) == NULL)
		return DNS_NORESULT;
	if ((r = dns_new(loop, cfg)) != NULL &&
	    dns_lookup(r, name, types, prefer, sync_cb, &s) != NULL)
		while (!s.done)
			if (loop_once(loop, -1) == -1)
				break;
	dns_free(r);
	loop_free(loop);
	if (res != NULL)
		*res = s.copy;
	else
		dns_result_free(s.copy);
	if (res != NULL && s.done && s.copy == NULL)
		return DNS_NORESULT;	/* no memory for the copy */
	return s.status;
}
