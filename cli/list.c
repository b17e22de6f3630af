// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl list: every vcam camera, one a line. */

#include <stdlib.h>

#include "vcamctl.h"

static void print_help(void)
{
	printf("Usage: vcamctl list [--json]\n"
	       "List the vcam cameras: node, name, format, size, frame rate, "
	       "state and, for\ncameras of vcamd, the source. Works without "
	       "vcamd (the source is then `-').\n\n"
	       "  -j, --json  print a JSON document (schema in vcamctl(1))\n"
	       "  -h, --help  show this help and exit\n");
}

int list_main(int argc, char **argv)
{
	struct cli_camera *cameras = NULL;
	bool json = false, vcamd_running;
	size_t count;
	int opt, ret = EXIT_FAILURE_CODE;

	opt = cli_parse_json_help(argc, argv, &json, print_help);
	if (opt != -1)
		return opt;
	if (optind < argc)
		return cli_usage_error("list", "unexpected argument `%s'",
				       argv[optind]);
	if (cli_cameras_gather("list", &cameras, &count, &vcamd_running))
		goto out;
	if (json)
		cli_cameras_print_json(stdout, cameras, count, vcamd_running);
	else
		cli_cameras_print_table(stdout, cameras, count);
	ret = EXIT_OK;
out:
	free(cameras);
	return ret;
}
