/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One benchmark case: a producer thread feeding a path, a consumer thread
 * capturing from it, and the main thread measuring a window in between.
 */

#ifndef BENCH_RUN_H
#define BENCH_RUN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "consumer.h"
#include "stamp.h"
#include "stats.h"

struct bench_path;

struct bench_case {
	const struct bench_path *path;
	uint32_t width;
	uint32_t height;
	unsigned int fps;		/* producer's pace; 0: as fast as it can */
	unsigned int measure_ms;	/* length of the measured window */
	unsigned int hold_us;		/* how long the consumer holds a frame */
	const char *loopback_node;	/* v4l2loopback's /dev/videoN */
};

struct bench_result {
	double seconds;			/* of the measured window */
	double busy_seconds;		/* CPU time of all CPUs in it */
	double producer_seconds;	/* CPU time of the producer thread */
	double consumer_seconds;	/* CPU time of the consumer thread */
	double render_ms;		/* mean time of one render */
	struct bench_integrity integrity;
	double latency_median_ms;
	double latency_p99_ms;
};

struct bench_run {
	const struct bench_case *bcase;
	const uint8_t *image;		/* the prepared frame to render */
	size_t frame_size;		/* YUYV: width * height * 2 */
	void *producer;			/* the path's own state */
	struct bench_consumer consumer;
	uint64_t next_sequence;		/* producer's, from 1 */
	atomic_bool stop;
	atomic_bool measuring;
	uint64_t render_ns;		/* producer's, while measuring */
	uint64_t renders;
	struct bench_integrity integrity;	/* consumer's */
	struct bench_samples latencies;		/* consumer's, in ns */
	pthread_mutex_t error_lock;
	char error[512];
};

/*
 * Records the first failure as a sentence and stops the run. Returns
 * ret (a negative errno) for convenience.
 */
int bench_run_fail(struct bench_run *run, int ret, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static inline bool bench_run_stopping(struct bench_run *run)
{
	return atomic_load(&run->stop);
}

/* The next frame's stamp sequence number. */
static inline uint64_t bench_run_take_sequence(struct bench_run *run)
{
	return run->next_sequence++;
}

/*
 * Renders frame (copies the image, or only stamps it when stamp_only) and
 * times the render while the window is measured.
 */
void bench_run_render(struct bench_run *run, uint8_t *frame, bool stamp_only);

/*
 * Runs the case once. Returns 0, or a negative errno with a sentence in
 * error (the run's first failure).
 */
int bench_run_case(const struct bench_case *bcase, const uint8_t *image,
		   struct bench_result *result, char *error, size_t error_size);

#endif /* BENCH_RUN_H */
