/*
 * dnssoa - the first SOA record of each FQDN, as seven lines (files.md 13).
 *
 * Usage: dnssoa [ -v ] [ -s IP[:PORT] ] [ -r FILE ] FQDN...
 * Everything but the record printing is in dnstool.h.
 */
#include <stdio.h>

#include "dnstool.h"

static void
print_rr(const struct dns_rr *rr)
{
	/* Compat: REFRESH and EXPIRATION take one tab, the others two. */
	printf("NS:\t\t%s\n", rr->data);
	printf("ADMIN:\t\t%s\n", rr->soa_rname);
	printf("SERIAL:\t\t%lu\n", (unsigned long)rr->soa[0]);
	printf("REFRESH:\t%lu\n", (unsigned long)rr->soa[1]);
	printf("RETRY:\t\t%lu\n", (unsigned long)rr->soa[2]);
	printf("EXPIRATION:\t%lu\n", (unsigned long)rr->soa[3]);
	printf("TTL:\t\t%lu", (unsigned long)rr->soa[4]);
}

static const struct dnstool tool = {
	.prog = "dnssoa",
	.args = "FQDN",
	.what = "the first SOA record of each FQDN, as seven lines",
	.type = DNS_T_SOA,
	.print = print_rr,
};

int
main(int argc, char *argv[])
{
	return dnstool_main(&tool, argc, argv);
}
