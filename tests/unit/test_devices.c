// SPDX-License-Identifier: GPL-2.0-only
/* Reading vcam cameras from a sysfs tree made in a temporary folder. */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <criterion/criterion.h>

#include "vcam/devices.h"

static char root[] = "/tmp/vcam-sysfs-XXXXXX";

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	file = fopen(path, "w");
	cr_assert_not_null(file, "%s", path);
	fputs(text, file);
	fclose(file);
}

static void add_camera(const char *entry, const char *name, const char *state)
{
	char dir[PATH_MAX], vcam[PATH_MAX + 8];

	snprintf(dir, sizeof(dir), "%s/%s", root, entry);
	snprintf(vcam, sizeof(vcam), "%s/vcam", dir);
	mkdir(dir, 0755);
	mkdir(vcam, 0755);
	write_file(dir, "name", name);
	write_file(vcam, "fourcc", "YUYV\n");
	write_file(vcam, "width", "640\n");
	write_file(vcam, "height", "480\n");
	write_file(vcam, "sizeimage", "614400\n");
	write_file(vcam, "interval", "1001/30000\n");
	write_file(vcam, "state", state);
	write_file(vcam, "frames_delivered", "12345678901\n");
	write_file(vcam, "frames_dropped", "7\n");
	write_file(vcam, "producer_pid", "42\n");
}

static void make_tree(void)
{
	char other[PATH_MAX];

	cr_assert_not_null(mkdtemp(root));
	add_camera("video10", "Front Desk\n", "streaming\n");
	add_camera("video2", "Bars\n", "idle\n");
	snprintf(other, sizeof(other), "%s/video0", root);
	mkdir(other, 0755);
	write_file(other, "name", "uvcvideo\n");
}

static void remove_tree(void)
{
	char command[PATH_MAX + 16];

	snprintf(command, sizeof(command), "rm -rf %s", root);
	cr_expect_eq(system(command), 0);
}

TestSuite(devices, .init = make_tree, .fini = remove_tree);

Test(devices, lists_vcam_cameras_only_sorted_by_node)
{
	struct vcam_device *devices;
	size_t count;

	cr_assert_eq(vcam_devices_list(root, &devices, &count), 0);
	cr_assert_eq(count, 2);
	cr_expect_eq(devices[0].node, 2);
	cr_expect_str_eq(devices[0].name, "Bars");
	cr_expect_not(devices[0].streaming);
	cr_expect_eq(devices[1].node, 10);
	cr_expect_str_eq(devices[1].name, "Front Desk");
	cr_expect_str_eq(devices[1].fourcc, "YUYV");
	cr_expect_eq(devices[1].width, 640);
	cr_expect_eq(devices[1].height, 480);
	cr_expect_eq(devices[1].sizeimage, 614400);
	cr_expect_eq(devices[1].interval_numerator, 1001);
	cr_expect_eq(devices[1].interval_denominator, 30000);
	cr_expect(devices[1].streaming);
	cr_expect_eq(devices[1].frames_delivered, 12345678901ull);
	cr_expect_eq(devices[1].frames_dropped, 7);
	cr_expect_eq(devices[1].producer_pid, 42);
	free(devices);
}

Test(devices, finds_a_camera_by_name_or_node)
{
	struct vcam_device *devices;
	size_t count;

	cr_assert_eq(vcam_devices_list(root, &devices, &count), 0);
	cr_expect_eq(vcam_devices_find(devices, count, "Front Desk"), 1);
	cr_expect_eq(vcam_devices_find(devices, count, "/dev/video2"), 0);
	cr_expect_eq(vcam_devices_find(devices, count, "/dev/video3"), -ENOENT);
	cr_expect_eq(vcam_devices_find(devices, count, "Front"), -ENOENT);
	free(devices);
}

Test(devices, a_missing_folder_means_no_cameras)
{
	struct vcam_device *devices;
	size_t count = 5;

	cr_assert_eq(vcam_devices_list("/nonexistent/sysfs", &devices, &count),
		     0);
	cr_expect_eq(count, 0);
	cr_expect_null(devices);
}

Test(devices, parses_node_paths)
{
	unsigned int node;

	cr_expect_eq(vcam_devices_parse_node("/dev/video7", &node), 0);
	cr_expect_eq(node, 7);
	cr_expect_eq(vcam_devices_parse_node("video7", &node), -EINVAL);
	cr_expect_eq(vcam_devices_parse_node("/dev/video", &node), -EINVAL);
	cr_expect_eq(vcam_devices_parse_node("/dev/video-1", &node), -EINVAL);
	cr_expect_eq(vcam_devices_parse_node("/dev/video1x", &node), -EINVAL);
}
