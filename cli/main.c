// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl: creates, destroys, lists and inspects vcam cameras. */

#include <stdio.h>
#include <string.h>

#include "vcamctl.h"

#ifndef VCAM_VERSION
#define VCAM_VERSION "unknown"
#endif

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} subcommands[] = {
	{ "create", create_main, "asks vcamd for a new camera and prints its node" },
	{ "destroy", destroy_main, "removes a camera of vcamd" },
	{ "list", list_main, "lists the vcam cameras, one a line" },
	{ "status", status_main, "shows everything about one or every camera" },
	{ "set-source", set_source_main, "switches a running camera to another source" },
	{ "monitor", monitor_main, "prints a line per event of a camera, until interrupted" },
};

#define SUBCOMMAND_COUNT (sizeof(subcommands) / sizeof(subcommands[0]))

static void print_usage(FILE *out)
{
	fprintf(out, "Usage: vcamctl COMMAND [OPTION]... [ARGUMENT]...\n"
		"Create, destroy, list, inspect and monitor vcam virtual "
		"cameras.\n\n"
		"Commands:\n");
	for (size_t i = 0; i < SUBCOMMAND_COUNT; i++)
		fprintf(out, "  %-11s %s\n", subcommands[i].name,
			subcommands[i].summary);
	fprintf(out, "\n"
		"  -h, --help     show this help and exit\n"
		"  -V, --version  show the version and exit\n\n"
		"`vcamctl COMMAND --help' describes a command. create, destroy "
		"and set-source\nneed vcamd; list, status and monitor work "
		"without it. vcamd's socket is\n$VCAM_SOCKET, or "
		VCAM_PROTOCOL_DEFAULT_SOCKET ".\n\n"
		"Exit status: 0 on success, 1 on failure, 2 for a usage "
		"error.\n");
}

int main(int argc, char **argv)
{
	const char *command = argc > 1 ? argv[1] : NULL;

	if (!command) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 ||
	    strcmp(command, "help") == 0) {
		print_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(command, "--version") == 0 || strcmp(command, "-V") == 0) {
		printf("vcamctl %s (protocol VCAM/%d)\n", VCAM_VERSION,
		       VCAM_PROTOCOL_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; i < SUBCOMMAND_COUNT; i++) {
		if (strcmp(command, subcommands[i].name) == 0)
			return subcommands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "vcamctl: unknown command `%s'; see vcamctl --help\n",
		command);
	return EXIT_USAGE;
}
