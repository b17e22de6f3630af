/* SPDX-License-Identifier: GPL-2.0-only */
/* Latency samples and their percentiles. */

#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stddef.h>
#include <stdint.h>

struct bench_samples {
	uint64_t *values;
	size_t count;
	size_t capacity;
};

/* Returns 0 or -ENOMEM (the sample is then lost). */
int bench_samples_add(struct bench_samples *samples, uint64_t value);

/*
 * The value below which fraction (0..1) of the samples lie, by the
 * nearest-rank method; 0 without samples. Sorts the samples.
 */
uint64_t bench_samples_percentile(struct bench_samples *samples,
				  double fraction);

void bench_samples_free(struct bench_samples *samples);

#endif /* BENCH_STATS_H */
