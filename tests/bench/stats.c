// SPDX-License-Identifier: GPL-2.0-only
/* Latency samples and their percentiles; see stats.h. */

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"

int bench_samples_add(struct bench_samples *samples, uint64_t value)
{
	if (samples->count == samples->capacity) {
		size_t capacity = samples->capacity ? 2 * samples->capacity : 1024;
		uint64_t *values = realloc(samples->values,
					   capacity * sizeof(*values));

		if (!values)
			return -ENOMEM;
		samples->values = values;
		samples->capacity = capacity;
	}
	samples->values[samples->count++] = value;
	return 0;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

uint64_t bench_samples_percentile(struct bench_samples *samples,
				  double fraction)
{
	size_t rank;

	if (!samples->count)
		return 0;
	qsort(samples->values, samples->count, sizeof(*samples->values),
	      compare_u64);
	rank = (size_t)ceil(fraction * (double)samples->count);
	if (rank < 1)
		rank = 1;
	return samples->values[rank - 1];
}

void bench_samples_free(struct bench_samples *samples)
{
	free(samples->values);
	*samples = (struct bench_samples){ 0 };
}
