/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The consumer: a V4L2 capture stream, either with driver-allocated buffers
 * it maps (V4L2_MEMORY_MMAP) or importing DMA-BUFs it is given
 * (V4L2_MEMORY_DMABUF), which it maps too so as to read the stamps.
 */

#ifndef BENCH_CONSUMER_H
#define BENCH_CONSUMER_H

#include <stddef.h>
#include <stdint.h>

#define BENCH_MAX_BUFFERS 32

enum bench_memory {
	BENCH_MEMORY_MMAP,
	BENCH_MEMORY_DMABUF,
};

struct bench_consumer_buffer {
	uint8_t *data;
	size_t length;		/* of the mapping */
	int dmabuf_fd;		/* imported DMA-BUF, or -1 */
};

struct bench_consumer {
	int fd;
	enum bench_memory memory;
	uint32_t count;
	uint32_t sizeimage;
	struct bench_consumer_buffer buffers[BENCH_MAX_BUFFERS];
};

struct bench_consumer_request {
	const char *node;		/* /dev/videoN */
	enum bench_memory memory;
	uint32_t count;			/* buffers to ask for */
	const int *dmabuf_fds;		/* count of them, for DMABUF */
};

/*
 * Opens the node, sets up and queues every buffer and starts streaming.
 * Returns 0, or a negative errno with a sentence in error.
 */
int bench_consumer_start(struct bench_consumer *consumer,
			 const struct bench_consumer_request *request,
			 char *error, size_t error_size);

/* Waits up to timeout_ms for a frame: 0, -EAGAIN on timeout, -errno. */
int bench_consumer_dequeue(struct bench_consumer *consumer, uint32_t *index,
			   int timeout_ms);

int bench_consumer_queue(struct bench_consumer *consumer, uint32_t index);

/* Stops streaming, unmaps and closes; safe on a consumer that failed. */
void bench_consumer_stop(struct bench_consumer *consumer);

#endif /* BENCH_CONSUMER_H */
