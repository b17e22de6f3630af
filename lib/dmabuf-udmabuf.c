// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA-BUF backend: udmabuf, which turns a memfd sealed against shrinking
 * into a dma-buf (/dev/udmabuf).
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/udmabuf.h>

#include "dmabuf-backend.h"

static int udmabuf_open_device(const char *dev_root)
{
	char path[PATH_MAX];
	int ret, fd;

	ret = vcam_dmabuf_device_path(path, sizeof(path), dev_root,
				      "/dev/udmabuf");
	if (ret < 0)
		return ret;
	fd = open(path, O_RDWR | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* A memfd of size bytes that can no longer shrink, as udmabuf requires. */
static int create_sealed_memfd(size_t size)
{
	int memfd, ret;

	memfd = memfd_create("vcam-frame", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (memfd < 0)
		return -errno;
	if (ftruncate(memfd, (off_t)size) < 0 ||
	    fcntl(memfd, F_ADD_SEALS, F_SEAL_SHRINK) < 0) {
		ret = -errno;
		close(memfd);
		return ret;
	}
	return memfd;
}

static int udmabuf_alloc(int udmabuf_fd, size_t size, size_t *allocated)
{
	struct udmabuf_create request = {
		.flags = UDMABUF_FLAGS_CLOEXEC,
		.offset = 0,
		.size = size,
	};
	int memfd, dmabuf_fd;

	memfd = create_sealed_memfd(size);
	if (memfd < 0)
		return memfd;
	request.memfd = (__u32)memfd;
	dmabuf_fd = ioctl(udmabuf_fd, UDMABUF_CREATE, &request);
	if (dmabuf_fd < 0)
		dmabuf_fd = -errno;
	/* The dma-buf holds its own reference to the memfd's pages. */
	close(memfd);
	if (dmabuf_fd >= 0)
		*allocated = size;
	return dmabuf_fd;
}

const struct vcam_dmabuf_backend_ops vcam_dmabuf_udmabuf_ops = {
	.open_device = udmabuf_open_device,
	.alloc = udmabuf_alloc,
};
