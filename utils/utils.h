/*
 * utils.h - what every helper utility prints about itself (files.md 13).
 *
 * Header-only, because the build turns each utils/NAME.c into one program
 * and has no library of utility code.  The usage goes to stdout, preceded
 * by a banner: package and version with a copyright line, the project
 * URL, then a blank line.
 */
#ifndef SPAMDYKE_UTILS_UTILS_H
#define SPAMDYKE_UTILS_UTILS_H

#include <stdio.h>

#include "version.h"

#ifndef SPAMDYKE_COPYRIGHT
#define SPAMDYKE_COPYRIGHT	"Copyright (C) the spamdyke authors; " \
	"spamdyke 5.0.1 by Sam Clippinger"
#endif
#ifndef SPAMDYKE_URL
#define SPAMDYKE_URL		"https://www.spamdyke.org/"
#endif

/* Banner, then "USAGE: " and each line of usage (NULL-terminated). */
static inline void
util_usage(const char *const *usage)
{
	printf("spamdyke %s\n%s\n%s\n\n", SPAMDYKE_VERSION_STRING,
	    SPAMDYKE_COPYRIGHT, SPAMDYKE_URL);
	for (; *usage != NULL; usage++)
		printf("%s\n", *usage);
	fflush(stdout);
}

#endif
