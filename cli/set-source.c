// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl set-source: switches a running camera to another source. */

#include <string.h>
#include <unistd.h>
#include <vcam/camera-config.h>

#include "vcamctl.h"

static void print_help(void)
{
	printf("Usage: vcamctl set-source [OPTION]... NAME|/dev/videoN SPEC\n"
	       "Switch a camera of vcamd to the source SPEC while it runs, "
	       "even while a\nconsumer streams: pattern:NAME, mjpeg:/PATH, "
	       "y4m:/PATH, y4m:- or mjpeg:-\nfor standard input, "
	       "v4l2:/dev/videoN or camera:NAME (MJPEG cameras take\n"
	       "mjpeg:, v4l2: and camera: sources only). A configured\n"
	       "camera goes "
	       "back to its configured source when vcamd reloads its\n"
	       "configuration.\n\n"
	       "  -l, --live            read the stream even while nobody "
	       "watches\n"
	       "      --remove-at-end   remove the camera when its stream "
	       "ends\n"
	       "  -h, --help            show this help and exit\n");
}

struct set_source_args {
	bool live;
	bool remove_at_end;
};

static int parse_options(int argc, char **argv, struct set_source_args *args)
{
	static const struct option options[] = {
		{ "live", no_argument, NULL, 'l' },
		{ "remove-at-end", no_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(args, 0, sizeof(*args));
	cli_options_reset();
	while ((opt = cli_next_option(argc, argv, "lh", options)) != -1) {
		switch (opt) {
		case 'l':
			args->live = true;
			break;
		case 'E':
			args->remove_at_end = true;
			break;
		case 'h':
			print_help();
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	return ARGS_PARSED;
}

int set_source_main(int argc, char **argv)
{
	static char response[VCAM_PROTOCOL_LINE_MAX * 2];
	static struct vcam_protocol_line status;
	static struct cli_stream_header header;
	struct set_source_args args;
	struct vcam_camera_source source;
	const char *items, *spec;
	char node[16], reason[512];
	bool from_stdin;
	int exit_status = parse_options(argc, argv, &args);

	if (exit_status != ARGS_PARSED)
		return exit_status;
	if (argc - optind != 2)
		return cli_usage_error("set-source", "expected a camera "
				       "NAME or /dev/videoN and a SPEC");
	spec = argv[optind + 1];
	if (vcam_config_parse_source(spec, &source, reason, sizeof(reason))) {
		cli_error("set-source", "%s", reason);
		return EXIT_USAGE;
	}
	from_stdin = cli_source_is_stdin(spec);
	if (from_stdin && cli_read_stream_header("set-source", spec, false,
						 &header))
		return EXIT_FAILURE_CODE;
	const struct vcam_protocol_field fields[] = {
		cli_camera_field(argv[optind], node),
		{ "source", spec },
		{ "live", args.live ? "yes" : NULL },
		{ "remove-at-end", args.remove_at_end ? "yes" : NULL },
		{ "prefix", from_stdin && header.prefix_hex[0] ?
			    header.prefix_hex : NULL },
	};
	if (cli_ask_vcamd_fd("set-source", "SET-SOURCE", fields, 5,
			     from_stdin ? STDIN_FILENO : -1, false, response,
			     sizeof(response), &status, &items))
		return EXIT_FAILURE_CODE;
	return EXIT_OK;
}
