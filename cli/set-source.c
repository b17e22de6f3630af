// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl set-source: switches a running camera to another source. */

#include <vcam/camera-config.h>

#include "vcamctl.h"

static void print_help(void)
{
	printf("Usage: vcamctl set-source NAME|/dev/videoN SPEC\n"
	       "Switch a camera of vcamd to the source SPEC while it runs, "
	       "even while a\nconsumer streams: pattern:NAME or mjpeg:/PATH "
	       "(MJPEG cameras take mjpeg:\nsources only). A configured camera "
	       "goes back to its configured source when\nvcamd reloads its "
	       "configuration.\n\n"
	       "  -h, --help  show this help and exit\n");
}

int set_source_main(int argc, char **argv)
{
	static char response[VCAM_PROTOCOL_LINE_MAX * 2];
	static struct vcam_protocol_line status;
	struct vcam_protocol_field fields[2];
	struct vcam_camera_source source;
	const char *items;
	char node[16], reason[512];
	int exit_status = cli_parse_help_only(argc, argv, print_help);

	if (exit_status >= 0)
		return exit_status;
	if (argc - optind != 2)
		return cli_usage_error("set-source", "expected a camera "
				       "NAME or /dev/videoN and a SPEC");
	if (vcam_config_parse_source(argv[optind + 1], &source, reason,
				     sizeof(reason))) {
		cli_error("set-source", "%s", reason);
		return EXIT_USAGE;
	}
	fields[0] = cli_camera_field(argv[optind], node);
	fields[1] = (struct vcam_protocol_field){ "source", argv[optind + 1] };
	if (cli_ask_vcamd("set-source", "SET-SOURCE", fields, 2, false,
			  response, sizeof(response), &status, &items))
		return EXIT_FAILURE_CODE;
	return EXIT_OK;
}
