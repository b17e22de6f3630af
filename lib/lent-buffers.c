// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cache of mapped capture buffers lent by VCAM_IOC_ACQUIRE.
 */

#include "vcam/lent-buffers.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t bit(uint32_t index)
{
	return (uint64_t)1 << index;
}

static void forget(struct vcam_lent_buffers *cache, uint32_t index)
{
	struct vcam_lent_mapping *mapping = &cache->mappings[index];

	if (!(cache->held & bit(index)))
		return;
	munmap(mapping->data, mapping->length);
	close(mapping->fd);
	*mapping = (struct vcam_lent_mapping){ .fd = -1 };
	cache->held &= ~bit(index);
}

uint64_t vcam_lent_buffers_held(const struct vcam_lent_buffers *cache,
				uint32_t *generation)
{
	*generation = cache->generation;
	return cache->held;
}

static int map(struct vcam_lent_buffers *cache, uint32_t index, int fd,
	       size_t length)
{
	void *data = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED,
			  fd, 0);

	if (data == MAP_FAILED) {
		int ret = -errno;

		close(fd);
		return ret;
	}
	cache->mappings[index] = (struct vcam_lent_mapping){
		.fd = fd, .data = data, .length = length,
	};
	cache->held |= bit(index);
	return 0;
}

int vcam_lent_buffers_take(struct vcam_lent_buffers *cache,
			   uint32_t generation, uint32_t index, int fd,
			   size_t length,
			   const struct vcam_lent_mapping **mapping)
{
	int ret;

	if (generation != cache->generation) {
		vcam_lent_buffers_clear(cache);
		cache->generation = generation;
	}
	if (index >= VCAM_LENT_BUFFERS_MAX) {
		if (fd >= 0)
			close(fd);
		return -ERANGE;
	}
	if (fd >= 0) {
		forget(cache, index);
		ret = map(cache, index, fd, length);
		if (ret)
			return ret;
	} else if (!(cache->held & bit(index))) {
		return -ENOENT;
	}
	*mapping = &cache->mappings[index];
	return 0;
}

void vcam_lent_buffers_clear(struct vcam_lent_buffers *cache)
{
	for (uint32_t i = 0; i < VCAM_LENT_BUFFERS_MAX; i++)
		forget(cache, i);
}
