// SPDX-License-Identifier: GPL-2.0-only
/*
 * v4l2loopback's producer paths, on the node given with --loopback.
 *
 * write: the producer renders into its own memory and write()s the frame;
 *        the driver copies it into the buffer the consumer maps.
 * mmap:  the producer maps the OUTPUT buffers (REQBUFS/QUERYBUF/mmap),
 *        renders into the one VIDIOC_DQBUF gives it and queues it back
 *        (VIDIOC_QBUF): no copy, the consumer maps the same memory.
 *
 * Neither path tells the producer when the consumer is done with a frame,
 * so both run free.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include "path.h"

#define LOOPBACK_BUFFERS 4

struct loopback_state {
	int fd;
	uint8_t *frame;			/* write: the producer's own memory */
	uint8_t *buffers[BENCH_MAX_BUFFERS];	/* mmap: the OUTPUT buffers */
	size_t buffer_length;
	uint32_t count;
	uint32_t queued_first;		/* mmap: buffers queued initially */
};

static struct loopback_state *state_of(struct bench_run *run)
{
	return run->producer;
}

static int xioctl(int fd, unsigned long request, void *arg)
{
	int ret;

	do
		ret = ioctl(fd, request, arg);
	while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : 0;
}

static int set_output_format(struct bench_run *run, int fd)
{
	struct v4l2_format format = { .type = V4L2_BUF_TYPE_VIDEO_OUTPUT };
	int ret;

	format.fmt.pix = (struct v4l2_pix_format){
		.width = run->bcase->width,
		.height = run->bcase->height,
		.pixelformat = V4L2_PIX_FMT_YUYV,
		.field = V4L2_FIELD_NONE,
		.bytesperline = run->bcase->width * 2,
		.sizeimage = (uint32_t)run->frame_size,
		.colorspace = V4L2_COLORSPACE_SRGB,
	};
	ret = xioctl(fd, VIDIOC_S_FMT, &format);
	if (ret)
		return bench_run_fail(run, ret, "v4l2loopback: VIDIOC_S_FMT of "
				      "%ux%u YUYV on %s failed (%s): load "
				      "v4l2loopback with exclusive_caps=0 and "
				      "no other user of the node.",
				      run->bcase->width, run->bcase->height,
				      run->bcase->loopback_node, strerror(-ret));
	if (format.fmt.pix.width != run->bcase->width ||
	    format.fmt.pix.height != run->bcase->height)
		return bench_run_fail(run, -EINVAL, "v4l2loopback: %s kept "
				      "%ux%u instead of %ux%u: close every other "
				      "user of the node.",
				      run->bcase->loopback_node,
				      format.fmt.pix.width,
				      format.fmt.pix.height, run->bcase->width,
				      run->bcase->height);
	return 0;
}

static int open_state(struct bench_run *run, struct loopback_state **out)
{
	struct loopback_state *state = calloc(1, sizeof(*state));

	if (!state)
		return bench_run_fail(run, -ENOMEM, "v4l2loopback: out of "
				      "memory.");
	run->producer = state;
	*out = state;
	state->fd = open(run->bcase->loopback_node, O_RDWR | O_CLOEXEC);
	if (state->fd < 0)
		return bench_run_fail(run, -errno, "v4l2loopback: opening %s "
				      "failed (%s): load v4l2loopback and "
				      "pass its node with --loopback.",
				      run->bcase->loopback_node,
				      strerror(errno));
	return set_output_format(run, state->fd);
}

static int write_frame(struct bench_run *run, struct loopback_state *state)
{
	ssize_t written;

	bench_run_render(run, state->frame, false);
	written = write(state->fd, state->frame, run->frame_size);
	if (written == (ssize_t)run->frame_size)
		return 0;
	return bench_run_fail(run, written < 0 ? -errno : -EIO,
			      "v4l2loopback: write() of a frame to %s failed: "
			      "%s.", run->bcase->loopback_node,
			      written < 0 ? strerror(errno) : "short write");
}

static void set_consumer(struct bench_run *run,
			 struct bench_consumer_request *consumer,
			 char *node, size_t node_size)
{
	strncpy(node, run->bcase->loopback_node, node_size - 1);
	node[node_size - 1] = '\0';
	consumer->memory = BENCH_MEMORY_MMAP;
	consumer->count = LOOPBACK_BUFFERS;
}

/* The first write() makes the node ready for a consumer. */
static int open_write(struct bench_run *run,
		      struct bench_consumer_request *consumer,
		      char *node, size_t node_size)
{
	struct loopback_state *state;
	int ret = open_state(run, &state);

	if (ret)
		return ret;
	state->frame = malloc(run->frame_size);
	if (!state->frame)
		return bench_run_fail(run, -ENOMEM, "v4l2loopback: out of "
				      "memory.");
	ret = write_frame(run, state);
	set_consumer(run, consumer, node, node_size);
	return ret;
}

static int produce_write(struct bench_run *run)
{
	return write_frame(run, state_of(run));
}

static int map_output_buffers(struct bench_run *run,
			      struct loopback_state *state)
{
	for (uint32_t i = 0; i < state->count; i++) {
		struct v4l2_buffer query = {
			.index = i,
			.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
			.memory = V4L2_MEMORY_MMAP,
		};
		void *data;
		int ret = xioctl(state->fd, VIDIOC_QUERYBUF, &query);

		if (ret)
			return bench_run_fail(run, ret, "v4l2loopback: "
					      "VIDIOC_QUERYBUF failed: %s.",
					      strerror(-ret));
		data = mmap(NULL, query.length, PROT_READ | PROT_WRITE,
			    MAP_SHARED, state->fd, query.m.offset);
		if (data == MAP_FAILED)
			return bench_run_fail(run, -errno, "v4l2loopback: "
					      "mapping an OUTPUT buffer failed: "
					      "%s.", strerror(errno));
		state->buffers[i] = data;
		state->buffer_length = query.length;
	}
	return 0;
}

static int request_output_buffers(struct bench_run *run,
				  struct loopback_state *state)
{
	struct v4l2_requestbuffers request = {
		.count = LOOPBACK_BUFFERS,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	int ret = xioctl(state->fd, VIDIOC_REQBUFS, &request);

	if (!ret && (request.count < 1 || request.count > BENCH_MAX_BUFFERS))
		ret = -ENOBUFS;
	if (ret)
		return bench_run_fail(run, ret, "v4l2loopback: VIDIOC_REQBUFS "
				      "on the OUTPUT queue failed: %s.",
				      strerror(-ret));
	state->count = request.count;
	ret = map_output_buffers(run, state);
	if (ret)
		return ret;
	ret = xioctl(state->fd, VIDIOC_STREAMON, &type);
	if (ret)
		return bench_run_fail(run, ret, "v4l2loopback: VIDIOC_STREAMON "
				      "on the OUTPUT queue failed: %s.",
				      strerror(-ret));
	return 0;
}

static int open_mmap(struct bench_run *run,
		     struct bench_consumer_request *consumer,
		     char *node, size_t node_size)
{
	struct loopback_state *state;
	int ret = open_state(run, &state);

	if (!ret)
		ret = request_output_buffers(run, state);
	set_consumer(run, consumer, node, node_size);
	return ret;
}

static int queue_output(struct bench_run *run, struct loopback_state *state,
			uint32_t index)
{
	struct v4l2_buffer buffer = {
		.index = index,
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = V4L2_MEMORY_MMAP,
		.bytesused = (uint32_t)run->frame_size,
		.field = V4L2_FIELD_NONE,
	};
	int ret = xioctl(state->fd, VIDIOC_QBUF, &buffer);

	if (ret)
		return bench_run_fail(run, ret, "v4l2loopback: VIDIOC_QBUF on "
				      "the OUTPUT queue failed: %s.",
				      strerror(-ret));
	return 0;
}

/* Each buffer is queued once, then the producer fills what DQBUF gives. */
static int next_output_buffer(struct bench_run *run,
			      struct loopback_state *state, uint32_t *index)
{
	struct v4l2_buffer buffer = {
		.type = V4L2_BUF_TYPE_VIDEO_OUTPUT,
		.memory = V4L2_MEMORY_MMAP,
	};
	int ret;

	if (state->queued_first < state->count) {
		*index = state->queued_first++;
		return 0;
	}
	ret = xioctl(state->fd, VIDIOC_DQBUF, &buffer);
	if (ret)
		return bench_run_fail(run, ret, "v4l2loopback: VIDIOC_DQBUF on "
				      "the OUTPUT queue failed: %s.",
				      strerror(-ret));
	*index = buffer.index;
	return 0;
}

static int produce_mmap(struct bench_run *run)
{
	struct loopback_state *state = state_of(run);
	uint32_t index = 0;
	int ret = next_output_buffer(run, state, &index);

	if (ret)
		return ret;
	if (index >= state->count)
		return bench_run_fail(run, -EPROTO, "v4l2loopback: VIDIOC_DQBUF "
				      "returned buffer %u of %u.", index,
				      state->count);
	bench_run_render(run, state->buffers[index], false);
	return queue_output(run, state, index);
}

static void close_loopback(struct bench_run *run)
{
	struct loopback_state *state = state_of(run);
	int type = V4L2_BUF_TYPE_VIDEO_OUTPUT;

	if (!state)
		return;
	for (uint32_t i = 0; i < state->count; i++)
		if (state->buffers[i])
			munmap(state->buffers[i], state->buffer_length);
	if (state->fd >= 0) {
		if (state->count)
			ioctl(state->fd, VIDIOC_STREAMOFF, &type);
		close(state->fd);
	}
	free(state->frame);
	free(state);
	run->producer = NULL;
}

const struct bench_path bench_path_loopback_write = {
	.name = "lb-write",
	.title = "v4l2loopback write()",
	.needs_loopback = true,
	.open = open_write,
	.produce = produce_write,
	.close = close_loopback,
};

const struct bench_path bench_path_loopback_mmap = {
	.name = "lb-mmap",
	.title = "v4l2loopback OUTPUT-mmap",
	.needs_loopback = true,
	.open = open_mmap,
	.produce = produce_mmap,
	.close = close_loopback,
};
