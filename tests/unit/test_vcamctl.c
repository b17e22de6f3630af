// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcamctl's subcommands on the host: argument parsing, every error message,
 * and list and status over a fake sysfs tree without vcamd.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <criterion/criterion.h>
#include <criterion/redirect.h>

#include "create.h"
#include "monitor.h"
#include "fake-sysfs.h"
#include "vcamctl.h"

#define NO_VCAMD_SOCKET "/nonexistent/vcamd.sock"

#define RUN(function, ...)                                                   \
	({                                                                   \
		char *args[] = { __VA_ARGS__, NULL };                        \
		int status = function(sizeof(args) / sizeof(args[0]) - 1,    \
				      args);                                 \
		fflush(stdout);                                              \
		fflush(stderr);                                              \
		status;                                                      \
	})

static void redirect(void)
{
	setenv("VCAM_SOCKET", NO_VCAMD_SOCKET, 1);
	cr_redirect_stdout();
	cr_redirect_stderr();
}

TestSuite(create, .init = redirect);

struct usage_case {
	const char *option;
	const char *value;
	const char *message;
};

static const struct usage_case create_usage_cases[] = {
	{ "--size", "12x", "vcamctl: create: invalid size `12x': expected WIDTHxHEIGHT, each 2..8192\n" },
	{ "--size", "1x480", "vcamctl: create: invalid size `1x480': expected WIDTHxHEIGHT, each 2..8192\n" },
	{ "--size", "-640x480", "vcamctl: create: invalid size `-640x480': expected WIDTHxHEIGHT, each 2..8192\n" },
	{ "--format", "XYZ", "vcamctl: create: unknown format `XYZ': known formats are YUYV, NV12, YU12, RGB24, MJPEG\n" },
	{ "--fps", "0", "vcamctl: create: invalid rate `0': expected 1..1000 frames per second, as N or N/D such as 30000/1001\n" },
	{ "--fps", "30x", "vcamctl: create: invalid rate `30x': expected 1..1000 frames per second, as N or N/D such as 30000/1001\n" },
	{ "--frames", "33", "vcamctl: create: invalid frame count `33': expected an integer 2..32\n" },
	{ "--frames", " 4", "vcamctl: create: invalid frame count ` 4': expected an integer 2..32\n" },
	{ "--source", "pattern:nope", "vcamctl: create: unknown pattern 'nope': known patterns are smpte, bars100, moving, checker, solid, gradient, noise\n" },
	{ "--source", "file.mjpeg", "vcamctl: create: invalid value 'file.mjpeg': expected pattern:NAME, mjpeg:/PATH/FILE.mjpeg, y4m:/PATH/FILE.y4m, v4l2:/dev/videoN or camera:NAME\n" },
};

/* One process per case: each needs its own redirected output. */
static void expect_create_usage_error(size_t index)
{
	const struct usage_case *c = &create_usage_cases[index];
	char option[64];

	snprintf(option, sizeof(option), "%s", c->option);
	cr_expect_eq(RUN(create_main, "create", "Cam", option, (char *)c->value),
		     EXIT_USAGE);
	cr_expect_stderr_eq_str(c->message);
	cr_expect_stdout_eq_str("");
}

Test(create, rejects_a_size_without_height) { expect_create_usage_error(0); }
Test(create, rejects_a_width_below_2) { expect_create_usage_error(1); }
Test(create, rejects_a_signed_size) { expect_create_usage_error(2); }
Test(create, rejects_an_unknown_format_listing_the_known_ones) { expect_create_usage_error(3); }
Test(create, rejects_a_rate_of_0) { expect_create_usage_error(4); }
Test(create, rejects_a_rate_with_trailing_letters) { expect_create_usage_error(5); }
Test(create, rejects_33_frames) { expect_create_usage_error(6); }
Test(create, rejects_a_frame_count_with_a_blank) { expect_create_usage_error(7); }
Test(create, rejects_an_unknown_pattern_listing_the_known_ones) { expect_create_usage_error(8); }
Test(create, rejects_a_source_without_kind) { expect_create_usage_error(9); }

Test(create, rejects_live_for_a_pattern, .init = cr_redirect_stderr)
{
	cr_expect_eq(RUN(create_main, "create", "Cam", "--live"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: --live and --remove-at-end "
				"go with a stream source (y4m: or mjpeg:); "
				"see vcamctl create --help\n");
}

Test(create, rejects_standard_input_from_a_terminal,
     .init = cr_redirect_stderr)
{
	int terminal = posix_openpt(O_RDWR | O_NOCTTY);

	cr_assert_geq(terminal, 0);
	cr_assert_eq(grantpt(terminal), 0);
	cr_assert_eq(unlockpt(terminal), 0);
	cr_assert_eq(dup2(open(ptsname(terminal), O_RDONLY | O_NOCTTY), 0), 0);
	cr_expect_eq(RUN(create_main, "create", "Cam", "--source", "y4m:-"),
		     EXIT_FAILURE_CODE);
	cr_expect_stderr_eq_str("vcamctl: create: y4m:- reads standard input, "
				"which is a terminal: pipe a stream in, as in "
				"ffmpeg ... -f yuv4mpegpipe - | vcamctl create "
				"... --source y4m:-\n");
}

Test(create, rejects_standard_input_without_a_y4m_header,
     .init = cr_redirect_stderr)
{
	int pipe_fds[2];

	cr_assert_eq(pipe(pipe_fds), 0);
	cr_assert_eq(write(pipe_fds[1], "RIFF....", 8), 8);
	close(pipe_fds[1]);
	cr_assert_eq(dup2(pipe_fds[0], 0), 0);
	cr_expect_eq(RUN(create_main, "create", "Cam", "--source", "y4m:-"),
		     EXIT_FAILURE_CODE);
	cr_expect_stderr_eq_str("vcamctl: create: standard input: the stream "
				"does not start with a YUV4MPEG2 header: write "
				"it with ffmpeg -f yuv4mpegpipe\n");
}

Test(create, rejects_standard_input_ending_before_a_jpeg,
     .init = cr_redirect_stderr)
{
	int pipe_fds[2];

	cr_assert_eq(pipe(pipe_fds), 0);
	cr_assert_eq(write(pipe_fds[1], "\xff\xd8\xff\xe0\x00\x10", 6), 6);
	close(pipe_fds[1]);
	cr_assert_eq(dup2(pipe_fds[0], 0), 0);
	cr_expect_eq(RUN(create_main, "create", "Cam", "--format", "MJPEG",
			 "--source", "mjpeg:-"), EXIT_FAILURE_CODE);
	cr_expect_stderr_eq_str("vcamctl: create: standard input ended before "
				"a JPEG came\n");
}

Test(create, rejects_a_size_that_does_not_suit_the_format)
{
	cr_expect_eq(RUN(create_main, "create", "Cam", "--size", "641x480"),
		     EXIT_USAGE);
	cr_expect_stderr_neq_str("");
}

Test(create, rejects_an_invalid_name)
{
	cr_expect_eq(RUN(create_main, "create", "Bad/Name"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: invalid camera name `Bad/Name': expected 1..63 ASCII letters, digits and spaces, starting and ending with a letter or digit\n");
}

Test(create, needs_a_name)
{
	cr_expect_eq(RUN(create_main, "create", "--size", "64x48"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: missing camera NAME; see vcamctl create --help\n");
}

Test(create, refuses_a_second_argument)
{
	cr_expect_eq(RUN(create_main, "create", "Desk", "Cam"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: unexpected argument `Cam' (quote a name with spaces); see vcamctl create --help\n");
}

Test(create, refuses_an_unknown_option)
{
	cr_expect_eq(RUN(create_main, "create", "Cam", "--colour", "red"),
		     EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: unknown option `--colour'; see vcamctl create --help\n");
}

Test(create, refuses_an_unknown_short_option)
{
	cr_expect_eq(RUN(create_main, "create", "Cam", "-x"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: unknown option `-x'; see vcamctl create --help\n");
}

Test(create, refuses_an_option_without_its_value)
{
	cr_expect_eq(RUN(create_main, "create", "Cam", "--size"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: option `--size' needs a value; see vcamctl create --help\n");
}

Test(create, prints_help_to_stdout_and_exits_0)
{
	cr_expect_eq(RUN(create_main, "create", "--help"), EXIT_OK);
	cr_expect_stderr_eq_str("");
	cr_expect_stdout_neq_str("");
}

Test(create, says_how_to_start_vcamd_when_it_is_not_running)
{
	cr_expect_eq(RUN(create_main, "create", "Cam"), EXIT_FAILURE_CODE);
	cr_expect_stderr_eq_str("vcamctl: create: vcamd is not running: start it with `systemctl start vcamd'\n");
}

Test(create_args, keeps_the_values_it_was_given)
{
	char *args[] = { "create", "--size", "320x240", "Desk Cam", "-f",
			 "nv12", "--fps=30000/1001", "-n", "8", "--source",
			 "pattern:moving", NULL };
	struct create_request request;

	cr_assert_eq(create_parse_args(11, args, &request), ARGS_PARSED);
	cr_expect_str_eq(request.name, "Desk Cam");
	cr_expect_str_eq(request.size, "320x240");
	cr_expect_str_eq(request.format, "nv12");
	cr_expect_str_eq(request.fps, "30000/1001");
	cr_expect_str_eq(request.frames, "8");
	cr_expect_str_eq(request.source, "pattern:moving");
}

Test(create_args, leaves_options_out_for_vcamd_to_default)
{
	char *args[] = { "create", "Cam", NULL };
	struct create_request request;

	cr_assert_eq(create_parse_args(2, args, &request), ARGS_PARSED);
	cr_expect_null(request.size);
	cr_expect_null(request.format);
	cr_expect_null(request.source);
	cr_expect_eq(request.udev_timeout, 30);
}

Test(create_args, takes_a_udev_timeout_from_0_to_3600)
{
	char *zero[] = { "create", "-t", "0", "Cam", NULL };
	char *most[] = { "create", "Cam", "--udev-timeout=3600", NULL };
	struct create_request request;

	cr_assert_eq(create_parse_args(4, zero, &request), ARGS_PARSED);
	cr_expect_eq(request.udev_timeout, 0);
	cr_assert_eq(create_parse_args(3, most, &request), ARGS_PARSED);
	cr_expect_eq(request.udev_timeout, 3600);
}

Test(create, rejects_a_udev_timeout_beyond_3600)
{
	cr_expect_eq(RUN(create_main, "create", "Cam", "--udev-timeout", "3601"),
		     EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: invalid udev timeout `3601': expected 0..3600 seconds; see vcamctl create --help\n");
	cr_expect_stdout_eq_str("");
}

Test(create, rejects_a_udev_timeout_that_is_no_number)
{
	cr_expect_eq(RUN(create_main, "create", "Cam", "-t", "5s"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: create: invalid udev timeout `5s': expected 0..3600 seconds; see vcamctl create --help\n");
}

TestSuite(commands, .init = redirect);

Test(commands, destroy_needs_a_camera)
{
	cr_expect_eq(RUN(destroy_main, "destroy"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: destroy: missing camera NAME or /dev/videoN; see vcamctl destroy --help\n");
}

Test(commands, destroy_says_how_to_start_vcamd)
{
	cr_expect_eq(RUN(destroy_main, "destroy", "/dev/video3"),
		     EXIT_FAILURE_CODE);
	cr_expect_stderr_eq_str("vcamctl: destroy: vcamd is not running: start it with `systemctl start vcamd'\n");
}

Test(commands, set_source_needs_a_camera_and_a_spec)
{
	cr_expect_eq(RUN(set_source_main, "set-source", "Cam"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: set-source: expected a camera NAME or /dev/videoN and a SPEC; see vcamctl set-source --help\n");
}

Test(commands, set_source_checks_the_spec)
{
	cr_expect_eq(RUN(set_source_main, "set-source", "Cam", "mjpeg:x"),
		     EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: set-source: MJPEG file 'x' is not an absolute path: start it with /\n");
}

Test(commands, every_subcommand_has_help)
{
	cr_expect_eq(RUN(destroy_main, "destroy", "-h"), EXIT_OK);
	cr_expect_eq(RUN(list_main, "list", "--help"), EXIT_OK);
	cr_expect_eq(RUN(status_main, "status", "--help"), EXIT_OK);
	cr_expect_eq(RUN(set_source_main, "set-source", "--help"), EXIT_OK);
	cr_expect_eq(RUN(monitor_main, "monitor", "--help"), EXIT_OK);
	cr_expect_stderr_eq_str("");
}

Test(commands, monitor_refuses_arguments)
{
	cr_expect_eq(RUN(monitor_main, "monitor", "Cam"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: monitor: unexpected argument `Cam'; see vcamctl monitor --help\n");
	cr_expect_stdout_eq_str("");
}

Test(commands, monitor_refuses_an_unknown_option)
{
	cr_expect_eq(RUN(monitor_main, "monitor", "--follow"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: monitor: unknown option `--follow'; see vcamctl monitor --help\n");
}

Test(commands, list_refuses_arguments)
{
	cr_expect_eq(RUN(list_main, "list", "Cam"), EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: list: unexpected argument `Cam'; see vcamctl list --help\n");
}

static void sysfs_without_vcamd(void)
{
	redirect();
	setenv("VCAM_SYSFS", fake_sysfs_make(), 1);
}

TestSuite(sysfs, .init = sysfs_without_vcamd, .fini = fake_sysfs_remove);

Test(sysfs, list_prints_a_table_without_vcamd)
{
	cr_expect_eq(RUN(list_main, "list"), EXIT_OK);
	cr_expect_stdout_eq_str(
		"NODE         NAME                 FORMAT SIZE       FPS    STATE      SOURCE           LINK\n"
		"/dev/video2  Bars                 YUYV   640x480    29.97  idle       -                -\n"
		"/dev/video10 Front Desk           YUYV   640x480    29.97  streaming  -                -\n");
	cr_expect_stderr_eq_str("");
}

Test(sysfs, list_prints_json_without_vcamd)
{
	cr_expect_eq(RUN(list_main, "list", "--json"), EXIT_OK);
	cr_expect_stdout_eq_str(
		"{\"vcamd_running\":false,\"cameras\":["
		"{\"node\":\"/dev/video2\",\"name\":\"Bars\",\"format\":\"YUYV\","
		"\"width\":640,\"height\":480,\"sizeimage\":614400,"
		"\"interval\":{\"numerator\":1001,\"denominator\":30000},"
		"\"state\":\"idle\",\"frames_delivered\":12345678901,"
		"\"frames_dropped\":7,\"producer_pid\":42,\"source\":null,"
		"\"origin\":null,\"by_id\":null},"
		"{\"node\":\"/dev/video10\",\"name\":\"Front Desk\",\"format\":\"YUYV\","
		"\"width\":640,\"height\":480,\"sizeimage\":614400,"
		"\"interval\":{\"numerator\":1001,\"denominator\":30000},"
		"\"state\":\"streaming\",\"frames_delivered\":12345678901,"
		"\"frames_dropped\":7,\"producer_pid\":42,\"source\":null,"
		"\"origin\":null,\"by_id\":null}]}\n");
}

Test(sysfs, status_shows_one_camera_by_name)
{
	cr_expect_eq(RUN(status_main, "status", "Front Desk"), EXIT_OK);
	cr_expect_stdout_eq_str(
		"/dev/video10: Front Desk\n"
		"  format:   YUYV 640x480, 614400 bytes per frame\n"
		"  rate:     29.97 fps (1001/30000 s per frame)\n"
		"  state:    streaming\n"
		"  frames:   12345678901 delivered, 7 dropped\n"
		"  link:     none (udev has made no /dev/v4l/by-id link)\n"
		"  producer: pid 42\n"
		"  source:   unknown (vcamd is not running)\n");
}

Test(sysfs, status_finds_a_camera_by_node)
{
	cr_expect_eq(RUN(status_main, "status", "--json", "/dev/video2"),
		     EXIT_OK);
	cr_expect_stderr_eq_str("");
	cr_expect_stdout_neq_str("");
}

Test(sysfs, status_of_an_unknown_camera_fails_and_says_what_to_do)
{
	cr_expect_eq(RUN(status_main, "status", "Back Door"),
		     EXIT_FAILURE_CODE);
	cr_expect_stderr_eq_str("vcamctl: status: no vcam camera is called `Back Door': `vcamctl list' shows the cameras\n");
}

Test(sysfs, status_refuses_two_cameras)
{
	cr_expect_eq(RUN(status_main, "status", "Bars", "Front Desk"),
		     EXIT_USAGE);
	cr_expect_stderr_eq_str("vcamctl: status: unexpected argument `Front Desk'; see vcamctl status --help\n");
}

Test(daemon_errors, say_how_to_start_vcamd_when_it_is_not_running)
{
	char message[512];

	cli_daemon_error_message(-ECONNREFUSED, "/run/vcam/vcamd.sock",
				 message, sizeof(message));
	cr_expect_str_eq(message, "vcamd is not running: start it with `systemctl start vcamd'");
}

Test(daemon_errors, say_that_only_root_may_use_a_root_only_socket)
{
	char message[512];

	cli_daemon_error_message(-EACCES, "/nonexistent.sock", message,
				 sizeof(message));
	cr_expect_str_eq(message, "permission denied on /nonexistent.sock: only root may talk to vcamd; run as root, or name a group with `control-group =' under [vcamd] in /etc/vcam/vcamd.conf");
}

Test(daemon_errors, name_the_group_to_join)
{
	char path[] = "/tmp/vcamctl-socket-XXXXXX";
	char message[512];
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	close(fd);
	if (chown(path, 0, 65534) || chmod(path, 0660))
		cr_skip_test("cannot give a file to group 65534");
	cli_daemon_error_message(-EACCES, path, message, sizeof(message));
	unlink(path);
	cr_expect(strstr(message, ": join the group `") != NULL, "%s", message);
	cr_expect(strstr(message, "' (usermod -aG ") != NULL, "%s", message);
}

Test(daemon_errors, say_where_to_look_when_vcamd_does_not_answer)
{
	char message[512];

	cli_daemon_error_message(-ETIMEDOUT, "/s", message, sizeof(message));
	cr_expect_str_eq(message, "vcamd did not answer on /s: see `journalctl -u vcamd'");
}

/* A camera as udev reports it, for the lines of monitor. */
static struct vcam_camera_event sample_event(enum vcam_camera_event_kind kind)
{
	struct vcam_camera_event event = {
		.kind = kind,
		.seqnum = 4321,
		.device = { .node = 3, .name = "Desk Cam", .fourcc = "NV12",
			    .width = 1280, .height = 720,
			    .interval_numerator = 1,
			    .interval_denominator = 15, .streaming = true },
		.by_id = "/dev/v4l/by-id/vcam-Desk_Cam-video-index0",
	};

	return event;
}

static char *print_to_string(void (*print)(FILE *,
					   const struct vcam_camera_event *),
			     const struct vcam_camera_event *event)
{
	char *text = NULL;
	size_t size;
	FILE *out = open_memstream(&text, &size);

	cr_assert_not_null(out);
	print(out, event);
	fclose(out);
	return text;
}

struct line_case {
	enum vcam_camera_event_kind kind;
	bool streaming;
	bool with_link;
	const char *line;
};

static const struct line_case line_cases[] = {
	{ VCAM_CAMERA_ADDED, false, true, "added     /dev/video3 Desk Cam: NV12 1280x720 at 15 fps, idle, link /dev/v4l/by-id/vcam-Desk_Cam-video-index0\n" },
	{ VCAM_CAMERA_ADDED, false, false, "added     /dev/video3 Desk Cam: NV12 1280x720 at 15 fps, idle, link none\n" },
	{ VCAM_CAMERA_STREAMING, true, true, "streaming /dev/video3 Desk Cam: a consumer started streaming\n" },
	{ VCAM_CAMERA_IDLE, false, true, "idle      /dev/video3 Desk Cam: the consumer stopped streaming\n" },
	{ VCAM_CAMERA_INTERVAL, true, true, "interval  /dev/video3 Desk Cam: 15 fps (1/15 s per frame)\n" },
	{ VCAM_CAMERA_REMOVED, false, true, "removed   /dev/video3 Desk Cam\n" },
};

Test(monitor, prints_a_sentence_per_event)
{
	for (size_t i = 0; i < sizeof(line_cases) / sizeof(line_cases[0]); i++) {
		const struct line_case *c = &line_cases[i];
		struct vcam_camera_event event = sample_event(c->kind);
		char *line;

		event.device.streaming = c->streaming;
		if (!c->with_link)
			event.by_id[0] = '\0';
		line = print_to_string(monitor_print_event, &event);
		cr_expect_str_eq(line, c->line);
		free(line);
	}
}

Test(monitor, prints_a_json_object_per_event)
{
	struct vcam_camera_event event = sample_event(VCAM_CAMERA_INTERVAL);
	char *line = print_to_string(monitor_print_event_json, &event);

	cr_expect_str_eq(line,
		"{\"event\":\"interval\",\"seqnum\":4321,\"node\":\"/dev/video3\","
		"\"name\":\"Desk Cam\",\"format\":\"NV12\",\"width\":1280,"
		"\"height\":720,\"interval\":{\"numerator\":1,\"denominator\":15},"
		"\"state\":\"streaming\","
		"\"by_id\":\"/dev/v4l/by-id/vcam-Desk_Cam-video-index0\"}\n");
	free(line);
	event = sample_event(VCAM_CAMERA_REMOVED);
	event.device.streaming = false;
	event.by_id[0] = '\0';
	line = print_to_string(monitor_print_event_json, &event);
	cr_expect_str_eq(line,
		"{\"event\":\"removed\",\"seqnum\":4321,\"node\":\"/dev/video3\","
		"\"name\":\"Desk Cam\",\"format\":\"NV12\",\"width\":1280,"
		"\"height\":720,\"interval\":{\"numerator\":1,\"denominator\":15},"
		"\"state\":\"idle\",\"by_id\":null}\n");
	free(line);
}

Test(cameras, list_and_status_show_the_by_id_link)
{
	struct cli_camera camera = { .device = sample_event(VCAM_CAMERA_ADDED).device };
	char *text = NULL;
	size_t size;
	FILE *out;

	strcpy(camera.by_id, "/dev/v4l/by-id/vcam-Desk_Cam-video-index0");
	out = open_memstream(&text, &size);
	cli_cameras_print_table(out, &camera, 1);
	fclose(out);
	cr_expect(strstr(text, "/dev/video3  Desk Cam             NV12   1280x720   15     streaming  -                /dev/v4l/by-id/vcam-Desk_Cam-video-index0\n"), "%s", text);
	free(text);
	out = open_memstream(&text, &size);
	cli_cameras_print_details(out, &camera, 1, false);
	fclose(out);
	cr_expect(strstr(text, "\n  link:     /dev/v4l/by-id/vcam-Desk_Cam-video-index0\n"), "%s", text);
	free(text);
	out = open_memstream(&text, &size);
	cli_cameras_print_json(out, &camera, 1, false);
	fclose(out);
	cr_expect(strstr(text, ",\"by_id\":\"/dev/v4l/by-id/vcam-Desk_Cam-video-index0\"}]}\n"), "%s", text);
	free(text);
}
