// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA-BUF backend: the system DMA-BUF heap, /dev/dma_heap/system.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/dma-heap.h>

#include "dmabuf-backend.h"

static int heap_open_device(const char *dev_root)
{
	char path[PATH_MAX];
	int ret, fd;

	ret = vcam_dmabuf_device_path(path, sizeof(path), dev_root,
				      "/dev/dma_heap/system");
	if (ret < 0)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static int heap_alloc(int heap_fd, size_t size, size_t *allocated)
{
	struct dma_heap_allocation_data request = {
		.len = size,
		.fd_flags = O_RDWR | O_CLOEXEC,
	};

	if (ioctl(heap_fd, DMA_HEAP_IOCTL_ALLOC, &request) < 0)
		return -errno;
	*allocated = size;
	return (int)request.fd;
}

const struct vcam_dmabuf_backend_ops vcam_dmabuf_heap_ops = {
	.open_device = heap_open_device,
	.alloc = heap_alloc,
};
