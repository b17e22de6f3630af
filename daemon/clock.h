/* SPDX-License-Identifier: GPL-2.0-only */
/* CLOCK_MONOTONIC, which paces frames and stamps them. */
#ifndef VCAMD_CLOCK_H
#define VCAMD_CLOCK_H

#include <stdint.h>
#include <time.h>

#define NSEC_PER_SEC 1000000000ull

static inline uint64_t monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * NSEC_PER_SEC + (uint64_t)now.tv_nsec;
}

#endif
