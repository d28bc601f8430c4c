/* version.h - the version string used in banners and the full log. */
#ifndef SPAMDYKE_VERSION_H
#define SPAMDYKE_VERSION_H

#ifndef SPAMDYKE_VERSION
#define SPAMDYKE_VERSION	"6.0.0"
#endif

#ifdef HAVE_TLS
#define SPAMDYKE_VERSION_STRING	SPAMDYKE_VERSION "+TLS"
#else
#define SPAMDYKE_VERSION_STRING	SPAMDYKE_VERSION
#endif

#endif
