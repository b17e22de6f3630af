// SPDX-License-Identifier: GPL-2.0-only
/*
 * No producer can make a consumer wait: a frame queued in a DMA-BUF that
 * carries a write fence (vgem's, as a GPU still rendering into it would)
 * is copied once the fence signals, and if it does not signal soon, the
 * consumer gets its buffer back marked as an error and its STREAMOFF
 * returns at once, rather than both waiting for the producer's fence
 * (vgem's signal by themselves after 10 s; others never need to). Runs
 * inside the test VM.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <drm.h>
#include <drm_mode.h>

#include "camera.h"

#define WIDTH 64
#define HEIGHT 48
#define SIZEIMAGE (WIDTH * HEIGHT * 2)
#define NR_BUFFERS 2
/* The driver's bound is 200 ms; this leaves room for an emulated machine
 * and stays far below vgem's own 10 s. */
#define AT_ONCE_NS 2000000000ull

/* vgem's uAPI (include/uapi/drm/vgem_drm.h), which libdrm does not ship. */
struct vgem_fence_attach {
	__u32 handle;
	__u32 flags;
	__u32 out_fence;
	__u32 pad;
};

struct vgem_fence_signal {
	__u32 fence;
	__u32 flags;
};

#define VGEM_FENCE_WRITE 0x1
#define VGEM_IOCTL_FENCE_ATTACH \
	DRM_IOWR(DRM_COMMAND_BASE + 0x1, struct vgem_fence_attach)
#define VGEM_IOCTL_FENCE_SIGNAL \
	DRM_IOW(DRM_COMMAND_BASE + 0x2, struct vgem_fence_signal)

static struct test_camera producer;
static int vgem_fd = -1, frame_fd = -1, capture_fd = -1;
static uint32_t frame_handle;
static void *capture_maps[NR_BUFFERS];

static bool is_vgem(int fd)
{
	char name[16] = "";
	struct drm_version version = {
		.name = name, .name_len = sizeof(name) - 1,
	};

	return ioctl(fd, DRM_IOCTL_VERSION, &version) == 0 &&
	       strcmp(name, "vgem") == 0;
}

static int open_vgem(void)
{
	struct dirent *entry;
	char path[300];
	DIR *dir = opendir("/dev/dri");
	int fd = -1;

	cr_assert(dir, "/dev/dri: %s", strerror(errno));
	while (fd < 0 && (entry = readdir(dir))) {
		if (strncmp(entry->d_name, "card", 4) != 0)
			continue;
		snprintf(path, sizeof(path), "/dev/dri/%s", entry->d_name);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd >= 0 && !is_vgem(fd)) {
			close(fd);
			fd = -1;
		}
	}
	closedir(dir);
	cr_assert_geq(fd, 0, "no vgem card under /dev/dri");
	return fd;
}

/* A vgem buffer of one frame, all bytes value, exported as a DMA-BUF. */
static void make_frame(uint8_t value)
{
	struct drm_mode_create_dumb create = {
		.width = WIDTH * 2, .height = HEIGHT, .bpp = 8,
	};
	struct drm_prime_handle prime = { .flags = DRM_CLOEXEC | DRM_RDWR };
	void *data;

	cr_assert_eq(ioctl(vgem_fd, DRM_IOCTL_MODE_CREATE_DUMB, &create), 0,
		     "vgem dumb buffer: %s", strerror(errno));
	frame_handle = create.handle;
	prime.handle = create.handle;
	cr_assert_eq(ioctl(vgem_fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &prime), 0,
		     "vgem PRIME export: %s", strerror(errno));
	frame_fd = prime.fd;
	data = mmap(NULL, SIZEIMAGE, PROT_WRITE, MAP_SHARED, frame_fd, 0);
	cr_assert_neq(data, MAP_FAILED, "mmap the DMA-BUF: %s",
		      strerror(errno));
	memset(data, value, SIZEIMAGE);
	munmap(data, SIZEIMAGE);
}

static uint32_t attach_write_fence(void)
{
	struct vgem_fence_attach attach = {
		.handle = frame_handle, .flags = VGEM_FENCE_WRITE,
	};

	cr_assert_eq(ioctl(vgem_fd, VGEM_IOCTL_FENCE_ATTACH, &attach), 0,
		     "vgem fence attach: %s", strerror(errno));
	return attach.out_fence;
}

static void signal_fence(uint32_t fence)
{
	struct vgem_fence_signal signal = { .fence = fence };

	/* ETIMEDOUT: vgem signalled it already, after its 10 s. */
	cr_expect(ioctl(vgem_fd, VGEM_IOCTL_FENCE_SIGNAL, &signal) == 0 ||
		  errno == ETIMEDOUT, "vgem fence signal: %s",
		  strerror(errno));
}

static void start_consumer(void)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	struct v4l2_requestbuffers request = {
		.count = NR_BUFFERS, .type = type,
		.memory = V4L2_MEMORY_MMAP,
	};

	capture_fd = test_open_capture(&producer);
	cr_assert_eq(ioctl(capture_fd, VIDIOC_REQBUFS, &request), 0);
	cr_assert_eq(request.count, NR_BUFFERS);
	for (uint32_t i = 0; i < NR_BUFFERS; i++) {
		struct v4l2_buffer buffer = {
			.type = type, .memory = V4L2_MEMORY_MMAP, .index = i,
		};

		cr_assert_eq(ioctl(capture_fd, VIDIOC_QUERYBUF, &buffer), 0);
		capture_maps[i] = mmap(NULL, buffer.length, PROT_READ,
				       MAP_SHARED, capture_fd,
				       buffer.m.offset);
		cr_assert_neq(capture_maps[i], MAP_FAILED);
		cr_assert_eq(ioctl(capture_fd, VIDIOC_QBUF, &buffer), 0);
	}
	cr_assert_eq(ioctl(capture_fd, VIDIOC_STREAMON, &type), 0);
}

static void queue_frame(void)
{
	struct vcam_ioc_queue request = {
		.fd = (uint32_t)frame_fd, .index = 0,
	};

	cr_assert_eq(ioctl(producer.control_fd, VCAM_IOC_QUEUE, &request), 0,
		     "VCAM_IOC_QUEUE: %s", strerror(errno));
}

/* The consumer's next buffer, dequeued within AT_ONCE_NS. */
static struct v4l2_buffer dequeue_at_once(void)
{
	struct v4l2_buffer buffer = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	struct pollfd pfd = { .fd = capture_fd, .events = POLLIN };
	uint64_t started = test_monotonic_ns(), took;

	cr_assert_eq(poll(&pfd, 1, 15000), 1, "no buffer came back in 15 s");
	took = test_monotonic_ns() - started;
	cr_expect_lt(took, AT_ONCE_NS, "the buffer took %llu ms behind the "
		     "producer's fence", (unsigned long long)(took / 1000000));
	cr_assert_eq(ioctl(capture_fd, VIDIOC_DQBUF, &buffer), 0,
		     "VIDIOC_DQBUF: %s", strerror(errno));
	return buffer;
}

static void setup(void)
{
	cr_assert_eq(system("modprobe vgem"), 0, "modprobe vgem failed");
	vgem_fd = open_vgem();
	test_camera_create(&producer, "Fence", V4L2_PIX_FMT_YUYV, WIDTH,
			   HEIGHT, 2);
}

static void teardown(void)
{
	if (capture_fd >= 0)
		close(capture_fd);
	for (uint32_t i = 0; i < NR_BUFFERS; i++) {
		if (capture_maps[i] && capture_maps[i] != MAP_FAILED)
			munmap(capture_maps[i], SIZEIMAGE);
	}
	if (producer.control_fd >= 0)
		test_camera_destroy(&producer);
	if (frame_fd >= 0)
		close(frame_fd);
	if (vgem_fd >= 0)
		close(vgem_fd);
}

TestSuite(fence, .init = setup, .fini = teardown, .timeout = 60);

Test(fence, a_frame_is_copied_once_its_fence_signals)
{
	struct v4l2_buffer buffer;
	const uint8_t *pixels;
	uint32_t fence;

	make_frame(0x5a);
	fence = attach_write_fence();
	start_consumer();
	queue_frame();
	signal_fence(fence);
	buffer = dequeue_at_once();
	cr_expect_eq(buffer.flags & V4L2_BUF_FLAG_ERROR, 0,
		     "the frame came marked as an error");
	pixels = capture_maps[buffer.index];
	cr_expect(pixels[0] == 0x5a && pixels[SIZEIMAGE - 1] == 0x5a,
		  "the consumer got %#x..%#x, not the frame's 0x5a", pixels[0],
		  pixels[SIZEIMAGE - 1]);
}

Test(fence, a_fence_that_does_not_signal_holds_neither_frame_nor_streamoff)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	struct vcam_ioc_dequeue done = { 0 };
	struct v4l2_buffer buffer;
	uint64_t started, took;
	uint32_t fence;

	make_frame(0x5a);
	fence = attach_write_fence();
	start_consumer();
	queue_frame();
	buffer = dequeue_at_once();
	cr_expect_neq(buffer.flags & V4L2_BUF_FLAG_ERROR, 0,
		      "a frame whose fence never signalled came as good");
	cr_expect_eq(ioctl(producer.control_fd, VCAM_IOC_DEQUEUE, &done), 0,
		     "the producer does not get its frame back: %s",
		     strerror(errno));
	queue_frame();
	started = test_monotonic_ns();
	cr_expect_eq(ioctl(capture_fd, VIDIOC_STREAMOFF, &type), 0);
	took = test_monotonic_ns() - started;
	cr_expect_lt(took, AT_ONCE_NS, "VIDIOC_STREAMOFF took %llu ms behind "
		     "the producer's fence",
		     (unsigned long long)(took / 1000000));
	signal_fence(fence);
}
