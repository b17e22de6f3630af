// SPDX-License-Identifier: GPL-2.0-only
#include "camera.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>

int test_open_control(void)
{
	int fd = open("/dev/vcam", O_RDWR | O_CLOEXEC);

	cr_assert_geq(fd, 0, "open /dev/vcam: %s", strerror(errno));
	return fd;
}

struct vcam_ioc_create test_create_request(struct test_camera *cam,
					   const char *name)
{
	cam->nr_frames = 4;
	return (struct vcam_ioc_create){
		.device_name = (uintptr_t)name,
		.width = 640,
		.height = 480,
		.pixelformat = V4L2_PIX_FMT_YUYV,
		.nr_frames = cam->nr_frames,
		.frames = (uintptr_t)cam->frames,
	};
}

void test_camera_create(struct test_camera *cam, const char *name,
			uint32_t fourcc, uint32_t width, uint32_t height,
			uint32_t nr_frames)
{
	struct vcam_ioc_create request = test_create_request(cam, name);

	request.pixelformat = fourcc;
	request.width = width;
	request.height = height;
	request.nr_frames = cam->nr_frames = nr_frames;
	cam->control_fd = test_open_control();
	cr_assert_eq(ioctl(cam->control_fd, VCAM_IOC_CREATE, &request), 0,
		     "VCAM_IOC_CREATE: %s", strerror(errno));
	cam->node = request.device_nr;
	snprintf(cam->path, sizeof(cam->path), "/dev/video%u", cam->node);
}

void test_camera_destroy(struct test_camera *cam)
{
	close(cam->control_fd);
	cam->control_fd = -1;
}

int test_open_capture(const struct test_camera *cam)
{
	int fd = open(cam->path, O_RDWR | O_CLOEXEC);

	cr_assert_geq(fd, 0, "open %s: %s", cam->path, strerror(errno));
	return fd;
}

void test_read_sysfs(const struct test_camera *cam, const char *attribute,
		     char *buf, size_t size)
{
	char path[128];
	FILE *file;

	snprintf(path, sizeof(path), "/sys/class/video4linux/video%u/%s",
		 cam->node, attribute);
	file = fopen(path, "re");
	cr_assert_not_null(file, "open %s: %s", path, strerror(errno));
	cr_assert_not_null(fgets(buf, (int)size, file), "read %s", path);
	fclose(file);
	buf[strcspn(buf, "\n")] = '\0';
}

/* The array size in the first "char name[N];" after "struct video_device {". */
static size_t video_name_size_in(const char *header)
{
	const char *body = strstr(header, "\nstruct video_device {");
	const char *field = body ? strstr(body, "\tchar name[") : NULL;

	if (!field)
		return 0;
	return strtoul(field + strlen("\tchar name["), NULL, 10);
}

/* The kernel's media/v4l2-dev.h, through its headers' source or build link. */
static FILE *open_v4l2_dev_header(char *path, size_t size)
{
	static const char *const links[] = { "source", "build" };
	struct utsname uts;
	FILE *file = NULL;

	cr_assert_eq(uname(&uts), 0);
	for (size_t i = 0; i < 2 && !file; i++) {
		snprintf(path, size, "/lib/modules/%s/%s/include/media/v4l2-dev.h",
			 uts.release, links[i]);
		file = fopen(path, "re");
	}
	cr_assert_not_null(file, "open %s: %s; install linux-headers-%s",
			   path, strerror(errno), uts.release);
	return file;
}

size_t test_kernel_video_name_size(void)
{
	static char header[64 * 1024];
	char path[256];
	size_t length, size;
	FILE *file = open_v4l2_dev_header(path, sizeof(path));

	length = fread(header, 1, sizeof(header) - 1, file);
	fclose(file);
	header[length] = '\0';
	size = video_name_size_in(header);
	cr_assert_gt(size, 0, "no struct video_device name in %s", path);
	return size;
}

uint64_t test_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
