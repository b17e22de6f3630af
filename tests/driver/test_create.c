// SPDX-License-Identifier: GPL-2.0-only
/*
 * VCAM_IOC_CREATE: the RFC's validation and errno for each bad input.
 * Runs inside the test VM.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "camera.h"

static int control_fd = -1;
static struct test_camera cam;

static void open_control(void)
{
	control_fd = test_open_control();
}

static void close_control(void)
{
	close(control_fd);
}

TestSuite(create, .init = open_control, .fini = close_control);

static void expect_create_error(struct vcam_ioc_create *request, int expected)
{
	errno = 0;
	cr_expect_eq(ioctl(control_fd, VCAM_IOC_CREATE, request), -1,
		     "VCAM_IOC_CREATE succeeded");
	cr_expect_eq(errno, expected, "errno %d (%s), expected %d (%s)", errno,
		     strerror(errno), expected, strerror(expected));
}

Test(create, succeeds_and_reports_node_and_frames)
{
	struct vcam_ioc_create request = test_create_request(&cam, "Good cam");
	struct stat st;
	char path[32];

	cr_assert_eq(ioctl(control_fd, VCAM_IOC_CREATE, &request), 0,
		     "VCAM_IOC_CREATE: %s", strerror(errno));
	snprintf(path, sizeof(path), "/dev/video%u", request.device_nr);
	cr_expect_eq(stat(path, &st), 0, "%s missing", path);
	for (uint32_t i = 0; i < request.nr_frames; i++) {
		cr_expect_eq(cam.frames[i].index, i);
		cr_expect_eq(cam.frames[i].length, 640 * 480 * 2);
	}
}

Test(create, twice_on_one_file_fails_with_ebusy)
{
	struct vcam_ioc_create request = test_create_request(&cam, "cam1");

	cr_assert_eq(ioctl(control_fd, VCAM_IOC_CREATE, &request), 0);
	request = test_create_request(&cam, "cam2");
	expect_create_error(&request, EBUSY);
}

Test(create, on_separate_files_gives_separate_nodes)
{
	struct test_camera a, b;

	test_camera_create(&a, "first", V4L2_PIX_FMT_YUYV, 64, 48, 2);
	test_camera_create(&b, "second", V4L2_PIX_FMT_YUYV, 64, 48, 2);
	cr_expect_neq(a.node, b.node);
	test_camera_destroy(&a);
	test_camera_destroy(&b);
}

Test(create, with_null_argument_fails_with_einval)
{
	errno = 0;
	cr_expect_eq(ioctl(control_fd, VCAM_IOC_CREATE, NULL), -1);
	cr_expect_eq(errno, EINVAL);
}

Test(create, with_unreadable_argument_fails_with_efault)
{
	errno = 0;
	cr_expect_eq(ioctl(control_fd, VCAM_IOC_CREATE, (void *)16), -1);
	cr_expect_eq(errno, EFAULT);
}

struct bad_create {
	const char *what;
	int expected_errno;
	void (*spoil)(struct vcam_ioc_create *request);
};

static void nonzero_device_nr(struct vcam_ioc_create *r) { r->device_nr = 3; }
static void nonzero_reserved(struct vcam_ioc_create *r) { r->reserved = 1; }
static void too_many_frames(struct vcam_ioc_create *r) { r->nr_frames = 33; }
static void too_few_frames(struct vcam_ioc_create *r) { r->nr_frames = 1; }
static void no_frames(struct vcam_ioc_create *r) { r->nr_frames = 0; }
static void null_frames(struct vcam_ioc_create *r) { r->frames = 0; }
static void unwritable_frames(struct vcam_ioc_create *r) { r->frames = 8; }
static void null_name(struct vcam_ioc_create *r) { r->device_name = 0; }
static void empty_name(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)""; }
static void name_with_dash(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"my-cam"; }
static void name_with_newline_and_tab(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"a\nb\tc"; }
static void name_with_tab(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"Desk\tCam"; }
static void name_with_bell(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"cam\a1"; }
static void name_with_delete(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"cam\x7f" "1"; }
static void name_in_utf8(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"Cam\xc3\xa9ra"; }
static void name_in_latin1(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"Cam\xe9ra"; }
static void name_with_nbsp(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"Desk\xa0" "Cam"; }
static void name_ending_in_latin1(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"Cam\xe9"; }
static void name_leading_space(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)" cam"; }
static void name_trailing_space(struct vcam_ioc_create *r) { r->device_name = (uintptr_t)"cam "; }
static void unknown_format(struct vcam_ioc_create *r) { r->pixelformat = v4l2_fourcc('X', 'X', 'X', 'X'); }
static void width_too_small(struct vcam_ioc_create *r) { r->width = 1; }
static void width_too_large(struct vcam_ioc_create *r) { r->width = 8194; }
static void height_too_large(struct vcam_ioc_create *r) { r->height = 8193; }
static void odd_yuyv_width(struct vcam_ioc_create *r) { r->width = 641; }
static void wrong_bytesperline(struct vcam_ioc_create *r) { r->bytesperline = 1000; }
static void unknown_colorspace(struct vcam_ioc_create *r) { r->colorspace = 99; }
static void bt878_colorspace(struct vcam_ioc_create *r) { r->colorspace = V4L2_COLORSPACE_BT878; }
static void raw_colorspace_for_yuyv(struct vcam_ioc_create *r) { r->colorspace = V4L2_COLORSPACE_RAW; }
static void raw_colorspace_for_nv12(struct vcam_ioc_create *r)
{
	r->pixelformat = V4L2_PIX_FMT_NV12;
	r->colorspace = V4L2_COLORSPACE_RAW;
}
static void raw_colorspace_for_mjpeg(struct vcam_ioc_create *r)
{
	r->pixelformat = V4L2_PIX_FMT_MJPEG;
	r->colorspace = V4L2_COLORSPACE_RAW;
}
static void jpeg_colorspace_for_yuyv(struct vcam_ioc_create *r) { r->colorspace = V4L2_COLORSPACE_JPEG; }
static void bt878_colorspace_for_mjpeg(struct vcam_ioc_create *r)
{
	r->pixelformat = V4L2_PIX_FMT_MJPEG;
	r->colorspace = V4L2_COLORSPACE_BT878;
}

static struct bad_create bad_creates[] = {
	{ "non-zero device_nr", EINVAL, nonzero_device_nr },
	{ "non-zero reserved", EINVAL, nonzero_reserved },
	{ "33 frames", E2BIG, too_many_frames },
	{ "1 frame", EINVAL, too_few_frames },
	{ "0 frames", EINVAL, no_frames },
	{ "NULL frames", EINVAL, null_frames },
	{ "unwritable frames", EFAULT, unwritable_frames },
	{ "NULL name", EFAULT, null_name },
	{ "empty name", EINVAL, empty_name },
	{ "name with a dash", EINVAL, name_with_dash },
	{ "name with a newline and a tab", EINVAL, name_with_newline_and_tab },
	{ "name with a tab", EINVAL, name_with_tab },
	{ "name with a bell", EINVAL, name_with_bell },
	{ "name with DEL", EINVAL, name_with_delete },
	{ "name in UTF-8", EINVAL, name_in_utf8 },
	{ "name in Latin-1", EINVAL, name_in_latin1 },
	{ "name with a no-break space", EINVAL, name_with_nbsp },
	{ "name ending in a Latin-1 letter", EINVAL, name_ending_in_latin1 },
	{ "name with a leading space", EINVAL, name_leading_space },
	{ "name with a trailing space", EINVAL, name_trailing_space },
	{ "unknown pixel format", EINVAL, unknown_format },
	{ "width 1", EINVAL, width_too_small },
	{ "width 8194", EINVAL, width_too_large },
	{ "height 8193", EINVAL, height_too_large },
	{ "odd YUYV width", EINVAL, odd_yuyv_width },
	{ "bytesperline not the format's", EINVAL, wrong_bytesperline },
	{ "unknown colorspace", EINVAL, unknown_colorspace },
	{ "deprecated colorspace BT878", EINVAL, bt878_colorspace },
	{ "BT878 colorspace for MJPEG", EINVAL, bt878_colorspace_for_mjpeg },
	{ "RAW colorspace for YUYV", EINVAL, raw_colorspace_for_yuyv },
	{ "RAW colorspace for NV12", EINVAL, raw_colorspace_for_nv12 },
	{ "RAW colorspace for MJPEG", EINVAL, raw_colorspace_for_mjpeg },
	{ "JPEG colorspace for YUYV", EINVAL, jpeg_colorspace_for_yuyv },
};

#define NR_BAD_CREATES (sizeof(bad_creates) / sizeof(bad_creates[0]))

/*
 * Criterion may run a test in a fresh process of the same executable, where
 * pointers in the parameters mean nothing: pass indices into the table.
 */
ParameterizedTestParameters(create, rejects_bad_input)
{
	static size_t indices[NR_BAD_CREATES];

	for (size_t i = 0; i < NR_BAD_CREATES; i++)
		indices[i] = i;
	return cr_make_param_array(size_t, indices, NR_BAD_CREATES);
}

ParameterizedTest(size_t *index, create, rejects_bad_input)
{
	const struct bad_create *bad = &bad_creates[*index];
	struct vcam_ioc_create request = test_create_request(&cam, "cam");

	bad->spoil(&request);
	errno = 0;
	cr_expect_eq(ioctl(control_fd, VCAM_IOC_CREATE, &request), -1,
		     "%s: VCAM_IOC_CREATE succeeded", bad->what);
	cr_expect_eq(errno, bad->expected_errno, "%s: errno %s, expected %s",
		     bad->what, strerror(errno), strerror(bad->expected_errno));
}

Test(create, after_a_rejected_request_still_works)
{
	struct vcam_ioc_create request = test_create_request(&cam, "cam");

	request.reserved = 7;
	expect_create_error(&request, EINVAL);
	request.reserved = 0;
	cr_expect_eq(ioctl(control_fd, VCAM_IOC_CREATE, &request), 0,
		     "VCAM_IOC_CREATE: %s", strerror(errno));
}

Test(create, fills_in_default_size)
{
	struct vcam_ioc_create request = test_create_request(&cam, "cam");

	request.width = 0;
	request.height = 0;
	cr_assert_eq(ioctl(control_fd, VCAM_IOC_CREATE, &request), 0);
	cr_expect_eq(cam.frames[0].length, 640 * 480 * 2);
}

Test(create, accepts_names_with_inner_spaces_and_31_characters)
{
	struct test_camera other;
	struct vcam_ioc_create request =
		test_create_request(&cam, "Integrated Camera 0123456789abc");

	cr_assert_eq(ioctl(control_fd, VCAM_IOC_CREATE, &request), 0,
		     "VCAM_IOC_CREATE: %s", strerror(errno));
	other.node = request.device_nr;
	char name[64];

	test_read_sysfs(&other, "name", name, sizeof(name));
	cr_expect_str_eq(name, "Integrated Camera 0123456789abc");
}

/* Writes a name of length letters and digits, a space every eighth. */
static void make_name(char *name, size_t length)
{
	for (size_t i = 0; i < length; i++)
		name[i] = i % 8 == 7 ? ' ' : "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36];
	name[length] = '\0';
}

static void expect_card(const struct test_camera *camera, const char *name)
{
	struct v4l2_capability cap = { 0 };
	int fd = test_open_capture(camera);

	cr_assert_eq(ioctl(fd, VIDIOC_QUERYCAP, &cap), 0);
	cr_expect_eq(strnlen((char *)cap.card, sizeof(cap.card)),
		     sizeof(cap.card) - 1);
	cr_expect_eq(strncmp((char *)cap.card, name, sizeof(cap.card) - 1), 0,
		     "card `%s' is not the start of `%s'", cap.card, name);
	close(fd);
}

/* sizeof(video_device.name) - 1: 63 on Linux 6.12, 31 on 6.1. */
Test(create, accepts_names_as_long_as_the_kernels_video_device_name)
{
	size_t longest = test_kernel_video_name_size() - 1;
	char name[256], sysfs_name[256];
	struct vcam_ioc_create request;
	struct test_camera camera;

	cr_assert_lt(longest, sizeof(name));
	make_name(name, longest);
	request = test_create_request(&cam, name);
	cr_assert_eq(ioctl(control_fd, VCAM_IOC_CREATE, &request), 0,
		     "VCAM_IOC_CREATE of a %zu-byte name: %s", longest,
		     strerror(errno));
	camera.node = request.device_nr;
	snprintf(camera.path, sizeof(camera.path), "/dev/video%u", camera.node);
	test_read_sysfs(&camera, "name", sysfs_name, sizeof(sysfs_name));
	cr_expect_str_eq(sysfs_name, name);
	expect_card(&camera, name);
}

Test(create, refuses_longer_names_with_e2big)
{
	size_t too_long = test_kernel_video_name_size();
	char name[256];
	struct vcam_ioc_create request;

	cr_assert_lt(too_long, sizeof(name));
	make_name(name, too_long);
	request = test_create_request(&cam, name);
	expect_create_error(&request, E2BIG);
}

static unsigned int read_max_cameras(void)
{
	const char *path = "/sys/module/vcam/parameters/max_cameras";
	unsigned int max = 0;
	FILE *file = fopen(path, "re");

	cr_assert_not_null(file, "open %s: %s", path, strerror(errno));
	cr_assert_eq(fscanf(file, "%u", &max), 1, "read %s", path);
	fclose(file);
	return max;
}

static int create_small_camera(int fd, const char *name)
{
	struct vcam_ioc_create request = test_create_request(&cam, name);

	request.width = 64;
	request.height = 48;
	request.nr_frames = 2;
	return ioctl(fd, VCAM_IOC_CREATE, &request);
}

Test(create, refuses_cameras_beyond_max_cameras_with_enospc, .timeout = 300)
{
	unsigned int max = read_max_cameras();
	int fds[256];
	int extra = test_open_control();

	cr_assert(max >= 1 && max <= 256, "max_cameras is %u", max);
	for (unsigned int i = 0; i < max; i++) {
		fds[i] = test_open_control();
		cr_assert_eq(create_small_camera(fds[i], "limit"), 0,
			     "camera %u of %u: %s", i + 1, max, strerror(errno));
	}
	errno = 0;
	cr_expect_eq(create_small_camera(extra, "one too many"), -1);
	cr_expect_eq(errno, ENOSPC, "errno %s, expected ENOSPC",
		     strerror(errno));

	close(fds[0]);
	cr_expect_eq(create_small_camera(extra, "in its place"), 0,
		     "after one went: %s", strerror(errno));
	for (unsigned int i = 1; i < max; i++)
		close(fds[i]);
	close(extra);
}
