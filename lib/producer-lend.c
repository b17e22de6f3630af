// SPDX-License-Identifier: GPL-2.0-only
/*
 * Typed calls over VCAM_IOC_ACQUIRE and VCAM_IOC_COMMIT: the producer
 * writes frames straight into the consumer's capture buffers.
 */

#include <errno.h>
#include <sys/ioctl.h>
#include <linux/dma-buf.h>
#include <linux/vcam.h>

#include "producer-internal.h"
#include "vcam/producer.h"

static int sync_access(int fd, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags | DMA_BUF_SYNC_RW };
	int ret;

	do {
		ret = ioctl(fd, DMA_BUF_IOCTL_SYNC, &sync);
	} while (ret < 0 && (errno == EINTR || errno == EAGAIN));
	return ret < 0 ? -errno : 0;
}

/* Commits (flags 0) or discards the lent buffer index of generation. */
static int give_back(const struct vcam_producer *producer, uint32_t index,
		     uint32_t generation, uint32_t length, uint32_t flags,
		     uint32_t dropped)
{
	struct vcam_ioc_commit request = {
		.index = index,
		.generation = generation,
		.length = length,
		.flags = flags,
		.dropped = dropped,
	};

	return vcam_producer_ioctl(producer->fd, VCAM_IOC_COMMIT, &request);
}

static int map_lent(struct vcam_producer *producer,
		    const struct vcam_ioc_acquire *result,
		    struct vcam_lent_buffer *buffer)
{
	const struct vcam_lent_mapping *mapping;
	int ret = vcam_lent_buffers_take(&producer->lent, result->generation,
					 result->index, result->fd,
					 result->length, &mapping);

	if (!ret && mapping->length < producer->layout.sizeimage)
		ret = -EMSGSIZE;
	if (!ret)
		ret = sync_access(mapping->fd, DMA_BUF_SYNC_START);
	if (ret)
		return ret;
	*buffer = (struct vcam_lent_buffer){
		.index = result->index,
		.generation = result->generation,
		.fd = mapping->fd,
		.data = mapping->data,
		.length = mapping->length,
		.content = result->age ? mapping->content : 0,
	};
	return 0;
}

int vcam_producer_acquire(struct vcam_producer *producer,
			  struct vcam_lent_buffer *buffer)
{
	struct vcam_ioc_acquire request = { .fd = -1 };
	int ret;

	request.fds_held = vcam_lent_buffers_held(&producer->lent,
						  &request.generation);
	ret = vcam_producer_ioctl(producer->fd, VCAM_IOC_ACQUIRE, &request);
	if (ret)
		return ret;
	ret = map_lent(producer, &request, buffer);
	if (ret)
		give_back(producer, request.index, request.generation, 0,
			  VCAM_COMMIT_DISCARD, 0);
	return ret;
}

int vcam_producer_commit(struct vcam_producer *producer,
			 const struct vcam_lent_buffer *buffer,
			 uint32_t length, uint32_t dropped, uint64_t content)
{
	int ret;

	sync_access(buffer->fd, DMA_BUF_SYNC_END);
	ret = give_back(producer, buffer->index, buffer->generation, length, 0,
			dropped);
	producer->lent.mappings[buffer->index].content = ret ? 0 : content;
	return ret;
}

void vcam_producer_release_lent(struct vcam_producer *producer)
{
	vcam_lent_buffers_clear(&producer->lent);
}

int vcam_producer_discard(const struct vcam_producer *producer,
			  const struct vcam_lent_buffer *buffer)
{
	sync_access(buffer->fd, DMA_BUF_SYNC_END);
	return give_back(producer, buffer->index, buffer->generation, 0,
			 VCAM_COMMIT_DISCARD, 0);
}
