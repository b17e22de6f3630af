// SPDX-License-Identifier: GPL-2.0-only
/* Reading vcam cameras from a sysfs tree made in a temporary folder. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>

#include "fake-sysfs.h"
#include "vcam/devices.h"

static const char *root;

static void make_tree(void)
{
	root = fake_sysfs_make();
}

TestSuite(devices, .init = make_tree, .fini = fake_sysfs_remove);

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
