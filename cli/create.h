/* SPDX-License-Identifier: GPL-2.0-only */
/* vcamctl create's arguments, parsed apart so that tests can check them. */
#ifndef VCAMCTL_CREATE_H
#define VCAMCTL_CREATE_H

#include <stdbool.h>

/* Arguments as given; NULL for an option left out (vcamd's default). */
struct create_request {
	const char *name;
	const char *size;
	const char *format;
	const char *fps;
	const char *frames;
	const char *source;
	bool live;
	bool remove_at_end;
	unsigned int udev_timeout;	/* seconds; 0: do not wait for udev */
};

/* How long create waits for udev to set up the new node by default. */
#define CREATE_UDEV_TIMEOUT_DEFAULT 30
#define CREATE_UDEV_TIMEOUT_MAX 3600

/*
 * Parses and checks `create NAME [OPTION]...'. Returns ARGS_PARSED, or the
 * exit status: 0 after --help, 2 after printing a usage error.
 */
int create_parse_args(int argc, char **argv, struct create_request *request);

#endif
