// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reopener: opens and closes /dev/vcam and the capture node at random,
 * makes short-lived cameras of its own, and closes a capture node while it
 * is mapped or streams.
 */

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <linux/vcam.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "fuzz.h"

#define MAX_FDS 8

struct reopener {
	int fds[MAX_FDS];
};

static int take_slot(struct fuzz_worker *w, struct reopener *r)
{
	int slot = (int)fuzz_below(&w->rng, MAX_FDS);

	if (r->fds[slot] >= 0)
		close(r->fds[slot]);
	r->fds[slot] = -1;
	return slot;
}

static void op_open_control(struct fuzz_worker *w, void *ctx)
{
	struct reopener *r = ctx;

	r->fds[take_slot(w, r)] = open("/dev/vcam", O_RDWR | O_CLOEXEC);
}

static void op_open_capture(struct fuzz_worker *w, void *ctx)
{
	struct reopener *r = ctx;
	int node = atomic_load(&w->shared->node);
	char path[32];

	if (node < 0)
		return;
	snprintf(path, sizeof(path), "/dev/video%d", node);
	r->fds[take_slot(w, r)] = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
}

/* A camera of its own, on a fresh /dev/vcam file, gone at the close. */
static void op_own_camera(struct fuzz_worker *w, void *ctx)
{
	struct reopener *r = ctx;
	struct vcam_frame frames[2];
	struct vcam_ioc_create req = {
		.device_name = (uintptr_t)"Reopener",
		.width = 64,
		.height = 48,
		.pixelformat = V4L2_PIX_FMT_YUYV,
		.nr_frames = 2,
		.frames = (uintptr_t)frames,
	};
	int slot = take_slot(w, r);

	r->fds[slot] = open("/dev/vcam", O_RDWR | O_CLOEXEC);
	if (r->fds[slot] >= 0)
		fuzz_ioctl(w, r->fds[slot], VCAM_IOC_CREATE, &req);
}

/* Opens the capture node, maps and streams it, and closes it at once. */
static void op_stream_and_close(struct fuzz_worker *w, void *ctx)
{
	struct v4l2_requestbuffers req = {
		.count = 2,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	int node = atomic_load(&w->shared->node);
	void *addr = MAP_FAILED;
	char path[32];
	int fd;

	(void)ctx;
	if (node < 0)
		return;
	snprintf(path, sizeof(path), "/dev/video%d", node);
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fuzz_ioctl(w, fd, VIDIOC_REQBUFS, &req) == 0 &&
	    fuzz_ioctl(w, fd, VIDIOC_QUERYBUF, &buf) == 0)
		addr = mmap(NULL, buf.length, PROT_READ, MAP_SHARED, fd,
			    buf.m.offset);
	fuzz_ioctl(w, fd, VIDIOC_QBUF, &buf);
	fuzz_ioctl(w, fd, VIDIOC_STREAMON, &type);
	close(fd);
	/* The mapping outlives its file, and maybe the camera. */
	if (addr != MAP_FAILED) {
		usleep(fuzz_below(&w->rng, 1000));
		munmap(addr, buf.length);
	}
}

static void op_close(struct fuzz_worker *w, void *ctx)
{
	take_slot(w, ctx);
}

static void op_dup_close(struct fuzz_worker *w, void *ctx)
{
	struct reopener *r = ctx;
	int slot = (int)fuzz_below(&w->rng, MAX_FDS);
	int copy;

	if (r->fds[slot] < 0)
		return;
	copy = dup(r->fds[slot]);
	close(r->fds[slot]);
	r->fds[slot] = copy;
}

static const struct fuzz_op reopener_ops[] = {
	{ "open /dev/vcam", op_open_control, 3 },
	{ "open the capture node", op_open_capture, 6 },
	{ "create a camera of its own", op_own_camera, 2 },
	{ "stream the capture node and close it", op_stream_and_close, 3 },
	{ "dup and close", op_dup_close, 2 },
	{ "close", op_close, 8 },
};

int fuzz_reopener_run(struct fuzz_worker *w)
{
	struct reopener r;

	for (int i = 0; i < MAX_FDS; i++)
		r.fds[i] = -1;
	fuzz_worker_loop(w, reopener_ops,
			 sizeof(reopener_ops) / sizeof(reopener_ops[0]), &r);
	for (int i = 0; i < MAX_FDS; i++)
		if (r.fds[i] >= 0)
			close(r.fds[i]);
	return 0;
}
