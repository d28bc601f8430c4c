/*
 * reply.c - the refusal table and reply formatting (session.md 3).
 *
 * Every refusal has one row here; the texts are exact, and an
 * administrator's rejection-text-* option replaces the text but never the
 * code.  Code substitution by stage (250 at HELO/MAIL, 220 greeting, ...)
 * is the session's choice and arrives as the code argument.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "config/options.h"
#include "smtp/reply.h"
#include "util/buf.h"
#include "util/str.h"

#define TXT(name)	offsetof(struct options, rejection_text_##name)

static const struct reason_row reasons[R_COUNT] = {
	[R_NONE] = { 0, "(none)", "", false, 0 },
	[R_UNPARSEABLE] = { 554, "DENIED_UNPARSEABLE",
	    "Unable to parse input. Please verify input format is correct.",
	    false, 0 },
	[R_TOO_MANY_RECIPIENTS] = { 421, "DENIED_TOO_MANY_RECIPIENTS",
	    "Too many recipients. Try the remaining addresses again later.",
	    true, TXT(max_recipients) },
	[R_UNQUALIFIED_RECIPIENT] = { 554, "DENIED_UNQUALIFIED_RECIPIENT",
	    "Improper recipient address. Try supplying a domain name.",
	    true, TXT(local_recipient) },
	[R_GRAYLISTED] = { 421, "DENIED_GRAYLISTED",
	    "Your address has been graylisted. Try again later.",
	    true, TXT(graylist) },
	[R_RDNS_MISSING] = { 421, "DENIED_RDNS_MISSING",
	    "Refused. You have no reverse DNS entry.",
	    true, TXT(empty_rdns) },
	[R_RDNS_RESOLVE] = { 421, "DENIED_RDNS_RESOLVE",
	    "Refused. Your reverse DNS entry does not resolve.",
	    true, TXT(unresolvable_rdns) },
	[R_IP_IN_CC_RDNS] = { 554, "DENIED_IP_IN_CC_RDNS",
	    "Refused. Your reverse DNS entry contains your IP address and a "
	    "country code.", true, TXT(ip_in_cc_rdns) },
	[R_IP_IN_RDNS] = { 554, "DENIED_IP_IN_RDNS",
	    "Refused. Your reverse DNS entry contains your IP address and a "
	    "banned keyword.", true, TXT(ip_in_rdns_keyword_blacklist) },
	[R_EARLYTALKER] = { 554, "DENIED_EARLYTALKER",
	    "Refused. You are not following the SMTP protocol.",
	    true, TXT(earlytalker) },
	[R_BLACKLIST_NAME] = { 554, "DENIED_BLACKLIST_NAME",
	    "Refused. Your domain name is blacklisted.",
	    true, TXT(rdns_blacklist) },
	[R_BLACKLIST_IP] = { 554, "DENIED_BLACKLIST_IP",
	    "Refused. Your IP address is blacklisted.",
	    true, TXT(ip_blacklist) },
	[R_TIMEOUT] = { 421, "TIMEOUT",
	    "Timeout. Talk faster next time.", true, TXT(timeout) },
	[R_SENDER_BLACKLISTED] = { 554, "DENIED_SENDER_BLACKLISTED",
	    "Refused. Your sender address has been blacklisted.",
	    true, TXT(sender_blacklist) },
	[R_RECIPIENT_BLACKLISTED] = { 554, "DENIED_RECIPIENT_BLACKLISTED",
	    "Refused. Mail is not being accepted at this address.",
	    true, TXT(recipient_blacklist) },
	[R_SENDER_NO_MX] = { 421, "DENIED_SENDER_NO_MX",
	    "Refused. The domain of your sender address has no mail "
	    "exchanger (MX).", true, TXT(sender_no_mx) },
	[R_RBL_MATCH] = { 554, "DENIED_RBL_MATCH",
	    "Refused. Your IP address is listed in the RBL at ",
	    true, TXT(dns_blacklist) },
	[R_RHSBL_MATCH] = { 554, "DENIED_RHSBL_MATCH",
	    "Refused. Your domain name is listed in the RHSBL at ",
	    true, TXT(rhs_blacklist) },
	[R_FAILED_AUTH] = { 535, "FAILED_AUTH",
	    "Refused. Authentication failed.", false, TXT(auth_failure) },
	[R_UNKNOWN_AUTH] = { 504, "UNKNOWN_AUTH",
	    "Refused. Unknown authentication method.", false,
	    TXT(auth_unknown) },
	[R_RELAYING] = { 554, "DENIED_RELAYING",
	    "Refused. Sending to remote addresses (relaying) is not allowed.",
	    true, TXT(relaying_denied) },
	[R_ZERO_RECIPIENTS] = { 554, "DENIED_ZERO_RECIPIENTS",
	    "Refused. You must specify at least one valid recipient.",
	    false, TXT(zero_recipients) },
	[R_AUTH_REQUIRED] = { 554, "DENIED_AUTH_REQUIRED",
	    "Refused. Authentication is required to send mail.",
	    true, TXT(smtp_auth_required) },
	[R_REJECT_ALL] = { 554, "DENIED_REJECT_ALL",
	    "Refused. Mail is not being accepted.", true, TXT(reject_all) },
	[R_IDENTICAL_SENDER_RECIPIENT] = { 554,
	    "DENIED_IDENTICAL_SENDER_RECIPIENT",
	    "Refused. Identical sender and recipient addresses are not "
	    "allowed.", true, TXT(recipient_same_as_sender) },
	[R_HEADER_BLACKLISTED] = { 554, "DENIED_HEADER_BLACKLISTED",
	    "Refused. Your message has been blocked due to its content.",
	    true, TXT(header_blacklist) },
	[R_INVALID_RECIPIENT] = { 554, "DENIED_INVALID_RECIPIENT",
	    "Refused. The recipient address does not exist.",
	    true, TXT(recipient_invalid) },
	[R_UNAVAILABLE_RECIPIENT] = { 554, "DENIED_UNAVAILABLE_RECIPIENT",
	    "Refused. The recipient is not accepting mail right now.",
	    true, TXT(recipient_unavailable) },
	[R_SENDER_NOT_LOCAL] = { 554, "DENIED_SENDER_NOT_LOCAL",
	    "Refused. Mail for your sender domain is not hosted here.",
	    true, TXT(sender_not_local) },
	[R_SENDER_NOT_AUTH] = { 554, "DENIED_SENDER_NOT_AUTH",
	    "Refused. Your sender address does not match your authentication "
	    "username.", true, TXT(sender_authentication_mismatch) },
	[R_FAILED_TLS] = { 454, "FAILED_TLS",
	    "Failed to negotiate TLS connection.", false, TXT(tls_failure) },
	/* Improvement (session.md 2.6): no text option. */
	[R_BARE_LF] = { 554, "DENIED_BARE_LF",
	    "Refused. Bare LF line endings are not allowed in message data.",
	    true, 0 },
	[R_OTHER] = { 0, "DENIED_OTHER", "", false, 0 },
	[R_ALLOWED] = { 0, "ALLOWED", "", false, 0 },
	[R_TLS_ENCRYPTED] = { 0, "TLS_ENCRYPTED", "", false, 0 },
};

const struct reason_row *
reason_row(enum reason r)
{
	return &reasons[r < R_COUNT ? r : R_NONE];
}

int
reason_code(enum reason r)
{
	return reason_row(r)->code;
}

const char *
reason_token(enum reason r)
{
	return reason_row(r)->token;
}

int
reply_format(struct buf *out, const struct options *opt, enum reason r,
    int code, const char *suffix)
{
	const struct reason_row *row = reason_row(r);
	const char *text = row->text, *url = opt->policy_url;
	char line[REPLY_MAX_LINE + 1];
	size_t n;

	if (row->text_opt != 0) {
		const char *custom = *(char *const *)(const void *)
		    ((const char *)opt + row->text_opt);

		if (custom != NULL)
			text = custom;
	}
	if (code == 0)
		code = row->code;
	/* snprintf truncates; the CRLF is put back below. */
	if (row->url && url != NULL && url[0] != '\0') {
		n = strlen(url);
		snprintf(line, sizeof(line) - 2, "%d %s%s See: %s%s%s", code,
		    text, suffix != NULL ? suffix : "", url,
		    url[n - 1] == '=' ? "" : "#", row->token);
	} else
		snprintf(line, sizeof(line) - 2, "%d %s%s", code, text,
		    suffix != NULL ? suffix : "");
	n = strlen(line);
	line[n++] = '\r';
	line[n++] = '\n';
	return buf_append(out, line, n);
}

int
reply_fixed(struct buf *out, int code, const char *text)
{
	char line[REPLY_MAX_LINE + 1];
	size_t n;

	snprintf(line, sizeof(line) - 2, "%d %s", code, text);
	n = strlen(line);
	line[n++] = '\r';
	line[n++] = '\n';
	return buf_append(out, line, n);
}
