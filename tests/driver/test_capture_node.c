// SPDX-License-Identifier: GPL-2.0-only
/*
 * The capture node offers exactly the producer's format, with discrete
 * sizes and intervals, as V4L2 consumers (QEMU, browsers) expect.
 * Runs inside the test VM.
 */

#include <errno.h>
#include <poll.h>
#include <stdio.h>
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

/* The uAPI: the producer's default holds until a consumer asks for another. */
Test(capture_node, producer_default_does_not_override_a_consumers_choice)
{
	struct vcam_ioc_interval producer_default = { 1, 24 }, in_force;
	struct v4l2_streamparm parm = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	struct v4l2_frmivalenum first = {
		.pixel_format = V4L2_PIX_FMT_NV12, .width = 320, .height = 240,
	};
	int fd = test_open_capture(&cam);

	set_interval(fd, 1, 15);
	xioctl(cam.control_fd, VCAM_IOC_S_INTERVAL, &producer_default,
	       "VCAM_IOC_S_INTERVAL");
	xioctl(fd, VIDIOC_G_PARM, &parm, "VIDIOC_G_PARM");
	cr_expect_eq(parm.parm.capture.timeperframe.denominator, 15,
		     "the producer's default replaced the consumer's 1/15");
	xioctl(cam.control_fd, VCAM_IOC_G_INTERVAL, &in_force,
	       "VCAM_IOC_G_INTERVAL");
	cr_expect_eq(in_force.denominator, 15);
	xioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &first,
	       "VIDIOC_ENUM_FRAMEINTERVALS");
	cr_expect_eq(first.discrete.denominator, 24, "not the new default");
	close(fd);

	fd = test_open_capture(&cam);
	xioctl(fd, VIDIOC_G_PARM, &parm, "VIDIOC_G_PARM");
	cr_expect_eq(parm.parm.capture.timeperframe.denominator, 24,
		     "the next consumer does not start from the default");
	close(fd);
}

/* Even a consumer that chose the default keeps it. */
Test(capture_node, a_consumer_that_chose_the_default_keeps_it)
{
	struct vcam_ioc_interval producer_default = { 1, 10 };
	struct v4l2_streamparm parm = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	int fd = test_open_capture(&cam);

	set_interval(fd, 1, 30);
	xioctl(cam.control_fd, VCAM_IOC_S_INTERVAL, &producer_default,
	       "VCAM_IOC_S_INTERVAL");
	xioctl(fd, VIDIOC_G_PARM, &parm, "VIDIOC_G_PARM");
	cr_expect_eq(parm.parm.capture.timeperframe.denominator, 30);
	close(fd);
}

static struct v4l2_pix_format format_of(uint32_t fourcc, uint32_t colorspace)
{
	struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	struct test_camera mjpeg;
	struct vcam_ioc_create request = test_create_request(&mjpeg, "Format");
	int fd;

	request.pixelformat = fourcc;
	request.colorspace = colorspace;
	mjpeg.control_fd = test_open_control();
	xioctl(mjpeg.control_fd, VCAM_IOC_CREATE, &request, "VCAM_IOC_CREATE");
	mjpeg.node = request.device_nr;
	snprintf(mjpeg.path, sizeof(mjpeg.path), "/dev/video%u", mjpeg.node);
	fd = test_open_capture(&mjpeg);
	xioctl(fd, VIDIOC_G_FMT, &fmt, "VIDIOC_G_FMT");
	close(fd);
	test_camera_destroy(&mjpeg);
	return fmt.fmt.pix;
}

/* JPEG is full-range BT.601 Y'CbCr (JFIF), as V4L2 reports it. */
Test(capture_node, mjpeg_is_reported_full_range)
{
	struct v4l2_pix_format pix = format_of(V4L2_PIX_FMT_MJPEG, 0);

	cr_expect_eq(pix.colorspace, V4L2_COLORSPACE_JPEG);
	cr_expect_eq(pix.quantization, V4L2_QUANTIZATION_FULL_RANGE);
	cr_expect_eq(pix.ycbcr_enc, V4L2_YCBCR_ENC_601);

	pix = format_of(V4L2_PIX_FMT_MJPEG, V4L2_COLORSPACE_SRGB);
	cr_expect_eq(pix.colorspace, V4L2_COLORSPACE_SRGB);
	cr_expect_eq(pix.quantization, V4L2_QUANTIZATION_FULL_RANGE,
		     "sRGB MJPEG reported limited-range");
	cr_expect_eq(pix.ycbcr_enc, V4L2_YCBCR_ENC_601);
}

Test(capture_node, yuv_keeps_its_default_quantization)
{
	struct v4l2_pix_format pix = format_of(V4L2_PIX_FMT_YUYV, 0);

	cr_expect_eq(pix.colorspace, V4L2_COLORSPACE_SMPTE170M);
	cr_expect_eq(pix.quantization, V4L2_QUANTIZATION_DEFAULT);
	pix = format_of(V4L2_PIX_FMT_RGB24, V4L2_COLORSPACE_RAW);
	cr_expect_eq(pix.colorspace, V4L2_COLORSPACE_RAW,
		     "RAW refused for RGB24");
}

/* 2560x2560 RGB24: 32 buffers would take 600 MiB, 27 fit in 512 MiB. */
Test(capture_node, capture_buffers_of_a_camera_hold_at_most_512_mib)
{
	const uint32_t sizeimage = 2560 * 2560 * 3;
	const uint32_t fitting = (512u << 20) / sizeimage;
	struct test_camera big;
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.count = 32,
	};
	struct v4l2_create_buffers create = {
		.count = 1,
		.memory = V4L2_MEMORY_MMAP,
		.format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
	};
	int fd;

	test_camera_create(&big, "Big", V4L2_PIX_FMT_RGB24, 2560, 2560, 2);
	fd = test_open_capture(&big);
	xioctl(fd, VIDIOC_REQBUFS, &req, "VIDIOC_REQBUFS");
	cr_expect_eq(req.count, fitting, "%u buffers of %u bytes", req.count,
		     sizeimage);
	xioctl(fd, VIDIOC_G_FMT, &create.format, "VIDIOC_G_FMT");
	errno = 0;
	cr_expect_eq(ioctl(fd, VIDIOC_CREATE_BUFS, &create), -1,
		     "CREATE_BUFS beyond 512 MiB succeeded");
	cr_expect_eq(errno, ENOBUFS, "%s", strerror(errno));

	req.count = 0;
	xioctl(fd, VIDIOC_REQBUFS, &req, "VIDIOC_REQBUFS 0");
	create.format.fmt.pix.sizeimage = 600u << 20;
	errno = 0;
	cr_expect_eq(ioctl(fd, VIDIOC_CREATE_BUFS, &create), -1,
		     "a 600 MiB buffer was created");
	cr_expect_eq(errno, ENOBUFS, "%s", strerror(errno));
	close(fd);
	test_camera_destroy(&big);
}
