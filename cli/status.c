// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl status: everything about one camera, or every camera. */

#include <stdlib.h>

#include "vcamctl.h"

static void print_help(void)
{
	printf("Usage: vcamctl status [--json] [NAME|/dev/videoN]\n"
	       "Show a camera's node, name, format, size, frame rate, state "
	       "(idle or\nstreaming), frames delivered and dropped, the "
	       "producing process and, for\ncameras of vcamd, the source; "
	       "without an argument, of every camera.\nWorks without vcamd.\n\n"
	       "  -j, --json  print a JSON document (schema in vcamctl(1))\n"
	       "  -h, --help  show this help and exit\n");
}

int status_main(int argc, char **argv)
{
	struct cli_camera *cameras = NULL;
	bool json = false, vcamd_running;
	const char *which = NULL;
	size_t count;
	int opt, ret = EXIT_FAILURE_CODE;

	opt = cli_parse_json_help(argc, argv, &json, print_help);
	if (opt != -1)
		return opt;
	if (optind < argc)
		which = argv[optind++];
	if (optind < argc)
		return cli_usage_error("status", "unexpected argument `%s'",
				       argv[optind]);
	if (cli_cameras_gather("status", &cameras, &count, &vcamd_running))
		goto out;
	if (which) {
		int index = cli_cameras_find(cameras, count, which);

		if (index < 0) {
			cli_error("status", "no vcam camera is called `%s': "
				  "`vcamctl list' shows the cameras", which);
			goto out;
		}
		cameras[0] = cameras[index];
		count = 1;
	}
	if (json)
		cli_cameras_print_json(stdout, cameras, count, vcamd_running);
	else
		cli_cameras_print_details(stdout, cameras, count,
					  vcamd_running);
	ret = EXIT_OK;
out:
	free(cameras);
	return ret;
}
