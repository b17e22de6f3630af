// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DMA-BUF allocator: picks a backend, then maps, syncs and frees the
 * dma-bufs it allocates.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/dma-buf.h>

#include <vcam/dmabuf.h>
#include "dmabuf-backend.h"

struct vcam_dmabuf_allocator {
	enum vcam_dmabuf_backend backend;
	const struct vcam_dmabuf_backend_ops *ops;
	int device_fd;
};

/* The backends in the order auto tries them. */
static const enum vcam_dmabuf_backend auto_order[] = {
	VCAM_DMABUF_HEAP,
	VCAM_DMABUF_UDMABUF,
	VCAM_DMABUF_DRM,
};

static const struct vcam_dmabuf_backend_ops *
backend_ops(enum vcam_dmabuf_backend backend)
{
	switch (backend) {
	case VCAM_DMABUF_HEAP:
		return &vcam_dmabuf_heap_ops;
	case VCAM_DMABUF_UDMABUF:
		return &vcam_dmabuf_udmabuf_ops;
	case VCAM_DMABUF_DRM:
		return &vcam_dmabuf_drm_ops;
	default:
		return NULL;
	}
}

int vcam_dmabuf_device_path(char *path, size_t path_size, const char *dev_root,
			    const char *absolute_path)
{
	int length;

	if (!dev_root)
		dev_root = "";
	length = snprintf(path, path_size, "%s%s", dev_root, absolute_path);
	if (length < 0 || (size_t)length >= path_size)
		return -ENAMETOOLONG;
	return 0;
}

static bool is_missing_device(int error)
{
	return error == -ENOENT || error == -ENODEV;
}

/* Opens the first backend of auto_order whose device works. */
static int open_first_available(enum vcam_dmabuf_backend *picked,
				const char *dev_root)
{
	int first_real_error = 0;

	for (size_t i = 0; i < sizeof(auto_order) / sizeof(auto_order[0]); i++) {
		int fd = backend_ops(auto_order[i])->open_device(dev_root);

		if (fd >= 0) {
			*picked = auto_order[i];
			return fd;
		}
		if (!is_missing_device(fd) && !first_real_error)
			first_real_error = fd;
	}
	return first_real_error ? first_real_error : -ENOENT;
}

int vcam_dmabuf_allocator_open_at(struct vcam_dmabuf_allocator **allocator,
				  enum vcam_dmabuf_backend backend,
				  const char *dev_root)
{
	struct vcam_dmabuf_allocator *new_allocator;
	int device_fd;

	if (backend == VCAM_DMABUF_AUTO)
		device_fd = open_first_available(&backend, dev_root);
	else if (backend_ops(backend))
		device_fd = backend_ops(backend)->open_device(dev_root);
	else
		return -EINVAL;
	if (device_fd < 0)
		return device_fd;

	new_allocator = malloc(sizeof(*new_allocator));
	if (!new_allocator) {
		close(device_fd);
		return -ENOMEM;
	}
	new_allocator->backend = backend;
	new_allocator->ops = backend_ops(backend);
	new_allocator->device_fd = device_fd;
	*allocator = new_allocator;
	return 0;
}

int vcam_dmabuf_allocator_open(struct vcam_dmabuf_allocator **allocator,
			       enum vcam_dmabuf_backend backend)
{
	return vcam_dmabuf_allocator_open_at(allocator, backend, NULL);
}

enum vcam_dmabuf_backend
vcam_dmabuf_allocator_backend(const struct vcam_dmabuf_allocator *allocator)
{
	return allocator->backend;
}

void vcam_dmabuf_allocator_close(struct vcam_dmabuf_allocator *allocator)
{
	if (!allocator)
		return;
	close(allocator->device_fd);
	free(allocator);
}

/* size rounded up to whole pages, or 0 if that does not fit in size_t. */
static size_t page_aligned(size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	if (size > SIZE_MAX - (page - 1))
		return 0;
	return (size + page - 1) / page * page;
}

int vcam_dmabuf_alloc(struct vcam_dmabuf_allocator *allocator, size_t size,
		      struct vcam_dmabuf *buf)
{
	size_t aligned_size = page_aligned(size);
	size_t allocated = 0;
	void *data;
	int fd, ret;

	*buf = (struct vcam_dmabuf){ .fd = -1 };
	if (size == 0 || aligned_size == 0)
		return -EINVAL;
	fd = allocator->ops->alloc(allocator->device_fd, aligned_size,
				   &allocated);
	if (fd < 0)
		return fd;
	data = mmap(NULL, allocated, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (data == MAP_FAILED) {
		ret = -errno;
		close(fd);
		return ret;
	}
	buf->fd = fd;
	buf->size = allocated;
	buf->data = data;
	return 0;
}

static int sync_dmabuf(const struct vcam_dmabuf *buf, __u64 flags)
{
	struct dma_buf_sync sync = { .flags = flags };
	int ret;

	do {
		ret = ioctl(buf->fd, DMA_BUF_IOCTL_SYNC, &sync);
	} while (ret < 0 && (errno == EINTR || errno == EAGAIN));
	return ret < 0 ? -errno : 0;
}

int vcam_dmabuf_begin_cpu_write(const struct vcam_dmabuf *buf)
{
	return sync_dmabuf(buf, DMA_BUF_SYNC_START | DMA_BUF_SYNC_WRITE);
}

int vcam_dmabuf_end_cpu_write(const struct vcam_dmabuf *buf)
{
	return sync_dmabuf(buf, DMA_BUF_SYNC_END | DMA_BUF_SYNC_WRITE);
}

void vcam_dmabuf_free(struct vcam_dmabuf *buf)
{
	if (buf->fd < 0)
		return;
	munmap(buf->data, buf->size);
	close(buf->fd);
	buf->fd = -1;
	buf->size = 0;
	buf->data = NULL;
}
