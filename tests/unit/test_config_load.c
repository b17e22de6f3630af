// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading the configuration from files: the main file, the drop-in
 * directory and their order, and the example shipped in conf/.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <criterion/criterion.h>

#include "vcam/config.h"

static struct vcam_config config;
static char dir[] = "/tmp/vcam-config-XXXXXX";
static char main_path[64];

static void set_up(void)
{
	vcam_config_init(&config);
	cr_assert_not_null(mkdtemp(dir));
	snprintf(main_path, sizeof(main_path), "%s/vcamd.conf", dir);
}

static void tear_down(void)
{
	char command[64];

	vcam_config_free(&config);
	snprintf(command, sizeof(command), "rm -rf %s", dir);
	cr_assert_eq(system(command), 0);
}

TestSuite(config_load, .init = set_up, .fini = tear_down);

static void write_file(const char *name, const char *text)
{
	char path[128];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	file = fopen(path, "w");
	cr_assert_not_null(file, "%s", path);
	cr_assert_eq(fputs(text, file) >= 0, true);
	cr_assert_eq(fclose(file), 0);
}

static void expect_camera_names(const char *const *names, size_t count)
{
	for (size_t i = 0; i < config.error_count; i++)
		cr_log_info("error: %s", config.errors[i]);
	cr_assert_eq(config.camera_count, count);
	for (size_t i = 0; i < count; i++)
		cr_expect_str_eq(config.cameras[i].name, names[i]);
}

Test(config_load, reads_the_main_file_then_the_dropins_in_byte_order)
{
	static const char *const names[] = { "Main", "Ten", "Twenty", "Upper" };

	write_file("vcamd.conf", "[camera Main]\n");
	write_file("20-b.conf", "[camera Twenty]\n");
	write_file("10-a.conf", "[camera Ten]\n");
	write_file("Z.conf", "[camera Upper]\n");
	cr_assert_eq(vcam_config_load(&config, main_path, dir), 0);
	expect_camera_names(names, 4);
}

Test(config_load, skips_hidden_files_and_other_suffixes)
{
	static const char *const names[] = { "Kept" };

	write_file("kept.conf", "[camera Kept]\n");
	write_file(".hidden.conf", "[camera Hidden]\n");
	write_file("notes.txt", "[camera Notes]\n");
	write_file("old.conf.bak", "[camera Old]\n");
	write_file(".conf", "[camera Dot]\n");
	cr_assert_eq(vcam_config_load(&config, main_path, dir), 0);
	expect_camera_names(names, 1);
}

Test(config_load, skips_directories_named_like_dropins)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/sub.conf", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	cr_expect_eq(vcam_config_load(&config, main_path, dir), 0);
	cr_expect_eq(config.error_count, 0);
}

Test(config_load, names_the_dropin_file_in_errors)
{
	write_file("vcamd.conf", "[camera A]\n");
	write_file("10-bad.conf", "\n[camera B]\nfps = 0\n");
	cr_expect_eq(vcam_config_load(&config, main_path, dir), -EINVAL);
	cr_assert_eq(config.error_count, 1);
	cr_expect(strstr(config.errors[0], "/10-bad.conf:3: [camera B] fps: invalid value '0'"),
		  "%s", config.errors[0]);
	cr_expect_eq(config.camera_count, 1);
}

Test(config_load, rejects_a_dropin_camera_already_in_the_main_file)
{
	char expected[256];

	write_file("vcamd.conf", "[camera Desk]\n");
	write_file("10-a.conf", "[camera Lab]\n");
	write_file("20-b.conf", "\n[camera Desk]\nsize = 320x240\n"
		   "[camera Lab]\n[camera New]\n");
	cr_expect_eq(vcam_config_load(&config, main_path, dir), -EINVAL);
	cr_assert_eq(config.error_count, 2);
	snprintf(expected, sizeof(expected),
		 "%s/20-b.conf:2: [camera Desk]: camera 'Desk' is already defined at %s:1: rename or remove one of them",
		 dir, main_path);
	cr_expect_str_eq(config.errors[0], expected);
	snprintf(expected, sizeof(expected),
		 "%s/20-b.conf:4: [camera Lab]: camera 'Lab' is already defined at %s/10-a.conf:1: rename or remove one of them",
		 dir, dir);
	cr_expect_str_eq(config.errors[1], expected);
	cr_expect_eq(config.camera_count, 3);
	cr_expect_eq(config.cameras[0].width, 640);
}

Test(config_load, needs_neither_the_main_file_nor_the_directory)
{
	static const char *const names[] = { "Only" };
	char missing[128];

	snprintf(missing, sizeof(missing), "%s/missing", dir);
	cr_expect_eq(vcam_config_load(&config, main_path, missing), 0);
	cr_expect_eq(config.error_count, 0);
	write_file("only.conf", "[camera Only]\n");
	cr_expect_eq(vcam_config_load(&config, main_path, dir), 0);
	expect_camera_names(names, 1);
}

Test(config_load, reads_a_main_file_outside_the_directory_once)
{
	static const char *const names[] = { "Main", "Dropin" };
	char other_dir[128];

	write_file("main.conf", "[camera Main]\n");
	snprintf(other_dir, sizeof(other_dir), "%s/d", dir);
	cr_assert_eq(mkdir(other_dir, 0700), 0);
	write_file("d/x.conf", "[camera Dropin]\n");
	snprintf(main_path, sizeof(main_path), "%s/main.conf", dir);
	cr_assert_eq(vcam_config_load(&config, main_path, other_dir), 0);
	expect_camera_names(names, 2);
}

Test(config_load, reports_a_main_path_that_is_a_directory)
{
	char expected[128];

	cr_expect_eq(vcam_config_load(&config, dir, NULL), -EINVAL);
	snprintf(expected, sizeof(expected),
		 "%s: cannot read: not a regular file", dir);
	cr_assert_eq(config.error_count, 1);
	cr_expect_str_eq(config.errors[0], expected);
}

Test(config_load, reports_a_dropin_directory_that_is_a_file)
{
	char expected[160];

	write_file("vcamd.conf", "[camera A]\n");
	cr_expect_eq(vcam_config_load(&config, NULL, main_path), -EINVAL);
	snprintf(expected, sizeof(expected), "%s: cannot read: %s", main_path,
		 strerror(ENOTDIR));
	cr_assert_eq(config.error_count, 1);
	cr_expect_str_eq(config.errors[0], expected);
}

Test(config_load, parses_the_example_configuration_without_errors)
{
	const struct vcam_camera_config *camera;

	cr_assert_eq(vcam_config_load(&config, VCAM_EXAMPLE_CONFIG, NULL), 0,
		     "first error: %s",
		     config.error_count ? config.errors[0] : "");
	cr_assert_eq(config.camera_count, 1);
	camera = &config.cameras[0];
	cr_expect_eq(camera->width, 1280);
	cr_expect_eq(camera->height, 720);
	cr_expect_eq(camera->interval_denominator, 30);
	cr_expect_eq(camera->source.pattern.kind, VCAM_PATTERN_SMPTE);
}
