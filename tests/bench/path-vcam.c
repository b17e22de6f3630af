// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam's producer paths.
 *
 * copy:   the producer renders into DMA-BUFs of its own and queues them
 *         (VCAM_IOC_QUEUE); the driver copies each into the consumer's
 *         MMAP buffer.
 * import: the consumer imports the producer's DMA-BUFs (V4L2_MEMORY_DMABUF)
 *         and the driver lends them without a copy. The producer only
 *         stamps them: the image stands for one a GPU rendered.
 * lend:   the producer borrows the consumer's queued MMAP buffer
 *         (VCAM_IOC_ACQUIRE), renders into it and delivers it
 *         (VCAM_IOC_COMMIT): no copy at all.
 *
 * The queueing paths keep one frame in flight: the next frame is rendered
 * while the previous one waits, and queued once the driver gave that one
 * back, so that no frame is rendered only to be replaced.
 */

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/videodev2.h>
#include <vcam/dmabuf.h>
#include <vcam/format.h>
#include <vcam/producer.h>

#include "path.h"

#define VCAM_SLOTS 4
#define CONSUMER_BUFFERS 4
#define WAIT_SLICE_MS 100

struct vcam_path_state {
	struct vcam_producer producer;
	struct vcam_dmabuf slots[VCAM_SLOTS];
	bool owned[VCAM_SLOTS];
	int in_flight;			/* slot queued last, or -1 */
	int slot_fds[VCAM_SLOTS];
	bool render_image;		/* false: stamps only */
};

static struct vcam_path_state *state_of(struct bench_run *run)
{
	return run->producer;
}

static int create_camera(struct bench_run *run, struct vcam_path_state *state)
{
	struct vcam_frame_layout layout;
	enum vcam_producer_step step;
	char message[256];
	int ret;

	ret = vcam_frame_layout_init(&layout, V4L2_PIX_FMT_YUYV,
				     run->bcase->width, run->bcase->height, 0);
	if (ret)
		return bench_run_fail(run, ret, "vcam: %ux%u is not a valid "
				      "YUYV size: choose even widths.",
				      run->bcase->width, run->bcase->height);
	ret = vcam_producer_create(&state->producer, NULL, "vcam bench",
				   &layout, VCAM_SLOTS, &step);
	if (ret)
		return bench_run_fail(run, ret, "vcam: %s",
				      vcam_producer_error_message(step, ret,
						message, sizeof(message)));
	return 0;
}

static int allocate_slots(struct bench_run *run, struct vcam_path_state *state)
{
	struct vcam_dmabuf_allocator *allocator;
	char message[256];
	int ret;

	ret = vcam_dmabuf_allocator_open(&allocator, VCAM_DMABUF_AUTO);
	if (ret)
		return bench_run_fail(run, ret, "vcam: %s",
				      vcam_dmabuf_open_error_message(
					      VCAM_DMABUF_AUTO, ret, message,
					      sizeof(message)));
	for (int i = 0; i < VCAM_SLOTS && !ret; i++) {
		ret = vcam_dmabuf_alloc(allocator, run->frame_size,
					&state->slots[i]);
		state->owned[i] = true;
		state->slot_fds[i] = state->slots[i].fd;
	}
	vcam_dmabuf_allocator_close(allocator);
	if (ret)
		return bench_run_fail(run, ret, "vcam: allocating a %zu-byte "
				      "DMA-BUF failed (%s): give the guest more "
				      "memory.", run->frame_size, strerror(-ret));
	return 0;
}

static int open_state(struct bench_run *run, struct vcam_path_state **out)
{
	struct vcam_path_state *state = calloc(1, sizeof(*state));

	if (!state)
		return bench_run_fail(run, -ENOMEM, "vcam: out of memory.");
	state->producer.fd = -1;
	state->in_flight = -1;
	for (int i = 0; i < VCAM_SLOTS; i++)
		state->slots[i].fd = -1;
	run->producer = state;
	*out = state;
	return create_camera(run, state);
}

static void set_consumer_node(const struct vcam_path_state *state,
			      char *node, size_t node_size)
{
	snprintf(node, node_size, "/dev/video%u", state->producer.node);
}

/* The camera, with frame slots of its own for the queueing paths. */
static int open_camera(struct bench_run *run, bool with_slots,
		       char *node, size_t node_size,
		       struct vcam_path_state **state)
{
	int ret = open_state(run, state);

	if (!ret && with_slots)
		ret = allocate_slots(run, *state);
	if (!ret)
		set_consumer_node(*state, node, node_size);
	return ret;
}

static int open_copy(struct bench_run *run,
		     struct bench_consumer_request *consumer,
		     char *node, size_t node_size)
{
	struct vcam_path_state *state;
	int ret = open_camera(run, true, node, node_size, &state);

	if (ret)
		return ret;
	state->render_image = true;
	consumer->memory = BENCH_MEMORY_MMAP;
	consumer->count = CONSUMER_BUFFERS;
	return 0;
}

static int open_import(struct bench_run *run,
		       struct bench_consumer_request *consumer,
		       char *node, size_t node_size)
{
	struct vcam_path_state *state;
	int ret = open_camera(run, true, node, node_size, &state);

	if (ret)
		return ret;
	state->render_image = false;
	consumer->memory = BENCH_MEMORY_DMABUF;
	consumer->count = VCAM_SLOTS;
	consumer->dmabuf_fds = state->slot_fds;
	return 0;
}

static int open_lend(struct bench_run *run,
		     struct bench_consumer_request *consumer,
		     char *node, size_t node_size)
{
	struct vcam_path_state *state;
	int ret = open_camera(run, false, node, node_size, &state);

	if (ret)
		return ret;
	consumer->memory = BENCH_MEMORY_MMAP;
	consumer->count = CONSUMER_BUFFERS;
	return 0;
}

/* Waits up to one slice for fd to report events; false if it did not. */
static bool wait_for(int fd, short events)
{
	struct pollfd pfd = { .fd = fd, .events = events };

	return poll(&pfd, 1, WAIT_SLICE_MS) > 0;
}

static int first_free_slot(const struct vcam_path_state *state)
{
	for (int i = 0; i < VCAM_SLOTS; i++)
		if (state->owned[i] && i != state->in_flight)
			return i;
	return -1;
}

static void take_back_done_slots(struct vcam_path_state *state)
{
	uint32_t index;

	while (vcam_producer_dequeue(&state->producer, &index) == 0)
		state->owned[index] = true;
}

/* Waits until the driver gave back the frame queued last. */
static int wait_in_flight(struct bench_run *run, struct vcam_path_state *state)
{
	for (;;) {
		take_back_done_slots(state);
		if (state->in_flight < 0 || state->owned[state->in_flight])
			return 0;
		if (bench_run_stopping(run))
			return -ECANCELED;
		wait_for(state->producer.fd, POLLIN);
	}
}

static void render_slot(struct bench_run *run, struct vcam_path_state *state,
			int slot)
{
	struct vcam_dmabuf *buf = &state->slots[slot];

	vcam_dmabuf_begin_cpu_write(buf);
	bench_run_render(run, buf->data, !state->render_image);
	vcam_dmabuf_end_cpu_write(buf);
}

static int queue_slot(struct bench_run *run, struct vcam_path_state *state,
		      int slot)
{
	int ret = vcam_producer_queue(&state->producer, (uint32_t)slot,
				      state->slots[slot].fd,
				      (uint32_t)run->frame_size, 0);
	char message[256];

	if (ret)
		return bench_run_fail(run, ret, "vcam: %s",
				      vcam_producer_error_message(
					      VCAM_PRODUCER_QUEUE, ret, message,
					      sizeof(message)));
	state->owned[slot] = false;
	state->in_flight = slot;
	return 0;
}

static int produce_queued(struct bench_run *run)
{
	struct vcam_path_state *state = state_of(run);
	int slot, ret;

	take_back_done_slots(state);
	slot = first_free_slot(state);
	if (slot < 0)
		return bench_run_fail(run, -ENOBUFS, "vcam: the driver holds "
				      "every frame slot although one frame at "
				      "a time was queued: a driver bug.");
	render_slot(run, state, slot);
	ret = wait_in_flight(run, state);
	return ret ? ret : queue_slot(run, state, slot);
}

/* Waits for the consumer to queue a buffer, and borrows it. */
static int acquire(struct bench_run *run, struct vcam_path_state *state,
		   struct vcam_lent_buffer *buffer)
{
	char message[256];
	int ret;

	while ((ret = vcam_producer_acquire(&state->producer, buffer)) ==
	       -EAGAIN) {
		if (bench_run_stopping(run))
			return -ECANCELED;
		wait_for(state->producer.fd, POLLOUT);
	}
	if (ret)
		return bench_run_fail(run, ret, "vcam: %s",
				      vcam_producer_error_message(
					      VCAM_PRODUCER_ACQUIRE, ret,
					      message, sizeof(message)));
	return 0;
}

static int produce_lent(struct bench_run *run)
{
	struct vcam_path_state *state = state_of(run);
	struct vcam_lent_buffer buffer;
	char message[256];
	int ret = acquire(run, state, &buffer);

	if (ret)
		return ret;
	bench_run_render(run, buffer.data, false);
	ret = vcam_producer_commit(&state->producer, &buffer, 0, 0, 0);
	/* The consumer stopped streaming: the run is ending. */
	if (ret == -ENOENT && bench_run_stopping(run))
		return -ECANCELED;
	if (ret)
		return bench_run_fail(run, ret, "vcam: %s",
				      vcam_producer_error_message(
					      VCAM_PRODUCER_COMMIT, ret,
					      message, sizeof(message)));
	return 0;
}

static void close_vcam(struct bench_run *run)
{
	struct vcam_path_state *state = state_of(run);

	if (!state)
		return;
	for (int i = 0; i < VCAM_SLOTS; i++)
		vcam_dmabuf_free(&state->slots[i]);
	if (state->producer.fd >= 0)
		vcam_producer_close(&state->producer);
	free(state);
	run->producer = NULL;
}

const struct bench_path bench_path_vcam_copy = {
	.name = "copy",
	.title = "vcam copy",
	.open = open_copy,
	.produce = produce_queued,
	.close = close_vcam,
};

const struct bench_path bench_path_vcam_import = {
	.name = "import",
	.title = "vcam zero-copy import*",
	.open = open_import,
	.produce = produce_queued,
	.close = close_vcam,
};

const struct bench_path bench_path_vcam_lend = {
	.name = "lend",
	.title = "vcam lend (ACQUIRE/COMMIT)",
	.open = open_lend,
	.produce = produce_lent,
	.close = close_vcam,
};
