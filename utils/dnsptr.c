/*
 * dnsptr - the first PTR name of each IP address or FQDN (files.md 13).
 *
 * Usage: dnsptr [ -v ] [ -s IP[:PORT] ] [ -r FILE ] IP|FQDN...
 * Everything but the record printing is in dnstool.h.
 */
#include <stdio.h>

#include "util/ip.h"
#include "dnstool.h"

/*
 * An address becomes its reverse name: a.b.c.d.in-addr.arpa and, as an
 * Improvement, IPv6 nibbles under ip6.arpa.  Improvement: any other
 * argument is asked as given, not cut to 29 bytes as 5.0.1 does.
 */
static int
reverse(const char *arg, char *out, size_t outlen)
{
	struct ip_addr ip;

	if (ip_parse(arg, &ip) == -1)
		return -1;
	return ip_reverse_name(&ip, out, outlen);
}

static void
print_rr(const struct dns_rr *rr)
{
	fputs(rr->data, stdout);
}

static const struct dnstool tool = {
	.prog = "dnsptr",
	.args = "IP|FQDN",
	.what = "the first PTR name of each IP address or FQDN",
	.type = DNS_T_PTR,
	.qname = reverse,
	.print = print_rr,
};

int
main(int argc, char *argv[])
{
	return dnstool_main(&tool, argc, argv);
}
