// SPDX-License-Identifier: GPL-2.0-only
/*
 * The capture node offers exactly the producer's format, with discrete
 * sizes and intervals, as V4L2 consumers (QEMU, browsers) expect.
 * Runs inside the test VM.
 */

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>

#include "camera.h"

static struct test_camera cam;

static void create_nv12_camera(void)
{
	test_camera_create(&cam, "Node test", V4L2_PIX_FMT_NV12, 320, 240, 3);
}

static void destroy_camera(void)
{
	test_camera_destroy(&cam);
}

TestSuite(capture_node, .init = create_nv12_camera, .fini = destroy_camera);

static void xioctl(int fd, unsigned long request, void *arg, const char *name)
{
	cr_assert_eq(ioctl(fd, request, arg), 0, "%s: %s", name,
		     strerror(errno));
}

static void expect_einval(int fd, unsigned long request, void *arg,
			  const char *name)
{
	errno = 0;
	cr_expect_eq(ioctl(fd, request, arg), -1, "%s succeeded", name);
	cr_expect_eq(errno, EINVAL, "%s: %s, expected EINVAL", name,
		     strerror(errno));
}

Test(capture_node, reports_driver_card_and_unique_bus_info)
{
	struct test_camera other;
	struct v4l2_capability cap = { 0 }, other_cap = { 0 };
	int fd = test_open_capture(&cam), other_fd;

	test_camera_create(&other, "Other", V4L2_PIX_FMT_YUYV, 64, 48, 2);
	other_fd = test_open_capture(&other);
	xioctl(fd, VIDIOC_QUERYCAP, &cap, "VIDIOC_QUERYCAP");
	xioctl(other_fd, VIDIOC_QUERYCAP, &other_cap, "VIDIOC_QUERYCAP");
	cr_expect_str_eq((char *)cap.driver, "vcam");
	cr_expect_str_eq((char *)cap.card, "Node test");
	cr_expect_eq(strncmp((char *)cap.bus_info, "platform:", 9), 0,
		     "bus_info %s lacks a bus prefix", cap.bus_info);
	cr_expect_str_neq((char *)cap.bus_info, (char *)other_cap.bus_info);
	cr_expect(cap.device_caps & V4L2_CAP_VIDEO_CAPTURE);
	cr_expect(cap.device_caps & V4L2_CAP_STREAMING);
	cr_expect(cap.device_caps & V4L2_CAP_READWRITE);
	close(other_fd);
	test_camera_destroy(&other);
	close(fd);
}

Test(capture_node, opens_many_times_at_once)
{
	int fds[6];

	for (int i = 0; i < 6; i++)
		fds[i] = test_open_capture(&cam);
	for (int i = 0; i < 6; i++)
		close(fds[i]);
}

Test(capture_node, lists_only_the_producers_format)
{
	int fd = test_open_capture(&cam);
	struct v4l2_fmtdesc desc = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

	xioctl(fd, VIDIOC_ENUM_FMT, &desc, "VIDIOC_ENUM_FMT 0");
	cr_expect_eq(desc.pixelformat, V4L2_PIX_FMT_NV12);
	desc.index = 1;
	expect_einval(fd, VIDIOC_ENUM_FMT, &desc, "VIDIOC_ENUM_FMT 1");
	close(fd);
}

Test(capture_node, answers_try_and_set_format_with_the_producers_format)
{
	int fd = test_open_capture(&cam);
	unsigned long requests[] = { VIDIOC_TRY_FMT, VIDIOC_S_FMT, VIDIOC_G_FMT };

	for (size_t i = 0; i < 3; i++) {
		struct v4l2_format fmt = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.fmt.pix = { .width = 1920, .height = 1080,
				     .pixelformat = V4L2_PIX_FMT_YUYV },
		};

		xioctl(fd, requests[i], &fmt, "format ioctl");
		cr_expect_eq(fmt.fmt.pix.pixelformat, V4L2_PIX_FMT_NV12);
		cr_expect_eq(fmt.fmt.pix.width, 320);
		cr_expect_eq(fmt.fmt.pix.height, 240);
		cr_expect_eq(fmt.fmt.pix.bytesperline, 320);
		cr_expect_eq(fmt.fmt.pix.sizeimage, 320 * 240 * 3 / 2);
		cr_expect_eq(fmt.fmt.pix.field, V4L2_FIELD_NONE);
	}
	close(fd);
}

Test(capture_node, enumerates_one_discrete_frame_size)
{
	int fd = test_open_capture(&cam);
	struct v4l2_frmsizeenum size = { .pixel_format = V4L2_PIX_FMT_NV12 };

	xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &size, "VIDIOC_ENUM_FRAMESIZES");
	cr_expect_eq(size.type, V4L2_FRMSIZE_TYPE_DISCRETE);
	cr_expect_eq(size.discrete.width, 320);
	cr_expect_eq(size.discrete.height, 240);
	size.index = 1;
	expect_einval(fd, VIDIOC_ENUM_FRAMESIZES, &size, "index 1");
	size = (struct v4l2_frmsizeenum){ .pixel_format = V4L2_PIX_FMT_YUYV };
	expect_einval(fd, VIDIOC_ENUM_FRAMESIZES, &size, "other format");
	close(fd);
}

Test(capture_node, enumerates_discrete_intervals_starting_with_the_default)
{
	int fd = test_open_capture(&cam);
	struct v4l2_frmivalenum ival = {
		.pixel_format = V4L2_PIX_FMT_NV12, .width = 320, .height = 240,
	};
	int count = 0;

	for (ival.index = 0; ioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &ival) == 0;
	     ival.index++) {
		cr_expect_eq(ival.type, V4L2_FRMIVAL_TYPE_DISCRETE);
		if (ival.index == 0) {
			cr_expect_eq(ival.discrete.numerator, 1);
			cr_expect_eq(ival.discrete.denominator, 30);
		}
		count++;
	}
	cr_expect_eq(errno, EINVAL);
	cr_expect_gt(count, 1);
	ival = (struct v4l2_frmivalenum){
		.pixel_format = V4L2_PIX_FMT_NV12, .width = 640, .height = 480,
	};
	expect_einval(fd, VIDIOC_ENUM_FRAMEINTERVALS, &ival, "other size");
	close(fd);
}

static struct v4l2_fract set_interval(int fd, uint32_t numerator,
				      uint32_t denominator)
{
	struct v4l2_streamparm parm = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.parm.capture.timeperframe = { numerator, denominator },
	};

	xioctl(fd, VIDIOC_S_PARM, &parm, "VIDIOC_S_PARM");
	cr_expect(parm.parm.capture.capability & V4L2_CAP_TIMEPERFRAME);
	return parm.parm.capture.timeperframe;
}

Test(capture_node, s_parm_adjusts_to_the_nearest_offered_interval)
{
	int fd = test_open_capture(&cam);
	struct v4l2_fract got;

	got = set_interval(fd, 1, 15);
	cr_expect(got.numerator == 1 && got.denominator == 15);
	got = set_interval(fd, 1, 29);
	cr_expect(got.numerator == 1 && got.denominator == 30, "got %u/%u",
		  got.numerator, got.denominator);
	got = set_interval(fd, 1, 100000);
	cr_expect(got.numerator == 1 && got.denominator == 60, "got %u/%u",
		  got.numerator, got.denominator);
	got = set_interval(fd, 0, 0);
	cr_expect(got.numerator == 1 && got.denominator == 30, "got %u/%u",
		  got.numerator, got.denominator);
	close(fd);
}

Test(capture_node, negotiated_interval_reaches_the_producer_with_epollpri)
{
	int fd = test_open_capture(&cam);
	struct pollfd pfd = { .fd = cam.control_fd, .events = POLLPRI };
	struct vcam_ioc_interval interval;
	__u64 status;

	xioctl(cam.control_fd, VCAM_IOC_STATUS, &status, "VCAM_IOC_STATUS");
	cr_expect_eq(poll(&pfd, 1, 0), 0, "EPOLLPRI before any change");
	set_interval(fd, 1, 10);
	cr_expect_eq(poll(&pfd, 1, 0), 1);
	cr_expect(pfd.revents & POLLPRI);
	xioctl(cam.control_fd, VCAM_IOC_G_INTERVAL, &interval,
	       "VCAM_IOC_G_INTERVAL");
	cr_expect_eq(interval.numerator, 1);
	cr_expect_eq(interval.denominator, 10);
	cr_expect_eq(poll(&pfd, 1, 0), 0, "EPOLLPRI after reading");
	close(fd);
}

Test(capture_node, interval_returns_to_the_default_when_the_last_file_closes)
{
	struct v4l2_streamparm parm = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	int fd = test_open_capture(&cam), other = test_open_capture(&cam);

	set_interval(fd, 1, 10);
	close(fd);
	xioctl(other, VIDIOC_G_PARM, &parm, "VIDIOC_G_PARM");
	cr_expect_eq(parm.parm.capture.timeperframe.denominator, 10,
		     "reset while another file was open");
	close(other);
	fd = test_open_capture(&cam);
	xioctl(fd, VIDIOC_G_PARM, &parm, "VIDIOC_G_PARM");
	cr_expect_eq(parm.parm.capture.timeperframe.numerator, 1);
	cr_expect_eq(parm.parm.capture.timeperframe.denominator, 30);
	close(fd);
}

Test(capture_node, producer_sets_the_default_interval)
{
	struct vcam_ioc_interval interval = { 1, 24 }, bad = { 1, 1001 };
	struct v4l2_streamparm parm = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	int fd;

	xioctl(cam.control_fd, VCAM_IOC_S_INTERVAL, &interval,
	       "VCAM_IOC_S_INTERVAL");
	errno = 0;
	cr_expect_eq(ioctl(cam.control_fd, VCAM_IOC_S_INTERVAL, &bad), -1);
	cr_expect_eq(errno, EINVAL);
	fd = test_open_capture(&cam);
	xioctl(fd, VIDIOC_G_PARM, &parm, "VIDIOC_G_PARM");
	cr_expect_eq(parm.parm.capture.timeperframe.numerator, 1);
	cr_expect_eq(parm.parm.capture.timeperframe.denominator, 24);
	close(fd);
}

Test(capture_node, has_one_camera_input)
{
	int fd = test_open_capture(&cam);
	struct v4l2_input input = { 0 };
	unsigned int index = 5;

	xioctl(fd, VIDIOC_ENUMINPUT, &input, "VIDIOC_ENUMINPUT");
	cr_expect_eq(input.type, V4L2_INPUT_TYPE_CAMERA);
	xioctl(fd, VIDIOC_G_INPUT, &index, "VIDIOC_G_INPUT");
	cr_expect_eq(index, 0);
	input.index = 1;
	expect_einval(fd, VIDIOC_ENUMINPUT, &input, "VIDIOC_ENUMINPUT 1");
	close(fd);
}

Test(capture_node, exposes_its_state_in_sysfs)
{
	char value[64];

	test_read_sysfs(&cam, "name", value, sizeof(value));
	cr_expect_str_eq(value, "Node test");
	test_read_sysfs(&cam, "vcam/fourcc", value, sizeof(value));
	cr_expect_str_eq(value, "NV12");
	test_read_sysfs(&cam, "vcam/width", value, sizeof(value));
	cr_expect_str_eq(value, "320");
	test_read_sysfs(&cam, "vcam/height", value, sizeof(value));
	cr_expect_str_eq(value, "240");
	test_read_sysfs(&cam, "vcam/state", value, sizeof(value));
	cr_expect_str_eq(value, "idle");
	test_read_sysfs(&cam, "vcam/interval", value, sizeof(value));
	cr_expect_str_eq(value, "1/30");
	test_read_sysfs(&cam, "vcam/frames_delivered", value, sizeof(value));
	cr_expect_str_eq(value, "0");
	test_read_sysfs(&cam, "vcam/frames_dropped", value, sizeof(value));
	cr_expect_str_eq(value, "0");
	test_read_sysfs(&cam, "vcam/producer_pid", value, sizeof(value));
	cr_expect_eq(atoi(value), getpid());
}

Test(capture_node, returns_enodev_after_the_producer_closes)
{
	int fd = test_open_capture(&cam);
	struct v4l2_capability cap;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	test_camera_destroy(&cam);
	errno = 0;
	cr_expect_eq(ioctl(fd, VIDIOC_QUERYCAP, &cap), -1);
	cr_expect_eq(errno, ENODEV);
	cr_expect_eq(poll(&pfd, 1, 0), 1);
	cr_expect(pfd.revents & (POLLERR | POLLHUP));
	close(fd);
}
