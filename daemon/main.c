// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcamd: creates the cameras configured under /etc/vcam and feeds them
 * while someone watches.
 */

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include <vcam/config.h>
#include <vcam/protocol.h>

#include "daemon.h"
#include "log.h"

#ifndef VCAM_VERSION
#define VCAM_VERSION "unknown"
#endif

static void print_help(void)
{
	printf("Usage: vcamd [OPTION]...\n"
	       "Create the vcam cameras of the configuration and feed them "
	       "while consumers stream.\n"
	       "\n"
	       "  -c, --config FILE      main configuration file (default: "
	       "DIR/vcamd.conf)\n"
	       "  -d, --config-dir DIR   drop-in folder: every *.conf in it "
	       "is read after the\n"
	       "                         main file (default: "
	       "$CONFIGURATION_DIRECTORY or " VCAM_CONFIG_DEFAULT_DIR ")\n"
	       "  -s, --socket PATH      the control socket vcamctl talks to "
	       "(default:\n"
	       "                         " VCAM_PROTOCOL_DEFAULT_SOCKET ")\n"
	       "      --check-config     check the configuration, list its "
	       "cameras and exit\n"
	       "      --no-lending       never render frames straight into "
	       "consumers' buffers;\n"
	       "                         queue frames for the driver to "
	       "copy instead\n"
	       "  -v, --verbose          also log debug lines (a frame "
	       "dropped because the\n"
	       "                         consumer held every buffer)\n"
	       "  -h, --help             show this help and exit\n"
	       "  -V, --version          show the version and exit\n"
	       "\n"
	       "Signals: SIGHUP reloads the configuration (cameras are "
	       "added, removed or\n"
	       "recreated as it says); SIGTERM and SIGINT remove every "
	       "camera and exit.\n"
	       "\n"
	       "Exit status: 0 after SIGTERM, or for a valid configuration "
	       "with --check-config;\n"
	       "1 if the daemon could not start or the configuration has "
	       "errors; 2 for a usage error.\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "config-dir", required_argument, NULL, 'd' },
		{ "check-config", no_argument, NULL, 'k' },
		{ "socket", required_argument, NULL, 's' },
		{ "no-lending", no_argument, NULL, 'L' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *environment_dir = getenv("CONFIGURATION_DIRECTORY");
	struct daemon_paths paths = {
		NULL, NULL, VCAM_PROTOCOL_DEFAULT_SOCKET,
	};
	char main_file[PATH_MAX];
	int check_only = 0;
	bool lending = true;
	int opt;

	while ((opt = getopt_long(argc, argv, "c:d:s:vhV", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			paths.main_file = optarg;
			break;
		case 'd':
			paths.dropin_dir = optarg;
			break;
		case 's':
			paths.socket_path = optarg;
			break;
		case 'k':
			check_only = 1;
			break;
		case 'L':
			lending = false;
			break;
		case 'v':
			vcamd_log_set_verbose(true);
			break;
		case 'h':
			print_help();
			return 0;
		case 'V':
			printf("vcamd %s\n", VCAM_VERSION);
			return 0;
		default:
			fprintf(stderr, "Try 'vcamd --help' for more "
				"information.\n");
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "vcamd: unexpected argument `%s'; see "
			"vcamd --help\n", argv[optind]);
		return 2;
	}

	if (!paths.dropin_dir)
		paths.dropin_dir = environment_dir && *environment_dir ?
				   environment_dir : VCAM_CONFIG_DEFAULT_DIR;
	if (!paths.main_file) {
		snprintf(main_file, sizeof(main_file), "%s/vcamd.conf",
			 paths.dropin_dir);
		paths.main_file = main_file;
	}
	return check_only ? daemon_check_config(&paths) : daemon_run(&paths, lending);
}
