/*
 * dnsns - the first NS host of each FQDN (files.md 13).
 *
 * Usage: dnsns [ -v ] [ -s IP[:PORT] ] [ -r FILE ] FQDN...
 * Everything but the record printing is in dnstool.h.
 */
#include <stdio.h>

#include "dnstool.h"

static void
print_rr(const struct dns_rr *rr)
{
	fputs(rr->data, stdout);
}

static const struct dnstool tool = {
	.prog = "dnsns",
	.args = "FQDN",
	.what = "the first NS host of each FQDN",
	.type = DNS_T_NS,
	.print = print_rr,
};

int
main(int argc, char *argv[])
{
	return dnstool_main(&tool, argc, argv);
}
