// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsing configuration text: keys, defaults, errors and their messages.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "vcam/config.h"

static struct vcam_config config;

static void set_up(void)
{
	vcam_config_init(&config);
}

static void tear_down(void)
{
	vcam_config_free(&config);
}

TestSuite(config, .init = set_up, .fini = tear_down);

static int parse(const char *text)
{
	return vcam_config_parse_string(&config, text, "test.conf");
}

static void expect_errors(const char *const *expected, size_t count)
{
	for (size_t i = 0; i < config.error_count; i++)
		cr_log_info("error: %s", config.errors[i]);
	cr_assert_eq(config.error_count, count);
	for (size_t i = 0; i < count; i++)
		cr_expect_str_eq(config.errors[i], expected[i]);
}

static void expect_error(const char *expected)
{
	expect_errors(&expected, 1);
}

static const struct vcam_camera_config *only_camera(void)
{
	cr_assert_eq(config.error_count, 0, "first error: %s",
		     config.error_count ? config.errors[0] : "");
	cr_assert_eq(config.camera_count, 1);
	return &config.cameras[0];
}

Test(config, parses_every_camera_key)
{
	const struct vcam_camera_config *camera;

	cr_assert_eq(parse("[camera Front Cam]\n"
			   "size = 1280x720\n"
			   "format = NV12\n"
			   "fps = 60\n"
			   "frames = 8\n"
			   "source = pattern:checker\n"
			   "color = #FF8000\n"
			   "checker-size = 16\n"
			   "overlay = yes\n"
			   "loop = no\n"
			   "enabled = off\n"), 0);
	camera = only_camera();
	cr_expect_str_eq(camera->name, "Front Cam");
	cr_expect_eq(camera->width, 1280);
	cr_expect_eq(camera->height, 720);
	cr_expect_eq(camera->fourcc, V4L2_PIX_FMT_NV12);
	cr_expect_eq(camera->interval_numerator, 1);
	cr_expect_eq(camera->interval_denominator, 60);
	cr_expect_eq(camera->frames, 8);
	cr_expect_eq(camera->source.kind, VCAM_SOURCE_PATTERN);
	cr_expect_eq(camera->source.pattern.kind, VCAM_PATTERN_CHECKER);
	cr_expect_eq(camera->source.pattern.rgb, 0xff8000);
	cr_expect_eq(camera->source.pattern.cell, 16);
	cr_expect(camera->source.pattern.overlay);
	cr_expect_not(camera->source.loop);
	cr_expect_not(camera->enabled);
	cr_expect_str_eq(camera->file, "test.conf");
	cr_expect_eq(camera->line, 1);
}

Test(config, gives_a_camera_without_keys_the_defaults)
{
	const struct vcam_camera_config *camera;

	cr_assert_eq(parse("# nothing but defaults\n\n[camera Plain]\n"), 0);
	camera = only_camera();
	cr_expect_str_eq(camera->name, "Plain");
	cr_expect_eq(camera->width, 640);
	cr_expect_eq(camera->height, 480);
	cr_expect_eq(camera->fourcc, V4L2_PIX_FMT_YUYV);
	cr_expect_eq(camera->interval_numerator, 1);
	cr_expect_eq(camera->interval_denominator, 30);
	cr_expect_eq(camera->frames, 4);
	cr_expect_eq(camera->source.kind, VCAM_SOURCE_PATTERN);
	cr_expect_eq(camera->source.pattern.kind, VCAM_PATTERN_SMPTE);
	cr_expect_eq(camera->source.pattern.rgb, 0xffffff);
	cr_expect_eq(camera->source.pattern.cell, 32);
	cr_expect_not(camera->source.pattern.overlay);
	cr_expect(camera->source.loop);
	cr_expect(camera->enabled);
	cr_expect_str_eq(camera->source.path, "");
	cr_expect_eq(camera->line, 3);
}

Test(config, starts_with_default_daemon_settings)
{
	cr_expect_eq(config.daemon.dmabuf, VCAM_DMABUF_AUTO);
	cr_expect_str_eq(config.daemon.control_group, "");
	cr_expect_eq(config.camera_count, 0);
	cr_expect_eq(config.error_count, 0);
}

Test(config, parses_the_daemon_section)
{
	cr_assert_eq(parse("[vcamd]\ndmabuf = udmabuf\ncontrol-group = video\n"),
		     0);
	cr_expect_eq(config.daemon.dmabuf, VCAM_DMABUF_UDMABUF);
	cr_expect_str_eq(config.daemon.control_group, "video");
}

Test(config, lets_a_later_daemon_section_replace_a_setting)
{
	cr_assert_eq(parse("[vcamd]\ndmabuf = heap\n"), 0);
	cr_assert_eq(vcam_config_parse_string(&config, "[vcamd]\ndmabuf = drm\n",
					      "later.conf"), 0);
	cr_expect_eq(config.daemon.dmabuf, VCAM_DMABUF_DRM);
}

Test(config, keeps_a_daemon_setting_whose_new_value_is_bad)
{
	cr_expect_eq(parse("[vcamd]\ndmabuf = heap\n[vcamd]\ndmabuf = gpu\n"),
		     -EINVAL);
	expect_error("test.conf:4: [vcamd] dmabuf: unknown DMA-BUF allocator 'gpu': known allocators are auto, heap, udmabuf, drm");
	cr_expect_eq(config.daemon.dmabuf, VCAM_DMABUF_HEAP);
}

Test(config, rejects_width_above_8192)
{
	cr_expect_eq(parse("[camera A]\nsize = 8193x480\n"), -EINVAL);
	expect_error("test.conf:2: [camera A] size: invalid value '8193x480': expected WIDTHxHEIGHT, each 2..8192");
	cr_expect_eq(config.camera_count, 0);
	cr_expect_eq(config.rejected_count, 1);
}

Test(config, accepts_the_extreme_sizes)
{
	cr_assert_eq(parse("[camera A]\nsize = 8192x8192\n"
			   "[camera B]\nsize = 2x2\n"), 0);
	cr_expect_eq(config.cameras[0].width, 8192);
	cr_expect_eq(config.cameras[1].height, 2);
}

/* Criterion runs each test in a new process: parameters hold no pointers. */
struct bad_value {
	char key[16];
	char value[32];
	char reason[128];
};

#define SIZE_REASON "expected WIDTHxHEIGHT, each 2..8192"
#define FPS_REASON "expected 1..1000 frames per second, as an integer (30) or a fraction (30000/1001)"
#define COLOR_REASON "expected RRGGBB or #RRGGBB in hexadecimal, e.g. FF8000 for orange"
#define BOOL_REASON "expected yes, no, true, false, on, off, 1 or 0"

ParameterizedTestParameters(config, reports_each_bad_value_with_file_line_and_fix)
{
	static struct bad_value cases[] = {
		{ "size", "12x", SIZE_REASON },
		{ "size", "640", SIZE_REASON },
		{ "size", "1x480", SIZE_REASON },
		{ "size", "640x8193", SIZE_REASON },
		{ "size", "640X480", SIZE_REASON },
		{ "size", "640x480x2", SIZE_REASON },
		{ "size", "-640x480", SIZE_REASON },
		{ "size", "+640x480", SIZE_REASON },
		{ "size", "640x 480", SIZE_REASON },
		{ "size", "0x640x480", SIZE_REASON },
		{ "size", "99999999999999999999x480", SIZE_REASON },
		{ "size", "", SIZE_REASON },
		{ "fps", "0", FPS_REASON },
		{ "fps", "1001", FPS_REASON },
		{ "fps", "29.97", FPS_REASON },
		{ "fps", "1/2", FPS_REASON },
		{ "fps", "30/0", FPS_REASON },
		{ "fps", "30000/", FPS_REASON },
		{ "fps", "/1001", FPS_REASON },
		{ "fps", "30000/1001/2", FPS_REASON },
		{ "fps", "thirty", FPS_REASON },
		{ "fps", "-30", FPS_REASON },
		{ "frames", "1", "expected an integer 2..32" },
		{ "frames", "33", "expected an integer 2..32" },
		{ "frames", "4k", "expected an integer 2..32" },
		{ "frames", "0x4", "expected an integer 2..32" },
		{ "checker-size", "0", "expected an integer 1..4096" },
		{ "checker-size", "4097", "expected an integer 1..4096" },
		{ "color", "red", COLOR_REASON },
		{ "color", "FF800", COLOR_REASON },
		{ "color", "#FF80001", COLOR_REASON },
		{ "color", "0xFF80", COLOR_REASON },
		{ "color", "##FF800", COLOR_REASON },
		{ "color", "GG0000", COLOR_REASON },
		{ "overlay", "maybe", BOOL_REASON },
		{ "loop", "2", BOOL_REASON },
		{ "enabled", "yess", BOOL_REASON },
		{ "source", "smpte", "expected pattern:NAME, mjpeg:/PATH/FILE.mjpeg, y4m:/PATH/FILE.y4m, v4l2:/dev/videoN or camera:NAME" },
		{ "source", "file:/a.mjpeg", "expected pattern:NAME, mjpeg:/PATH/FILE.mjpeg, y4m:/PATH/FILE.y4m, v4l2:/dev/videoN or camera:NAME" },
	};

	return cr_make_param_array(struct bad_value, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct bad_value *bad, config,
		  reports_each_bad_value_with_file_line_and_fix)
{
	char text[256], expected[512];

	snprintf(text, sizeof(text), "[camera Bad 1]\n; a comment\n%s = %s\n",
		 bad->key, bad->value);
	snprintf(expected, sizeof(expected),
		 "test.conf:3: [camera Bad 1] %s: invalid value '%s': %s",
		 bad->key, bad->value, bad->reason);
	cr_expect_eq(parse(text), -EINVAL);
	expect_error(expected);
	cr_expect_eq(config.camera_count, 0);
}

Test(config, names_the_known_formats_for_an_unknown_one)
{
	parse("[camera A]\nformat = YUV9\n");
	expect_error("test.conf:2: [camera A] format: unknown format 'YUV9': known formats are YUYV, NV12, YU12, RGB24, MJPEG");
}

Test(config, accepts_format_aliases_in_any_case)
{
	cr_assert_eq(parse("[camera A]\nformat = i420\n"), 0);
	cr_expect_eq(only_camera()->fourcc, V4L2_PIX_FMT_YUV420);
}

Test(config, names_the_known_patterns_for_an_unknown_one)
{
	parse("[camera A]\nsource = pattern:plaid\n");
	expect_error("test.conf:2: [camera A] source: unknown pattern 'plaid': known patterns are smpte, bars100, moving, checker, solid, gradient, noise");
}

Test(config, wants_an_absolute_mjpeg_path)
{
	parse("[camera A]\nsource = mjpeg:clips/a.mjpeg\n");
	expect_error("test.conf:2: [camera A] source: MJPEG file 'clips/a.mjpeg' is not an absolute path: start it with /");
}

Test(config, reads_an_mjpeg_source)
{
	const struct vcam_camera_config *camera;

	cr_assert_eq(parse("[camera A]\nsource = mjpeg:/srv/clips/a b.mjpeg\n"
			   "loop = no\n"), 0);
	camera = only_camera();
	cr_expect_eq(camera->source.kind, VCAM_SOURCE_MJPEG);
	cr_expect_str_eq(camera->source.path, "/srv/clips/a b.mjpeg");
	cr_expect_not(camera->source.loop);
}

Test(config, reads_a_device_source)
{
	const struct vcam_camera_config *camera;

	cr_assert_eq(parse("[camera A]\nsource = v4l2:/dev/v4l/by-id/usb-cam-video-index0\n"), 0);
	camera = only_camera();
	cr_expect_eq(camera->source.kind, VCAM_SOURCE_V4L2);
	cr_expect_str_eq(camera->source.path, "/dev/v4l/by-id/usb-cam-video-index0");
}

Test(config, wants_an_absolute_device_path)
{
	parse("[camera A]\nsource = v4l2:video0\n");
	expect_error("test.conf:2: [camera A] source: V4L2 device 'video0' is not an absolute path: name it as /dev/videoN or /dev/v4l/by-id/...");
}

Test(config, reads_another_cameras_source)
{
	const struct vcam_camera_config *camera;

	cr_assert_eq(parse("[camera Desk 2]\nsource = camera:Desk\n"), 0);
	camera = only_camera();
	cr_expect_eq(camera->source.kind, VCAM_SOURCE_CAMERA);
	cr_expect_str_eq(camera->source.path, "Desk");
}

Test(config, wants_a_camera_name_after_camera)
{
	parse("[camera A]\nsource = camera:-\n");
	expect_error("test.conf:2: [camera A] source: '-' is not a camera name: name another camera of vcamd, as camera:NAME");
}

Test(config, lets_an_mjpeg_camera_relay_a_device)
{
	cr_expect_eq(parse("[camera A]\nformat = MJPEG\nsource = v4l2:/dev/video0\n"), 0);
	cr_expect_eq(config.camera_count, 1);
}

struct fps_case {
	char value[16];
	uint32_t numerator;
	uint32_t denominator;
};

ParameterizedTestParameters(config, turns_rates_into_intervals_in_lowest_terms)
{
	static struct fps_case cases[] = {
		{ "30", 1, 30 },
		{ "1", 1, 1 },
		{ "1000", 1, 1000 },
		{ "30000/1001", 1001, 30000 },
		{ "60000/1001", 1001, 60000 },
		{ "60/2", 1, 30 },
		{ "25/1", 1, 25 },
		{ "5/4", 4, 5 },
		{ "1000000/1000", 1, 1000 },
	};

	return cr_make_param_array(struct fps_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct fps_case *rate, config,
		  turns_rates_into_intervals_in_lowest_terms)
{
	char text[128];
	const struct vcam_camera_config *camera;

	snprintf(text, sizeof(text), "[camera A]\nfps = %s\n", rate->value);
	cr_assert_eq(parse(text), 0);
	camera = only_camera();
	cr_expect_eq(camera->interval_numerator, rate->numerator, "%s",
		     rate->value);
	cr_expect_eq(camera->interval_denominator, rate->denominator, "%s",
		     rate->value);
}

struct bool_case {
	char value[8];
	bool expected;
};

ParameterizedTestParameters(config, reads_every_yes_and_no_word)
{
	static struct bool_case cases[] = {
		{ "yes", true }, { "true", true }, { "on", true }, { "1", true },
		{ "YES", true }, { "On", true },
		{ "no", false }, { "false", false }, { "off", false },
		{ "0", false }, { "No", false }, { "FALSE", false },
	};

	return cr_make_param_array(struct bool_case, cases,
				   sizeof(cases) / sizeof(cases[0]));
}

ParameterizedTest(struct bool_case *word, config, reads_every_yes_and_no_word)
{
	char text[128];

	snprintf(text, sizeof(text), "[camera A]\noverlay = %s\n",
		 word->value);
	cr_assert_eq(parse(text), 0);
	cr_expect_eq(only_camera()->source.pattern.overlay, word->expected,
		     "%s", word->value);
}

Test(config, names_the_known_keys_for_an_unknown_one)
{
	parse("[camera A]\nresolution = 640x480\n");
	expect_error("test.conf:2: [camera A] resolution: unknown key: known keys are size, format, fps, frames, source, color, checker-size, overlay, loop, live, enabled");
	cr_expect_eq(config.camera_count, 0);
}

Test(config, names_the_known_daemon_keys_for_an_unknown_one)
{
	parse("[vcamd]\nuser = vcam\n");
	expect_error("test.conf:2: [vcamd] user: unknown key: known keys are dmabuf, control-group");
}

Test(config, names_the_known_sections_for_an_unknown_one)
{
	cr_expect_eq(parse("[cameras]\nsize = 640x480\n[camera B]\n"),
		     -EINVAL);
	expect_error("test.conf:1: [cameras]: unknown section: expected [vcamd] or [camera NAME]");
	cr_assert_eq(config.camera_count, 1);
	cr_expect_str_eq(config.cameras[0].name, "B");
}

Test(config, rejects_keys_before_any_section)
{
	parse("size = 640x480\n[camera A]\n");
	expect_error("test.conf:1: size: key outside a section: put it under [camera NAME] or [vcamd]");
	cr_expect_eq(config.camera_count, 1);
}

Test(config, rejects_a_header_without_closing_bracket)
{
	parse("[camera A]\n[camera B\nsize = 1x1\n");
	expect_error("test.conf:2: section header without ']': expected [vcamd] or [camera NAME]");
	cr_expect_eq(config.camera_count, 1);
}

Test(config, rejects_text_after_a_header)
{
	parse("[camera A] size = 640x480\n");
	expect_error("test.conf:1: [camera A]: unexpected text after ']'");
	cr_expect_eq(config.camera_count, 0);
}

Test(config, rejects_a_line_that_is_not_a_key)
{
	parse("[camera A]\nsize 640x480\n");
	expect_error("test.conf:2: [camera A]: expected KEY = VALUE, [vcamd] or [camera NAME]");
	cr_expect_eq(config.camera_count, 0);
	cr_expect_eq(config.rejected_count, 1);
}

Test(config, reports_every_syntax_error_not_only_the_first)
{
	static const char *const expected[] = {
		"test.conf:2: [camera A]: expected KEY = VALUE, [vcamd] or [camera NAME]",
		"test.conf:4: [camera B]: expected KEY = VALUE, [vcamd] or [camera NAME]",
	};

	parse("[camera A]\noops\n[camera B]\nagain\n");
	expect_errors(expected, 2);
}

struct camera_name {
	char name[80];
};

ParameterizedTestParameters(config, rejects_invalid_camera_names)
{
	static struct camera_name names[] = {
		{ "" }, { "_A" }, { "A_" }, { "A_B" }, { " " }, { "Front-Cam" },
		{ "Cam.1" }, { "A\tB" }, { "Cam\xe9ra" }, { "Caf\xc3\xa9" },
		{ "Desk\xa0" "Cam" },
		{ "A2345678A2345678A2345678A2345678A2345678A2345678A2345678A23456BC" },
	};

	return cr_make_param_array(struct camera_name, names,
				   sizeof(names) / sizeof(names[0]));
}

ParameterizedTest(struct camera_name *camera, config,
		  rejects_invalid_camera_names)
{
	const char *name = camera->name;
	char text[160], expected[384];

	snprintf(text, sizeof(text), "[camera %s]\n", name);
	snprintf(expected, sizeof(expected),
		 "test.conf:1: [camera %s]: invalid camera name '%s': expected 1..63 ASCII letters, digits and spaces, starting and ending with a letter or digit",
		 name, name);
	if (strspn(name, " ") == strlen(name))	/* headers are trimmed */
		snprintf(expected, sizeof(expected),
			 "test.conf:1: [camera]: invalid camera name '': expected 1..63 ASCII letters, digits and spaces, starting and ending with a letter or digit");
	cr_expect_eq(parse(text), -EINVAL);
	expect_error(expected);
	cr_expect_eq(config.camera_count, 0);
}

Test(config, accepts_a_31_character_name_with_spaces)
{
	cr_assert_eq(parse("[camera A2345678901234567890 23456789]\n"), 0);
	cr_expect_str_eq(only_camera()->name, "A2345678901234567890 23456789");
}

/* As long as Linux 6.12 takes: sizeof(video_device.name) - 1. */
Test(config, accepts_a_63_character_name)
{
	const char *name =
		"A234567890123456789012345678901234567890 2345678901234567890123";

	cr_assert_eq(strlen(name), 63);
	cr_assert_eq(parse("[camera A234567890123456789012345678901234567890 2345678901234567890123]\n"),
		     0);
	cr_expect_str_eq(only_camera()->name, name);
}

Test(config, rejects_the_later_of_two_cameras_with_one_name)
{
	cr_expect_eq(parse("[camera A]\nsize = 320x240\n\n"
			   "[camera A]\nsize = 640x480\n"), -EINVAL);
	expect_error("test.conf:4: [camera A]: camera 'A' is already defined at test.conf:1: rename or remove one of them");
	cr_assert_eq(config.camera_count, 1);
	cr_expect_eq(config.cameras[0].width, 320);
}

Test(config, rejects_a_name_taken_by_a_rejected_camera)
{
	parse("[camera A]\nsize = 1x1\n[camera A]\n");
	cr_assert_eq(config.error_count, 2);
	cr_expect_str_eq(config.errors[1],
			 "test.conf:3: [camera A]: camera 'A' is already defined at test.conf:1: rename or remove one of them");
	cr_expect_eq(config.camera_count, 0);
	cr_expect_eq(config.rejected_count, 1);
}

Test(config, rejects_a_key_given_twice)
{
	parse("[camera A]\nfps = 30\nsize = 640x480\nfps = 25\n");
	expect_error("test.conf:4: [camera A] fps: set again (first at line 2): keep one");
	cr_expect_eq(config.camera_count, 0);
}

Test(config, keeps_good_cameras_around_a_bad_one)
{
	cr_expect_eq(parse("[camera Good 1]\nsize = 320x240\n"
			   "[camera Bad]\nsize = 320x240\nfps = 0\n"
			   "format = NV12\n"
			   "[camera Good 2]\nformat = RGB24\n"), -EINVAL);
	cr_expect_eq(config.error_count, 1);
	cr_assert_eq(config.camera_count, 2);
	cr_expect_str_eq(config.cameras[0].name, "Good 1");
	cr_expect_str_eq(config.cameras[1].name, "Good 2");
	cr_assert_eq(config.rejected_count, 1);
	cr_expect_str_eq(config.rejected[0].name, "Bad");
	cr_expect_eq(config.rejected[0].line, 3);
}

Test(config, rejects_an_odd_width_for_yuyv)
{
	parse("[camera A]\nsize = 641x480\n");
	expect_error("test.conf:2: [camera A] size: 641x480 does not suit format YUYV: the width must be a multiple of 2");
}

Test(config, rejects_an_odd_height_for_nv12_wherever_the_keys_are)
{
	parse("[camera A]\nformat = NV12\nframes = 3\nsize = 640x481\n");
	expect_error("test.conf:4: [camera A] size: 640x481 does not suit format NV12: the height must be a multiple of 2");
}

Test(config, accepts_odd_sizes_for_rgb24)
{
	cr_assert_eq(parse("[camera A]\nformat = RGB24\nsize = 641x481\n"), 0);
}

Test(config, rejects_an_mjpeg_camera_showing_a_pattern)
{
	parse("[camera A]\nsource = pattern:smpte\nformat = MJPEG\n");
	expect_error("test.conf:3: [camera A] format: MJPEG cameras need an MJPEG source, as vcamd does not encode JPEG: set source = mjpeg:/PATH/FILE.mjpeg or v4l2:/dev/videoN, or choose a raw format");
}

Test(config, rejects_an_mjpeg_camera_with_the_overlay)
{
	parse("[camera A]\nformat = MJPEG\nsource = mjpeg:/a.mjpeg\n"
	      "overlay = on\n");
	expect_error("test.conf:4: [camera A] overlay: MJPEG cameras show the file's frames as they are, without the overlay: set overlay = no or choose a raw format");
}

Test(config, accepts_mjpeg_files_for_mjpeg_and_raw_cameras)
{
	cr_assert_eq(parse("[camera A]\nformat = MJPEG\nsize = 1281x721\n"
			   "source = mjpeg:/a.mjpeg\n"
			   "[camera B]\nformat = YUYV\n"
			   "source = mjpeg:/a.mjpeg\n"), 0);
	cr_expect_eq(config.camera_count, 2);
}

Test(config, allows_indentation_comments_and_crlf)
{
	const struct vcam_camera_config *camera;

	cr_assert_eq(parse("\xef\xbb\xbf; vcamd\r\n"
			   "  [ camera A ]   # the first\r\n"
			   "\tsize=320x240 ; small\r\n"
			   "    # comment\r\n"
			   "    color = #00FF00\r\n"
			   "    fps: 15\r\n"), 0);
	camera = only_camera();
	cr_expect_str_eq(camera->name, "A");
	cr_expect_eq(camera->width, 320);
	cr_expect_eq(camera->source.pattern.rgb, 0x00ff00);
	cr_expect_eq(camera->interval_denominator, 15);
}

static void parse_line_of(size_t path_length)
{
	char text[512] = "[camera A]\nsource = mjpeg:/";
	size_t prefix = strlen("source = mjpeg:/");

	memset(text + strlen(text), 'a', path_length);
	strcat(text, "\n");
	cr_log_info("line of %zu characters", prefix + path_length);
	parse(text);
}

Test(config, reads_lines_up_to_the_documented_length)
{
	parse_line_of(VCAM_CONFIG_LINE_MAX - strlen("source = mjpeg:/"));
	cr_expect_eq(config.error_count, 0);
	cr_expect_eq(config.camera_count, 1);
}

Test(config, rejects_longer_lines)
{
	parse_line_of(VCAM_CONFIG_LINE_MAX + 1 - strlen("source = mjpeg:/"));
	expect_error("test.conf:2: [camera A]: line longer than 198 characters: shorten it");
	cr_expect_eq(config.camera_count, 0);
}

Test(config, accepts_no_group_and_rejects_a_bad_one)
{
	cr_assert_eq(parse("[vcamd]\ncontrol-group =\n"), 0);
	cr_expect_eq(parse("[vcamd]\ncontrol-group = video users\n"), -EINVAL);
	expect_error("test.conf:2: [vcamd] control-group: invalid value 'video users': expected a group name of up to 32 letters, digits, '_', '-' and '.', not starting with '-', or nothing for root only");
}

Test(config, frees_into_an_empty_config)
{
	parse("[camera A]\n[camera B]\nsize = 1\n");
	vcam_config_free(&config);
	cr_expect_eq(config.camera_count, 0);
	cr_expect_eq(config.rejected_count, 0);
	cr_expect_eq(config.error_count, 0);
	cr_expect_null(config.errors);
}
