/* SPDX-License-Identifier: GPL-2.0-only */
/* Helpers for in-VM tests: a camera created through /dev/vcam. */
#ifndef VCAM_TEST_CAMERA_H
#define VCAM_TEST_CAMERA_H

#include <stddef.h>
#include <stdint.h>
#include <linux/vcam.h>

#define TEST_MAX_FRAMES 32

struct test_camera {
	int control_fd;
	unsigned int node;
	char path[32];
	uint32_t nr_frames;
	struct vcam_frame frames[TEST_MAX_FRAMES];
};

/* A creation request for a YUYV 640x480 camera with four frames. */
struct vcam_ioc_create test_create_request(struct test_camera *cam,
					   const char *name);

/* Creates a camera or fails the test. */
void test_camera_create(struct test_camera *cam, const char *name,
			uint32_t fourcc, uint32_t width, uint32_t height,
			uint32_t nr_frames);
void test_camera_destroy(struct test_camera *cam);

/* Opens the capture node or fails the test. */
int test_open_capture(const struct test_camera *cam);

/* Reads /sys/class/video4linux/videoN/ATTRIBUTE into buf, newline cut. */
void test_read_sysfs(const struct test_camera *cam, const char *attribute,
		     char *buf, size_t size);

int test_open_control(void);

/*
 * sizeof(struct video_device.name) of the running kernel, read from its
 * headers (/lib/modules/RELEASE/source), or fails the test.
 */
size_t test_kernel_video_name_size(void);

/* CLOCK_MONOTONIC in nanoseconds, to time calls. */
uint64_t test_monotonic_ns(void);

#endif
