// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cameras come and go: create and destroy in a loop, with and without
 * consumers holding the capture node, streaming or with buffers mapped.
 * A use-after-free or double free here shows up as a kernel warning,
 * which fails the VM suite. Runs inside the test VM.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>

#include "camera.h"

#define ROUNDS 50

Test(lifecycle, create_and_destroy_in_a_loop)
{
	for (int i = 0; i < ROUNDS; i++) {
		struct test_camera cam;
		struct stat st;

		test_camera_create(&cam, "Loop", V4L2_PIX_FMT_YUYV, 64, 48, 2);
		cr_assert_eq(stat(cam.path, &st), 0);
		test_camera_destroy(&cam);
		errno = 0;
		cr_assert_eq(stat(cam.path, &st), -1, "%s outlived its camera",
			     cam.path);
	}
}

Test(lifecycle, destroy_while_a_consumer_holds_the_node)
{
	for (int i = 0; i < ROUNDS; i++) {
		struct test_camera cam;
		struct v4l2_capability cap;
		int fd;

		test_camera_create(&cam, "Held", V4L2_PIX_FMT_NV12, 64, 48, 2);
		fd = test_open_capture(&cam);
		test_camera_destroy(&cam);
		errno = 0;
		cr_expect_eq(ioctl(fd, VIDIOC_QUERYCAP, &cap), -1);
		cr_expect_eq(errno, ENODEV);
		close(fd);
	}
}

static void *stream_with_mapped_buffer(int fd, size_t *length)
{
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.count = 2,
	};
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	void *map;

	cr_assert_eq(ioctl(fd, VIDIOC_REQBUFS, &req), 0);
	cr_assert_eq(ioctl(fd, VIDIOC_QUERYBUF, &buf), 0);
	map = mmap(NULL, buf.length, PROT_READ, MAP_SHARED, fd, buf.m.offset);
	cr_assert_neq(map, MAP_FAILED);
	*length = buf.length;
	for (buf.index = 0; buf.index < req.count; buf.index++)
		cr_assert_eq(ioctl(fd, VIDIOC_QBUF, &buf), 0);
	cr_assert_eq(ioctl(fd, VIDIOC_STREAMON, &type), 0);
	return map;
}

Test(lifecycle, destroy_while_streaming_with_buffers_mapped)
{
	for (int i = 0; i < ROUNDS / 5; i++) {
		struct test_camera cam;
		volatile unsigned char *bytes;
		size_t length;
		int fd;

		test_camera_create(&cam, "Mapped", V4L2_PIX_FMT_YUYV, 64, 48,
				   2);
		fd = test_open_capture(&cam);
		bytes = stream_with_mapped_buffer(fd, &length);
		test_camera_destroy(&cam);
		(void)bytes[length - 1];
		munmap((void *)bytes, length);
		close(fd);
	}
}

Test(lifecycle, consumer_closing_first_then_producer)
{
	struct test_camera cam;
	size_t length;
	void *map;
	int fd;

	test_camera_create(&cam, "Order", V4L2_PIX_FMT_RGB24, 64, 48, 2);
	fd = test_open_capture(&cam);
	map = stream_with_mapped_buffer(fd, &length);
	close(fd);
	munmap(map, length);
	test_camera_destroy(&cam);
}
