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
};

/*
 * Parses and checks `create NAME [OPTION]...'. Returns ARGS_PARSED, or the
 * exit status: 0 after --help, 2 after printing a usage error.
 */
int create_parse_args(int argc, char **argv, struct create_request *request);

#endif
