// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl create: asks vcamd for a new camera and prints its node. */

#include <string.h>
#include <vcam/camera-config.h>

#include "create.h"
#include "vcamctl.h"

#define REASON_MAX 512

static void print_help(void)
{
	printf("Usage: vcamctl create NAME [OPTION]...\n"
	       "Ask vcamd for a new camera called NAME and print its node "
	       "(/dev/videoN).\nNAME is 1..63 ASCII letters, digits and "
	       "spaces (Linux 6.1 takes 31). "
	       "The camera lasts until `vcamctl\ndestroy' or vcamd stops; "
	       "reloading vcamd's configuration keeps it.\n\n"
	       "  -s, --size WxH        size in pixels, each 2..8192 "
	       "(default 640x480)\n"
	       "  -f, --format FOURCC   YUYV, NV12, YU12, RGB24 or MJPEG "
	       "(default YUYV)\n"
	       "  -r, --fps N           frames per second, 1..1000, or a "
	       "fraction such as\n"
	       "                        30000/1001 (default 30)\n"
	       "  -n, --frames N        frame buffers, 2..32 (default 4)\n"
	       "  -S, --source SPEC     pattern:NAME or mjpeg:/PATH "
	       "(default pattern:smpte)\n"
	       "  -h, --help            show this help and exit\n");
}

/* Checks value with parse and reports it as vcamctl's own usage error. */
static int check_value(const char *what, const char *value,
		       int (*parse)(const char *, void *, char *, size_t),
		       void *field, const char *expected)
{
	char reason[REASON_MAX];

	if (parse(value, field, reason, sizeof(reason)) == 0)
		return 0;
	if (expected)
		cli_error("create", "invalid %s `%s': expected %s", what,
			  value, expected);
	else
		cli_error("create", "%s", reason);
	return -1;
}

static int check_format(const char *value, uint32_t *fourcc)
{
	char reason[REASON_MAX], names[128];

	if (vcam_config_parse_format(value, fourcc, reason, sizeof(reason)) == 0)
		return 0;
	vcam_format_list_names(names, sizeof(names));
	cli_error("create", "unknown format `%s': known formats are %s", value,
		  names);
	return -1;
}

/* Checks every value as vcamd would, to name the bad one precisely. */
static int check_request(const struct create_request *request)
{
	struct vcam_camera_config cfg;
	char reason[REASON_MAX];
	const char *key;

	vcam_camera_config_defaults(&cfg);
	if (!vcam_camera_name_is_valid(request->name)) {
		cli_error("create", "invalid camera name `%s': expected "
			  VCAM_CAMERA_NAME_RULE, request->name);
		return -1;
	}
	if ((request->size && check_value("size", request->size,
					  vcam_config_parse_size, &cfg,
					  "WIDTHxHEIGHT, each 2..8192")) ||
	    (request->format && check_format(request->format, &cfg.fourcc)) ||
	    (request->fps && check_value("rate", request->fps,
					 vcam_config_parse_fps, &cfg,
					 "1..1000 frames per second, as N or "
					 "N/D such as 30000/1001")) ||
	    (request->frames && check_value("frame count", request->frames,
					    vcam_config_parse_frames,
					    &cfg.frames, "an integer 2..32")) ||
	    (request->source && check_value("source", request->source,
					    vcam_config_parse_source,
					    &cfg.source, NULL)))
		return -1;
	key = vcam_camera_config_check(&cfg, reason, sizeof(reason));
	if (key) {
		cli_error("create", "%s: %s", key, reason);
		return -1;
	}
	return 0;
}

int create_parse_args(int argc, char **argv, struct create_request *request)
{
	static const struct option options[] = {
		{ "size", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "fps", required_argument, NULL, 'r' },
		{ "frames", required_argument, NULL, 'n' },
		{ "source", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(request, 0, sizeof(*request));
	cli_options_reset();
	while ((opt = cli_next_option(argc, argv, "s:f:r:n:S:h", options)) !=
	       -1) {
		switch (opt) {
		case 's':
			request->size = optarg;
			break;
		case 'f':
			request->format = optarg;
			break;
		case 'r':
			request->fps = optarg;
			break;
		case 'n':
			request->frames = optarg;
			break;
		case 'S':
			request->source = optarg;
			break;
		case 'h':
			print_help();
			return EXIT_OK;
		default:
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cli_usage_error("create", "missing camera NAME");
	request->name = argv[optind++];
	if (optind < argc)
		return cli_usage_error("create", "unexpected argument `%s' "
				       "(quote a name with spaces)",
				       argv[optind]);
	return check_request(request) ? EXIT_USAGE : ARGS_PARSED;
}

int create_main(int argc, char **argv)
{
	static char response[VCAM_PROTOCOL_LINE_MAX * 2];
	static struct vcam_protocol_line status;
	struct create_request request;
	const char *items, *node;
	int ret = create_parse_args(argc, argv, &request);

	if (ret != ARGS_PARSED)
		return ret;
	const struct vcam_protocol_field fields[] = {
		{ "name", request.name }, { "size", request.size },
		{ "format", request.format }, { "fps", request.fps },
		{ "frames", request.frames }, { "source", request.source },
	};
	if (cli_ask_vcamd("create", "CREATE", fields, 6, false, response,
			  sizeof(response), &status, &items))
		return EXIT_FAILURE_CODE;
	node = vcam_protocol_get(&status, "node");
	printf("/dev/video%s\n", node ? node : "?");
	return EXIT_OK;
}
