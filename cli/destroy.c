// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl destroy: removes a camera of vcamd. */

#include "vcamctl.h"

static void print_help(void)
{
	printf("Usage: vcamctl destroy NAME|/dev/videoN\n"
	       "Remove a camera of vcamd; consumers that have it open see it "
	       "go away. A camera\nof the configuration files returns when "
	       "vcamd reloads them.\n\n"
	       "  -h, --help  show this help and exit\n");
}

int destroy_main(int argc, char **argv)
{
	static char response[VCAM_PROTOCOL_LINE_MAX * 2];
	static struct vcam_protocol_line status;
	struct vcam_protocol_field field;
	const char *items;
	char node[16];
	int exit_status = cli_parse_help_only(argc, argv, print_help);

	if (exit_status >= 0)
		return exit_status;
	if (optind >= argc)
		return cli_usage_error("destroy", "missing camera NAME or "
				       "/dev/videoN");
	if (optind + 1 < argc)
		return cli_usage_error("destroy", "unexpected argument `%s' "
				       "(quote a name with spaces)",
				       argv[optind + 1]);
	field = cli_camera_field(argv[optind], node);
	if (cli_ask_vcamd("destroy", "DESTROY", &field, 1, false, response,
			  sizeof(response), &status, &items))
		return EXIT_FAILURE_CODE;
	return EXIT_OK;
}
