// SPDX-License-Identifier: GPL-2.0-only
/*
 * A consumer: the producer's capture node, opened and closed at random,
 * with every ioctl an application uses (formats, parameters, buffers of the
 * three memory types, streaming), read(), mmap()/munmap() and poll().
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <vcam/dmabuf.h>

#include "fuzz.h"

#define MAX_BUFFERS 8
#define MAX_MAPS 16
#define MAX_EXPORTED 16

struct mapping {
	void *addr;
	size_t length;
};

struct consumer {
	int fd;
	uint32_t memory;		/* of the last REQBUFS that worked */
	uint32_t count;
	uint32_t sizeimage;
	struct mapping maps[MAX_MAPS];
	void *userptr[MAX_BUFFERS];
	size_t userptr_length;
	struct vcam_dmabuf dmabufs[MAX_BUFFERS];
	int exported[MAX_EXPORTED];
	struct vcam_dmabuf_allocator *allocator;
};

static const uint32_t formats[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_NV12, V4L2_PIX_FMT_YUV420,
	V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_MJPEG,
};
static const uint32_t memories[] = {
	V4L2_MEMORY_MMAP, V4L2_MEMORY_USERPTR, V4L2_MEMORY_DMABUF,
};
static const uint32_t buf_types[] = { V4L2_BUF_TYPE_VIDEO_CAPTURE };
static const uint32_t small_counts[] = { 0, 1, 2, 3, 4, 8 };

static void unmap_all(struct consumer *c)
{
	for (int i = 0; i < MAX_MAPS; i++)
		if (c->maps[i].addr) {
			munmap(c->maps[i].addr, c->maps[i].length);
			c->maps[i].addr = NULL;
		}
}

static void close_exported(struct consumer *c)
{
	for (int i = 0; i < MAX_EXPORTED; i++)
		if (c->exported[i] >= 0) {
			close(c->exported[i]);
			c->exported[i] = -1;
		}
}

static void op_close(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;

	if (fuzz_percent(&w->rng, 50))
		unmap_all(c);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	c->count = 0;
}

static void read_sizeimage(struct consumer *c)
{
	struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

	if (ioctl(c->fd, VIDIOC_G_FMT, &fmt) == 0)
		c->sizeimage = fmt.fmt.pix.sizeimage;
}

static void op_open(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	int node = atomic_load(&w->shared->node);
	char path[32];

	if (c->fd >= 0 && !fuzz_percent(&w->rng, 20))
		return;
	op_close(w, ctx);
	if (node < 0)
		return;
	snprintf(path, sizeof(path), "/dev/video%d", node);
	c->fd = open(path, O_RDWR | O_CLOEXEC |
		     (fuzz_percent(&w->rng, 70) ? O_NONBLOCK : 0));
	if (c->fd >= 0)
		read_sizeimage(c);
}

static void op_querycap(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct v4l2_capability cap;

	fuzz_ioctl(w, c->fd, VIDIOC_QUERYCAP,
		   fuzz_pointer(&w->rng, &cap, sizeof(cap)));
}

static void op_enum(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	union {
		struct v4l2_fmtdesc fmt;
		struct v4l2_frmsizeenum size;
		struct v4l2_frmivalenum ival;
		struct v4l2_input input;
	} u;
	static const uint32_t indices[] = { 0, 1, 2, 3, 4, 5 };

	memset(&u, 0, sizeof(u));
	switch (fuzz_below(rng, 4)) {
	case 0:
		u.fmt.index = fuzz_u32(rng, indices, 6);
		u.fmt.type = fuzz_u32(rng, buf_types, 1);
		fuzz_ioctl(w, c->fd, VIDIOC_ENUM_FMT, fuzz_pointer(rng, &u, sizeof(u.fmt)));
		break;
	case 1:
		u.size.index = fuzz_u32(rng, indices, 6);
		u.size.pixel_format = fuzz_u32(rng, formats, 5);
		fuzz_ioctl(w, c->fd, VIDIOC_ENUM_FRAMESIZES,
		      fuzz_pointer(rng, &u, sizeof(u.size)));
		break;
	case 2:
		u.ival.index = fuzz_u32(rng, indices, 6);
		u.ival.pixel_format = fuzz_u32(rng, formats, 5);
		u.ival.width = fuzz_percent(rng, 50) ? 640 : fuzz_u32(rng, NULL, 0);
		u.ival.height = fuzz_percent(rng, 50) ? 480 : fuzz_u32(rng, NULL, 0);
		fuzz_ioctl(w, c->fd, VIDIOC_ENUM_FRAMEINTERVALS,
		      fuzz_pointer(rng, &u, sizeof(u.ival)));
		break;
	default:
		u.input.index = fuzz_u32(rng, indices, 2);
		fuzz_ioctl(w, c->fd, fuzz_percent(rng, 50) ? VIDIOC_ENUMINPUT :
		      fuzz_percent(rng, 50) ? VIDIOC_G_INPUT : VIDIOC_S_INPUT,
		      fuzz_pointer(rng, &u, sizeof(u.input)));
	}
}

static void op_fmt(struct fuzz_worker *w, void *ctx)
{
	static const uint32_t sizes[] = { 640, 480, 64, 48, 2, 8192, 1 };
	static const uint32_t fields[] = { V4L2_FIELD_NONE, V4L2_FIELD_ANY };
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct v4l2_format fmt = { .type = fuzz_u32(rng, buf_types, 1) };
	static const unsigned long cmds[] = {
		VIDIOC_G_FMT, VIDIOC_S_FMT, VIDIOC_TRY_FMT,
	};
	unsigned long cmd = cmds[fuzz_below(rng, 3)];

	if (cmd != VIDIOC_G_FMT) {
		if (fuzz_percent(rng, 50))
			fuzz_ioctl(w, c->fd, VIDIOC_G_FMT, &fmt);
		else {
			fmt.fmt.pix.width = fuzz_u32(rng, sizes, 7);
			fmt.fmt.pix.height = fuzz_u32(rng, sizes, 7);
			fmt.fmt.pix.pixelformat = fuzz_u32(rng, formats, 5);
			fmt.fmt.pix.field = fuzz_u32(rng, fields, 2);
			fmt.fmt.pix.bytesperline = fuzz_u32(rng, NULL, 0);
			fmt.fmt.pix.sizeimage = fuzz_u32(rng, NULL, 0);
		}
	}
	fuzz_ioctl(w, c->fd, cmd, fuzz_pointer(rng, &fmt, sizeof(fmt)));
}

static void op_parm(struct fuzz_worker *w, void *ctx)
{
	static const uint32_t denominators[] = { 30, 15, 1000, 1, 60, 30000 };
	static const uint32_t numerators[] = { 1, 1001 };
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct v4l2_streamparm parm = { .type = fuzz_u32(rng, buf_types, 1) };
	bool set = fuzz_percent(rng, 60);

	if (set) {
		parm.parm.capture.timeperframe.numerator =
			fuzz_u32(rng, numerators, 2);
		parm.parm.capture.timeperframe.denominator =
			fuzz_u32(rng, denominators, 6);
		parm.parm.capture.readbuffers = fuzz_u32(rng, small_counts, 6);
	}
	fuzz_ioctl(w, c->fd, set ? VIDIOC_S_PARM : VIDIOC_G_PARM,
	      fuzz_pointer(rng, &parm, sizeof(parm)));
}

static void op_reqbufs(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct v4l2_requestbuffers req = {
		.count = fuzz_u32(rng, small_counts, 6),
		.type = fuzz_u32(rng, buf_types, 1),
		.memory = fuzz_u32(rng, memories, 3),
	};

	if (fuzz_percent(rng, 5))
		req.reserved[0] = fuzz_u32(rng, NULL, 0);
	if (fuzz_ioctl(w, c->fd, VIDIOC_REQBUFS, fuzz_pointer(rng, &req, sizeof(req))))
		return;
	c->memory = req.memory;
	c->count = req.count;
}

static void op_create_bufs(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct v4l2_create_buffers create = {
		.count = fuzz_u32(rng, small_counts, 6),
		.memory = fuzz_u32(rng, memories, 3),
		.format.type = fuzz_u32(rng, buf_types, 1),
	};

	fuzz_ioctl(w, c->fd, VIDIOC_G_FMT, &create.format);
	if (fuzz_percent(rng, 30))
		create.format.fmt.pix.sizeimage = fuzz_u32(rng, &c->sizeimage, 1);
	if (fuzz_ioctl(w, c->fd, VIDIOC_CREATE_BUFS,
		  fuzz_pointer(rng, &create, sizeof(create))) == 0 &&
	    create.count) {
		c->memory = create.memory;
		c->count = create.index + create.count;
	}
}

static uint32_t some_index(struct fuzz_worker *w, const struct consumer *c)
{
	if (c->count && fuzz_percent(&w->rng, 90))
		return fuzz_below(&w->rng, c->count);
	return fuzz_u32(&w->rng, small_counts, 6);
}

static void op_querybuf(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct v4l2_buffer buf = {
		.index = some_index(w, c),
		.type = fuzz_u32(&w->rng, buf_types, 1),
		.memory = c->memory,
	};

	fuzz_ioctl(w, c->fd, VIDIOC_QUERYBUF,
		   fuzz_pointer(&w->rng, &buf, sizeof(buf)));
}

/* A user buffer of sizeimage bytes, or a bad or short one. */
static unsigned long userptr_for(struct fuzz_worker *w, struct consumer *c,
				 uint32_t index, uint32_t *length)
{
	size_t want = c->sizeimage ? c->sizeimage : 4096;

	*length = (uint32_t)want;
	if (fuzz_percent(&w->rng, 10)) {
		*length = fuzz_u32(&w->rng, NULL, 0);
		return (uintptr_t)fuzz_bad_pointer(&w->rng);
	}
	if (c->userptr_length != want) {
		for (int i = 0; i < MAX_BUFFERS; i++)
			if (c->userptr[i]) {
				munmap(c->userptr[i], c->userptr_length);
				c->userptr[i] = NULL;
			}
		c->userptr_length = want;
	}
	index %= MAX_BUFFERS;
	if (!c->userptr[index]) {
		c->userptr[index] = mmap(NULL, want, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (c->userptr[index] == MAP_FAILED)
			c->userptr[index] = NULL;
	}
	return (uintptr_t)c->userptr[index];
}

static int dmabuf_for(struct fuzz_worker *w, struct consumer *c,
		      uint32_t index, uint32_t *length)
{
	struct vcam_dmabuf *buf = &c->dmabufs[index % MAX_BUFFERS];
	size_t want = c->sizeimage ? c->sizeimage : 4096;

	if (fuzz_percent(&w->rng, 10)) {
		*length = fuzz_u32(&w->rng, NULL, 0);
		return fuzz_bad_fd(&w->rng);
	}
	if (buf->fd >= 0 && buf->size < want)
		vcam_dmabuf_free(buf);
	if (buf->fd < 0 && c->allocator &&
	    vcam_dmabuf_alloc(c->allocator, want, buf))
		buf->fd = -1;
	*length = (uint32_t)buf->size;
	return buf->fd;
}

static void op_qbuf(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct v4l2_buffer buf = {
		.index = some_index(w, c),
		.type = fuzz_u32(rng, buf_types, 1),
		.memory = fuzz_percent(rng, 90) ? c->memory :
			  fuzz_u32(rng, memories, 3),
	};

	if (buf.memory == V4L2_MEMORY_USERPTR)
		buf.m.userptr = userptr_for(w, c, buf.index, &buf.length);
	else if (buf.memory == V4L2_MEMORY_DMABUF)
		buf.m.fd = dmabuf_for(w, c, buf.index, &buf.length);
	if (fuzz_percent(rng, 5))
		buf.flags = fuzz_u32(rng, NULL, 0);
	fuzz_ioctl(w, c->fd, VIDIOC_QBUF, fuzz_pointer(rng, &buf, sizeof(buf)));
}

static void op_dqbuf(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct v4l2_buffer buf = {
		.type = fuzz_u32(&w->rng, buf_types, 1),
		.memory = c->memory,
	};

	fuzz_ioctl(w, c->fd, VIDIOC_DQBUF, fuzz_pointer(&w->rng, &buf, sizeof(buf)));
}

static void op_expbuf(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct v4l2_exportbuffer exp = {
		.type = fuzz_u32(rng, buf_types, 1),
		.index = some_index(w, c),
		.flags = fuzz_percent(rng, 90) ? O_CLOEXEC | O_RDWR :
			 fuzz_u32(rng, NULL, 0),
	};
	int slot = (int)fuzz_below(rng, MAX_EXPORTED);

	if (fuzz_ioctl(w, c->fd, VIDIOC_EXPBUF, fuzz_pointer(rng, &exp, sizeof(exp))))
		return;
	if (c->exported[slot] >= 0)
		close(c->exported[slot]);
	c->exported[slot] = exp.fd;
}

static void op_stream(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	int type = (int)fuzz_u32(&w->rng, buf_types, 1);

	fuzz_ioctl(w, c->fd, fuzz_percent(&w->rng, 60) ? VIDIOC_STREAMON :
	      VIDIOC_STREAMOFF, fuzz_pointer(&w->rng, &type, sizeof(type)));
}

static void op_read(struct fuzz_worker *w, void *ctx)
{
	static uint8_t frame[8 << 20];
	struct consumer *c = ctx;
	size_t length = fuzz_percent(&w->rng, 70) ? c->sizeimage :
			fuzz_below(&w->rng, sizeof(frame));

	if (length > sizeof(frame))
		length = sizeof(frame);
	if (fuzz_percent(&w->rng, 10))
		read(c->fd, fuzz_bad_pointer(&w->rng), length);
	else
		read(c->fd, frame, length);
}

static void op_mmap(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct fuzz_rng *rng = &w->rng;
	struct v4l2_buffer buf = {
		.index = some_index(w, c),
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int slot = (int)fuzz_below(rng, MAX_MAPS);
	size_t length;
	off_t offset;
	void *addr;

	if (fuzz_ioctl(w, c->fd, VIDIOC_QUERYBUF, &buf) == 0) {
		length = buf.length;
		offset = buf.m.offset;
	} else {
		length = 4096;
		offset = 0;
	}
	if (fuzz_percent(rng, 15))
		length = fuzz_u32(rng, NULL, 0);
	if (fuzz_percent(rng, 10))
		offset = (off_t)fuzz_u32(rng, NULL, 0) & ~(off_t)4095;
	addr = mmap(NULL, length, PROT_READ |
		    (fuzz_percent(rng, 50) ? PROT_WRITE : 0),
		    fuzz_percent(rng, 90) ? MAP_SHARED : MAP_PRIVATE,
		    c->fd, offset);
	if (addr == MAP_FAILED)
		return;
	if (c->maps[slot].addr)
		munmap(c->maps[slot].addr, c->maps[slot].length);
	c->maps[slot] = (struct mapping){ addr, length };
	/* Touch it: the pages must be there. */
	(void)*(volatile uint8_t *)addr;
}

static void op_munmap(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	int slot = (int)fuzz_below(&w->rng, MAX_MAPS);

	if (!c->maps[slot].addr)
		return;
	munmap(c->maps[slot].addr, c->maps[slot].length);
	c->maps[slot].addr = NULL;
}

static void op_poll(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct pollfd pfd = {
		.fd = c->fd,
		.events = (short)(POLLIN | POLLPRI | POLLOUT),
	};

	poll(&pfd, 1, (int)fuzz_below(&w->rng, 20));
}

/* Any ioctl number, with a garbage argument. */
static void op_foreign_ioctl(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	uint8_t arg[512];
	unsigned long cmd;

	for (size_t i = 0; i < sizeof(arg); i++)
		arg[i] = (uint8_t)fuzz_u64(&w->rng);
	cmd = _IOC(fuzz_below(&w->rng, 4), 'V', fuzz_below(&w->rng, 256),
		   fuzz_below(&w->rng, sizeof(arg)));
	fuzz_ioctl(w, c->fd, cmd, fuzz_pointer(&w->rng, arg, sizeof(arg)));
}

static void op_close_exported(struct fuzz_worker *w, void *ctx)
{
	(void)w;
	close_exported(ctx);
}

static const struct fuzz_op consumer_ops[] = {
	{ "open the capture node", op_open, 6 },
	{ "VIDIOC_QUERYCAP", op_querycap, 2 },
	{ "VIDIOC_ENUM_*", op_enum, 4 },
	{ "VIDIOC_G/S/TRY_FMT", op_fmt, 6 },
	{ "VIDIOC_G/S_PARM", op_parm, 4 },
	{ "VIDIOC_REQBUFS", op_reqbufs, 8 },
	{ "VIDIOC_CREATE_BUFS", op_create_bufs, 3 },
	{ "VIDIOC_QUERYBUF", op_querybuf, 3 },
	{ "VIDIOC_QBUF", op_qbuf, 16 },
	{ "VIDIOC_DQBUF", op_dqbuf, 14 },
	{ "VIDIOC_EXPBUF", op_expbuf, 3 },
	{ "VIDIOC_STREAMON/OFF", op_stream, 8 },
	{ "read the capture node", op_read, 4 },
	{ "mmap a capture buffer", op_mmap, 4 },
	{ "munmap a capture buffer", op_munmap, 3 },
	{ "poll the capture node", op_poll, 4 },
	{ "foreign ioctl on the capture node", op_foreign_ioctl, 2 },
	{ "close the exported DMA-BUFs", op_close_exported, 1 },
	{ "close the capture node", op_close, 3 },
};

/*
 * Mostly keeps a capture node open, so that most operations reach the
 * driver: the producer's camera comes and goes, and a file of a camera
 * that went fails every call with ENODEV.
 */
static void before_op(struct fuzz_worker *w, void *ctx)
{
	struct consumer *c = ctx;
	struct v4l2_capability cap;

	if (c->fd >= 0 && ioctl(c->fd, VIDIOC_QUERYCAP, &cap) &&
	    errno == ENODEV && fuzz_percent(&w->rng, 90))
		op_close(w, ctx);
	if (c->fd < 0 && fuzz_percent(&w->rng, 90))
		op_open(w, ctx);
}

int fuzz_consumer_run(struct fuzz_worker *w)
{
	struct consumer c = { .fd = -1 };

	for (int i = 0; i < MAX_EXPORTED; i++)
		c.exported[i] = -1;
	for (int i = 0; i < MAX_BUFFERS; i++)
		c.dmabufs[i].fd = -1;
	if (vcam_dmabuf_allocator_open(&c.allocator, VCAM_DMABUF_AUTO))
		c.allocator = NULL;
	fuzz_worker_loop_with(w, consumer_ops,
			      sizeof(consumer_ops) / sizeof(consumer_ops[0]),
			      &c, before_op);
	op_close(w, &c);
	unmap_all(&c);
	close_exported(&c);
	for (int i = 0; i < MAX_BUFFERS; i++)
		vcam_dmabuf_free(&c.dmabufs[i]);
	vcam_dmabuf_allocator_close(c.allocator);
	return 0;
}
