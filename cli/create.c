// SPDX-License-Identifier: GPL-2.0-only
/* vcamctl create: asks vcamd for a new camera and prints its node. */

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <vcam/camera-config.h>
#include <vcam/parse-number.h>

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
	       "  -S, --source SPEC     pattern:NAME, mjpeg:/PATH, y4m:/PATH "
	       "(a file or a FIFO),\n"
	       "                        y4m:- or mjpeg:- for standard "
	       "input, v4l2:/dev/videoN\n"
	       "                        (a real camera, opened while a "
	       "consumer streams) or\n"
	       "                        camera:NAME (another camera's "
	       "source, shared)\n"
	       "                        (default pattern:smpte)\n"
	       "  -l, --live            read the stream even while nobody "
	       "watches, keeping\n"
	       "                        the newest frame (default: the "
	       "writer waits)\n"
	       "      --remove-at-end   remove the camera when its stream "
	       "ends (default: it\n"
	       "                        keeps showing the last frame)\n"
	       "  -t, --udev-timeout S  wait at most S seconds, 0..%d, for "
	       "udev (default %d;\n"
	       "                        0: do not wait)\n"
	       "  -h, --help            show this help and exit\n"
	       "\nWhen systemd-udevd runs, the node is printed once udev has "
	       "set it up (group,\nmode, /dev/v4l/by-id link); if udev takes "
	       "longer than the timeout, the node\nis printed with an error "
	       "and the exit status is 1.\n"
	       "\nWith y4m:- (or mjpeg:-), vcamctl hands its standard input "
	       "to vcamd, which\nreads it while a consumer streams; the size "
	       "and rate come from the stream's\nheader unless given:\n"
	       "  ffmpeg -i talk.mp4 -f yuv4mpegpipe -pix_fmt yuv420p - | "
	       "vcamctl create Talk --source y4m:-\n", CREATE_UDEV_TIMEOUT_MAX,
	       CREATE_UDEV_TIMEOUT_DEFAULT);
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
		{ "live", no_argument, NULL, 'l' },
		{ "remove-at-end", no_argument, NULL, 'E' },
		{ "udev-timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long seconds;
	int opt;

	memset(request, 0, sizeof(*request));
	request->udev_timeout = CREATE_UDEV_TIMEOUT_DEFAULT;
	cli_options_reset();
	while ((opt = cli_next_option(argc, argv, "s:f:r:n:S:lt:h",
				      options)) != -1) {
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
		case 'l':
			request->live = true;
			break;
		case 'E':
			request->remove_at_end = true;
			break;
		case 't':
			if (vcam_parse_unsigned(optarg, 10, 0,
						CREATE_UDEV_TIMEOUT_MAX,
						&seconds))
				return cli_usage_error("create", "invalid udev "
						       "timeout `%s': expected "
						       "0..%d seconds", optarg,
						       CREATE_UDEV_TIMEOUT_MAX);
			request->udev_timeout = (unsigned int)seconds;
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
	if ((request->live || request->remove_at_end) &&
	    !cli_source_is_stdin(request->source) &&
	    (!request->source || strncmp(request->source, "pattern:", 8) == 0))
		return cli_usage_error("create", "--live and --remove-at-end "
				       "go with a stream source (y4m: or "
				       "mjpeg:)");
	return check_request(request) ? EXIT_USAGE : ARGS_PARSED;
}

/* WIDTHxHEIGHT of the stream, made to suit the camera's format. */
static void size_from_header(const struct create_request *request,
			     const struct cli_stream_header *header,
			     char *size, size_t length)
{
	const struct vcam_format_info *format =
		vcam_format_by_name(request->format ? request->format : "YUYV");
	unsigned int width = header->width, height = header->height;

	size[0] = '\0';
	if (!width || !height || !format)
		return;
	width -= width % format->width_align;
	height -= height % format->height_align;
	if (width >= VCAM_SIZE_MIN && height >= VCAM_SIZE_MIN)
		snprintf(size, length, "%ux%u", width, height);
}

/* N/D frames per second, if the stream says and vcamd would take it. */
static void fps_from_header(const struct cli_stream_header *header,
			    char *fps, size_t length)
{
	struct vcam_camera_config cfg;
	char reason[REASON_MAX];

	fps[0] = '\0';
	if (!header->rate_numerator)
		return;
	snprintf(fps, length, "%u/%u", header->rate_numerator,
		 header->rate_denominator);
	if (vcam_config_parse_fps(fps, &cfg, reason, sizeof(reason)))
		fps[0] = '\0';
}

/*
 * Starts watching udev's events, when systemd-udevd runs, before the camera
 * exists. Prints the reason and returns -1 on failure.
 */
static int start_udev_wait(const struct create_request *request,
			   struct vcam_udev_wait **wait)
{
	int ret;

	*wait = NULL;
	if (!request->udev_timeout || !vcam_udev_running())
		return 0;
	ret = vcam_udev_wait_start(wait);
	if (ret)
		cli_error("create", "cannot listen to udev's events: %s; no "
			  "camera was created", strerror(-ret));
	return ret ? -1 : 0;
}

/* Waits until udev has set up the node; prints the reason if it has not. */
static int wait_for_udev(struct vcam_udev_wait *wait, const char *node,
			 unsigned int seconds)
{
	char path[32];
	unsigned int number;
	int ret;

	snprintf(path, sizeof(path), "/dev/video%s", node);
	if (vcam_devices_parse_node(path, &number))
		return 0;
	ret = vcam_udev_wait_node(wait, number, (int)seconds * 1000);
	if (ret == -ETIMEDOUT)
		cli_error("create", "udev has not set up %s within %u s, so "
			  "its group, mode and /dev/v4l/by-id link may be "
			  "missing: see `journalctl -u systemd-udevd'; the "
			  "camera exists (`vcamctl destroy %s' removes it)",
			  path, seconds, path);
	else if (ret)
		cli_error("create", "cannot wait for udev to set up %s: %s; "
			  "the camera exists (`vcamctl destroy %s' removes it)",
			  path, strerror(-ret), path);
	return ret ? -1 : 0;
}

int create_main(int argc, char **argv)
{
	static char response[VCAM_PROTOCOL_LINE_MAX * 2];
	static struct vcam_protocol_line status;
	static struct cli_stream_header header;
	struct vcam_udev_wait *udev_wait = NULL;
	struct create_request request;
	const char *items, *node;
	char size[32], fps[32];
	bool from_stdin;
	int ret = create_parse_args(argc, argv, &request);

	if (ret != ARGS_PARSED)
		return ret;
	from_stdin = cli_source_is_stdin(request.source);
	if (from_stdin && cli_read_stream_header("create", request.source,
						 !request.size, &header))
		return EXIT_FAILURE_CODE;
	size_from_header(&request, &header, size, sizeof(size));
	fps_from_header(&header, fps, sizeof(fps));
	const struct vcam_protocol_field fields[] = {
		{ "name", request.name },
		{ "size", request.size ? request.size : size[0] ? size : NULL },
		{ "format", request.format },
		{ "fps", request.fps ? request.fps : fps[0] ? fps : NULL },
		{ "frames", request.frames }, { "source", request.source },
		{ "live", request.live ? "yes" : NULL },
		{ "remove-at-end", request.remove_at_end ? "yes" : NULL },
		{ "prefix", header.prefix_hex[0] ? header.prefix_hex : NULL },
	};
	ret = EXIT_FAILURE_CODE;
	if (start_udev_wait(&request, &udev_wait) ||
	    cli_ask_vcamd_fd("create", "CREATE", fields, 9,
			     from_stdin ? STDIN_FILENO : -1, false, response,
			     sizeof(response), &status, &items))
		goto out;
	node = vcam_protocol_get(&status, "node");
	if (!udev_wait || !node ||
	    wait_for_udev(udev_wait, node, request.udev_timeout) == 0)
		ret = EXIT_OK;
	/* Even when udev is late: the caller may remove the camera. */
	printf("/dev/video%s\n", node ? node : "?");
out:
	vcam_udev_wait_free(udev_wait);
	return ret;
}
