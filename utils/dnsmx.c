/*
 * dnsmx - the first MX record of each FQDN, as PREFERENCE HOST (files.md 13).
 *
 * Usage: dnsmx [ -v ] [ -s IP[:PORT] ] [ -r FILE ] FQDN...
 * Everything but the record printing is in dnstool.h.
 */
#include <stdio.h>

#include "dnstool.h"

static void
print_rr(const struct dns_rr *rr)
{
	printf("%u %s", rr->pref, rr->data);
}

static const struct dnstool tool = {
	.prog = "dnsmx",
	.args = "FQDN",
	.what = "the first MX record of each FQDN, as PREFERENCE HOST",
	.type = DNS_T_MX,
	.print = print_rr,
};

int
main(int argc, char *argv[])
{
	return dnstool_main(&tool, argc, argv);
}
