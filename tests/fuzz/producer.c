// SPDX-License-Identifier: GPL-2.0-only
/*
 * The producer: one /dev/vcam file, on which it creates a camera with
 * valid, boundary and garbage arguments, queues and dequeues DMA-BUFs (and
 * things that are not), waits, sets intervals, acquires and commits, polls,
 * closes and reopens, and now and then dies by SIGKILL.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/vcam.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <vcam/dmabuf.h>

#include "fuzz.h"

#define MAX_FRAMES 32

struct producer {
	int fd;
	bool created;
	uint32_t nr_frames;
	struct vcam_frame frames[MAX_FRAMES + 1];
	struct vcam_dmabuf bufs[MAX_FRAMES];
	struct vcam_dmabuf small;		/* one page: too small */
	struct vcam_dmabuf_allocator *allocator;
	int lent_fds[64];			/* from ACQUIRE */
	uint32_t generation;
	uint32_t acquired_index;
};

static const uint32_t formats[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
	V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_MJPEG,
};
static const uint32_t widths[] = { 640, 320, 64, 2, 16, 1280, 8192 };
static const uint32_t heights[] = { 480, 240, 48, 2, 16, 720, 8192 };
static const uint32_t frame_counts[] = { 2, 3, 4, 8, 32 };

static void close_lent(struct producer *p)
{
	for (size_t i = 0; i < sizeof(p->lent_fds) / sizeof(p->lent_fds[0]); i++)
		if (p->lent_fds[i] >= 0) {
			close(p->lent_fds[i]);
			p->lent_fds[i] = -1;
		}
}

static void close_camera(struct fuzz_worker *w, struct producer *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	p->created = false;
	close_lent(p);
	for (uint32_t i = 0; i < MAX_FRAMES; i++)
		vcam_dmabuf_free(&p->bufs[i]);
	atomic_store(&w->shared->node, -1);
}

static void op_open(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	int flags = O_RDWR | O_CLOEXEC;

	if (p->fd >= 0 && !fuzz_percent(&w->rng, 10))
		return;
	close_camera(w, p);
	if (fuzz_percent(&w->rng, 85))
		flags |= O_NONBLOCK;
	p->fd = open("/dev/vcam", flags);
}

static const char *const bad_names[] = {
	"", " lead", "trail ", "bad/char", "01234567890123456789012345678901",
	"\xff\xfe",
};

/* One field of req made a boundary or garbage value. */
static void spoil(struct fuzz_rng *rng, struct vcam_ioc_create *req,
		  char *name, size_t name_size)
{
	switch (fuzz_below(rng, 10)) {
	case 0:
		snprintf(name, name_size, "%s", bad_names[fuzz_below(rng, 6)]);
		break;
	case 1:
		req->device_name = (uintptr_t)fuzz_bad_pointer(rng);
		break;
	case 2:
		req->width = fuzz_u32(rng, widths, 7);
		break;
	case 3:
		req->height = fuzz_u32(rng, heights, 7);
		break;
	case 4:
		req->pixelformat = fuzz_u32(rng, NULL, 0);
		break;
	case 5:
		req->colorspace = fuzz_u32(rng, NULL, 0);
		break;
	case 6:
		req->bytesperline = fuzz_u32(rng, NULL, 0);
		break;
	case 7:
		if (fuzz_percent(rng, 50))
			req->reserved = fuzz_u32(rng, NULL, 0);
		else
			req->device_nr = fuzz_u32(rng, NULL, 0);
		break;
	case 8:
		req->nr_frames = fuzz_u32(rng, NULL, 0);
		break;
	default:
		req->frames = (uintptr_t)fuzz_bad_pointer(rng);
	}
}

/* Mostly a valid request; else one with a few fields spoilt. */
static void make_request(struct fuzz_rng *rng, struct producer *p,
			 struct vcam_ioc_create *req, char *name,
			 size_t name_size)
{
	snprintf(name, name_size, "Fuzz Cam %u", fuzz_below(rng, 100));
	*req = (struct vcam_ioc_create){
		.device_name = (uintptr_t)name,
		.width = 64u << fuzz_below(rng, 4),
		.height = 48u << fuzz_below(rng, 4),
		.pixelformat = formats[fuzz_below(rng, 5)],
		.nr_frames = frame_counts[fuzz_below(rng, 5)],
		.frames = (uintptr_t)p->frames,
	};
	if (fuzz_percent(rng, 30))
		for (uint32_t n = 1 + fuzz_below(rng, 3); n; n--)
			spoil(rng, req, name, name_size);
	/* Keep the guest's memory: huge frames only as thin ones. */
	if ((uint64_t)req->width * req->height > 2000000) {
		req->width = fuzz_percent(rng, 50) ? 8192 : 2;
		req->height = req->width == 2 ? 8192 : 2;
	}
}

static void op_create(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	struct vcam_ioc_create req;
	char name[64];

	if (p->fd < 0)
		op_open(w, ctx);
	make_request(&w->rng, p, &req, name, sizeof(name));
	if (fuzz_ioctl(w, p->fd, VCAM_IOC_CREATE,
		       fuzz_pointer(&w->rng, &req, sizeof(req))))
		return;
	p->created = true;
	p->nr_frames = req.nr_frames;
	p->generation = 0;
	atomic_store(&w->shared->node, (int)req.device_nr);
}

/* A DMA-BUF for frame slot index, allocated the first time. */
static int frame_fd(struct producer *p, uint32_t index)
{
	struct vcam_dmabuf *buf = &p->bufs[index];

	if (buf->fd < 0 && p->allocator &&
	    vcam_dmabuf_alloc(p->allocator, p->frames[index].length, buf))
		buf->fd = -1;
	return buf->fd;
}

static void op_queue(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct vcam_ioc_queue q = { 0 };
	uint32_t index = fuzz_below(rng, p->nr_frames ? p->nr_frames : 1);

	q.index = fuzz_percent(rng, 90) ? index : fuzz_u32(rng, NULL, 0);
	q.fd = (uint32_t)(p->created && index < p->nr_frames ?
			  frame_fd(p, index) : -1);
	if (fuzz_percent(rng, 10))
		q.fd = (uint32_t)(fuzz_percent(rng, 50) ? p->small.fd :
				  fuzz_bad_fd(rng));
	q.length = fuzz_percent(rng, 80) ? 0 : fuzz_u32(rng,
			&p->frames[index % MAX_FRAMES].length, 1);
	q.reserved = fuzz_percent(rng, 95) ? 0 : fuzz_u32(rng, NULL, 0);
	q.timestamp = fuzz_u64(rng);
	fuzz_ioctl(w, p->fd, VCAM_IOC_QUEUE, fuzz_pointer(rng, &q, sizeof(q)));
}

static void op_dequeue(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	struct vcam_ioc_dequeue d;

	fuzz_ioctl(w, p->fd, VCAM_IOC_DEQUEUE, fuzz_pointer(&w->rng, &d, sizeof(d)));
}

static void op_status(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	uint64_t status;

	fuzz_ioctl(w, p->fd, VCAM_IOC_STATUS,
	      fuzz_pointer(&w->rng, &status, sizeof(status)));
}

static void op_wait(struct fuzz_worker *w, void *ctx)
{
	static const uint32_t masks[] = {
		VCAM_STATUS_IDLE, VCAM_STATUS_STREAMING,
		VCAM_STATUS_IDLE | VCAM_STATUS_STREAMING,
	};
	struct producer *p = ctx;
	struct vcam_ioc_wait wait = {
		.mask = fuzz_u32(&w->rng, masks, 3),
	};

	if (fuzz_percent(&w->rng, 3))
		wait.mask |= fuzz_u64(&w->rng);
	fuzz_ioctl(w, p->fd, VCAM_IOC_WAIT,
		   fuzz_pointer(&w->rng, &wait, sizeof(wait)));
}

static void op_interval(struct fuzz_worker *w, void *ctx)
{
	static const uint32_t numerators[] = { 1, 1001 };
	static const uint32_t denominators[] = { 30, 30000, 1, 1000, 1001, 15 };
	struct producer *p = ctx;
	struct vcam_ioc_interval interval = {
		.numerator = fuzz_u32(&w->rng, numerators, 2),
		.denominator = fuzz_u32(&w->rng, denominators, 6),
	};
	unsigned long cmd = fuzz_percent(&w->rng, 50) ? VCAM_IOC_S_INTERVAL :
			    VCAM_IOC_G_INTERVAL;

	fuzz_ioctl(w, p->fd, cmd, fuzz_pointer(&w->rng, &interval, sizeof(interval)));
}

/* Writes a few bytes into a lent buffer, as a producer rendering would. */
static void touch_lent(struct producer *p, int fd, uint32_t length)
{
	void *data;

	if (fd < 0 || length == 0 || length > 64u << 20)
		return;
	data = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (data == MAP_FAILED)
		return;
	memset(data, (int)p->acquired_index, length < 4096 ? length : 4096);
	munmap(data, length);
}

static uint64_t held_mask(const struct producer *p)
{
	uint64_t mask = 0;

	for (unsigned int i = 0; i < 64; i++)
		if (p->lent_fds[i] >= 0)
			mask |= 1ULL << i;
	return mask;
}

static void op_acquire(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct vcam_ioc_acquire a = {
		.fds_held = fuzz_percent(rng, 85) ? held_mask(p) : fuzz_u64(rng),
		.generation = fuzz_percent(rng, 90) ? p->generation :
			      fuzz_u32(rng, NULL, 0),
		.reserved = fuzz_percent(rng, 95) ? 0 : fuzz_u32(rng, NULL, 0),
	};

	if (fuzz_ioctl(w, p->fd, VCAM_IOC_ACQUIRE, fuzz_pointer(rng, &a, sizeof(a))))
		return;
	if (a.generation != p->generation)
		close_lent(p);
	p->generation = a.generation;
	p->acquired_index = a.index;
	if (a.fd >= 0 && a.index < 64) {
		if (p->lent_fds[a.index] >= 0)
			close(p->lent_fds[a.index]);
		p->lent_fds[a.index] = a.fd;
	} else if (a.fd >= 0) {
		close(a.fd);
	}
	if (a.index < 64 && fuzz_percent(rng, 70))
		touch_lent(p, p->lent_fds[a.index], a.length);
}

static void op_commit(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct vcam_ioc_commit c = {
		.index = fuzz_percent(rng, 85) ? p->acquired_index :
			 fuzz_u32(rng, NULL, 0),
		.generation = fuzz_percent(rng, 90) ? p->generation :
			      fuzz_u32(rng, NULL, 0),
		.length = fuzz_percent(rng, 80) ? 0 : fuzz_u32(rng, NULL, 0),
		.flags = fuzz_percent(rng, 80) ? 0 :
			 fuzz_percent(rng, 70) ? VCAM_COMMIT_DISCARD :
			 fuzz_u32(rng, NULL, 0),
		.dropped = fuzz_percent(rng, 80) ? 0 : fuzz_u32(rng, NULL, 0),
	};

	if (fuzz_percent(rng, 5))
		c.reserved[fuzz_below(rng, 3)] = fuzz_u32(rng, NULL, 0);
	fuzz_ioctl(w, p->fd, VCAM_IOC_COMMIT, fuzz_pointer(rng, &c, sizeof(c)));
}

static void op_poll(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	struct pollfd pfd = {
		.fd = p->fd,
		.events = (short)(POLLIN | POLLOUT | POLLPRI),
	};

	poll(&pfd, 1, (int)fuzz_below(&w->rng, 20));
}

static void op_write_frame(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	uint32_t index = fuzz_below(&w->rng, p->nr_frames ? p->nr_frames : 1);
	struct vcam_dmabuf *buf = &p->bufs[index];

	if (!p->created || frame_fd(p, index) < 0)
		return;
	vcam_dmabuf_begin_cpu_write(buf);
	memset(buf->data, (int)fuzz_u64(&w->rng), buf->size);
	vcam_dmabuf_end_cpu_write(buf);
}

/* An ioctl vcam does not have, or one of its own with a wrong size. */
static void op_foreign_ioctl(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;
	uint8_t arg[256] = { 0 };
	unsigned long cmd;

	if (fuzz_percent(&w->rng, 50))
		cmd = _IOC(fuzz_below(&w->rng, 4), VCAM_IOC_BASE,
			   fuzz_below(&w->rng, 16), fuzz_below(&w->rng, 80));
	else
		cmd = (unsigned long)fuzz_u32(&w->rng, NULL, 0);
	fuzz_ioctl(w, p->fd, cmd, fuzz_pointer(&w->rng, arg, sizeof(arg)));
}

static void op_close(struct fuzz_worker *w, void *ctx)
{
	close_camera(w, ctx);
}

static void op_die(struct fuzz_worker *w, void *ctx)
{
	(void)ctx;
	if (fuzz_percent(&w->rng, 25))
		fuzz_worker_die(w);
}

static const struct fuzz_op producer_ops[] = {
	{ "open /dev/vcam", op_open, 4 },
	{ "VCAM_IOC_CREATE", op_create, 6 },
	{ "VCAM_IOC_QUEUE", op_queue, 30 },
	{ "VCAM_IOC_DEQUEUE", op_dequeue, 20 },
	{ "VCAM_IOC_STATUS", op_status, 4 },
	{ "VCAM_IOC_WAIT", op_wait, 3 },
	{ "VCAM_IOC_G/S_INTERVAL", op_interval, 4 },
	{ "VCAM_IOC_ACQUIRE", op_acquire, 12 },
	{ "VCAM_IOC_COMMIT", op_commit, 10 },
	{ "poll /dev/vcam", op_poll, 4 },
	{ "write a DMA-BUF", op_write_frame, 4 },
	{ "foreign ioctl on /dev/vcam", op_foreign_ioctl, 2 },
	{ "close /dev/vcam", op_close, 1 },
	{ "die by SIGKILL", op_die, 1 },
};

/* Mostly keeps a camera, so that consumers have one to open. */
static void before_op(struct fuzz_worker *w, void *ctx)
{
	struct producer *p = ctx;

	if (!p->created && fuzz_percent(&w->rng, 50))
		op_create(w, ctx);
}

int fuzz_producer_run(struct fuzz_worker *w)
{
	struct producer p = { .fd = -1 };

	for (size_t i = 0; i < 64; i++)
		p.lent_fds[i] = -1;
	for (size_t i = 0; i < MAX_FRAMES; i++)
		p.bufs[i].fd = -1;
	p.small.fd = -1;
	if (vcam_dmabuf_allocator_open(&p.allocator, VCAM_DMABUF_AUTO) == 0)
		vcam_dmabuf_alloc(p.allocator, 4096, &p.small);
	else
		fprintf(stderr, "vcam-fuzz: producer: no DMA-BUF allocator "
			"(load vgem, or use a kernel with DMA-BUF heaps); "
			"queuing only bad fds\n");
	fuzz_worker_loop_with(w, producer_ops,
			      sizeof(producer_ops) / sizeof(producer_ops[0]),
			      &p, before_op);
	close_camera(w, &p);
	vcam_dmabuf_free(&p.small);
	vcam_dmabuf_allocator_close(p.allocator);
	return 0;
}
