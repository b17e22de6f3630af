/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The consumer's capture buffers a producer has mapped: VCAM_IOC_ACQUIRE
 * lends a capture buffer as a new DMA-BUF only the first time in a
 * generation, so the producer keeps each one mapped, keyed by (generation,
 * index), and tells the driver which ones it holds. A new generation (the
 * consumer allocated buffers anew) unmaps and closes all of them.
 *
 * A zeroed struct holds nothing, so that it may be cleared before use.
 * Functions returning int return 0 or a negative errno.
 */

#ifndef VCAM_LENT_BUFFERS_H
#define VCAM_LENT_BUFFERS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The capture buffers that fit in VCAM_IOC_ACQUIRE's fds_held. */
#define VCAM_LENT_BUFFERS_MAX 64u

struct vcam_lent_mapping {
	int fd;			/* the DMA-BUF */
	void *data;		/* MAP_SHARED, PROT_READ | PROT_WRITE */
	size_t length;
	uint64_t content;	/* the producer's tag of its last commit; 0: none */
};

struct vcam_lent_buffers {
	uint32_t generation;
	uint64_t held;		/* bit N: mappings[N] is valid */
	struct vcam_lent_mapping mappings[VCAM_LENT_BUFFERS_MAX];
};

/* fds_held for the next VCAM_IOC_ACQUIRE, and in *generation the
 * generation it describes. */
uint64_t vcam_lent_buffers_held(const struct vcam_lent_buffers *cache,
				uint32_t *generation);

/*
 * Records what VCAM_IOC_ACQUIRE returned and points *mapping at buffer
 * index. A generation other than the cache's unmaps and closes every
 * buffer of the old one first. fd is a new DMA-BUF to map, which the cache
 * owns from now on (closed on failure too), or -1 for a buffer the cache
 * holds. -ERANGE for an index of VCAM_LENT_BUFFERS_MAX or more, -ENOENT
 * for fd -1 on a buffer the cache does not hold, or mmap's error.
 */
int vcam_lent_buffers_take(struct vcam_lent_buffers *cache,
			   uint32_t generation, uint32_t index, int fd,
			   size_t length,
			   const struct vcam_lent_mapping **mapping);

/* Unmaps and closes every buffer. */
void vcam_lent_buffers_clear(struct vcam_lent_buffers *cache);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_LENT_BUFFERS_H */
