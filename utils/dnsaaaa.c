/*
 * dnsaaaa - the first AAAA record of each FQDN (RFC 5952 form) (files.md 13).
 *
 * Usage: dnsaaaa [ -v ] [ -s IP[:PORT] ] [ -r FILE ] FQDN...
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
	.prog = "dnsaaaa",
	.args = "FQDN",
	.what = "the first AAAA record of each FQDN (RFC 5952 form)",
	.type = DNS_T_AAAA,
	.print = print_rr,
};

int
main(int argc, char *argv[])
{
	return dnstool_main(&tool, argc, argv);
}
