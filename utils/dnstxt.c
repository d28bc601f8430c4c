/*
 * dnstxt - the first string of the first TXT record of each FQDN (files.md 13).
 *
 * Usage: dnstxt [ -v ] [ -s IP[:PORT] ] [ -r FILE ] FQDN...
 * Everything but the record printing is in dnstool.h.
 */
#include <stdio.h>

#include "dnstool.h"

static void
print_rr(const struct dns_rr *rr)
{
	/* The bytes as they came: a TXT string may hold anything. */
	fwrite(rr->data, 1, rr->txt_first, stdout);
}

static const struct dnstool tool = {
	.prog = "dnstxt",
	.args = "FQDN",
	.what = "the first string of the first TXT record of each FQDN",
	.type = DNS_T_TXT,
	.print = print_rr,
};

int
main(int argc, char *argv[])
{
	return dnstool_main(&tool, argc, argv);
}
