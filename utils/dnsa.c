/*
 * dnsa - the first A record of each FQDN, as a.b.c.d (files.md 13).
 *
 * Usage: dnsa [ -v ] [ -s IP[:PORT] ] [ -r FILE ] FQDN...
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
	.prog = "dnsa",
	.args = "FQDN",
	.what = "the first A record of each FQDN, as a.b.c.d",
	.type = DNS_T_A,
	.print = print_rr,
};

int
main(int argc, char *argv[])
{
	return dnstool_main(&tool, argc, argv);
}
