/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What lib/dmabuf.c needs from each DMA-BUF backend: open its device and
 * allocate dma-bufs from it. Mapping, syncing and freeing are the same for
 * every backend and live in lib/dmabuf.c.
 */

#ifndef VCAM_DMABUF_BACKEND_H
#define VCAM_DMABUF_BACKEND_H

#include <stddef.h>

struct vcam_dmabuf_backend_ops {
	/* Returns the device fd, or -errno (-ENOENT: the device is missing). */
	int (*open_device)(const char *dev_root);
	/*
	 * Returns a new dma-buf fd of at least size bytes (size is
	 * page-aligned) and its real size in *allocated, or -errno.
	 */
	int (*alloc)(int device_fd, size_t size, size_t *allocated);
};

extern const struct vcam_dmabuf_backend_ops vcam_dmabuf_heap_ops;
extern const struct vcam_dmabuf_backend_ops vcam_dmabuf_udmabuf_ops;
extern const struct vcam_dmabuf_backend_ops vcam_dmabuf_drm_ops;

/*
 * Joins dev_root (NULL: "/") and an absolute path such as
 * "/dev/udmabuf" into path. Returns 0 or -ENAMETOOLONG.
 */
int vcam_dmabuf_device_path(char *path, size_t path_size, const char *dev_root,
			    const char *absolute_path);

#endif /* VCAM_DMABUF_BACKEND_H */
