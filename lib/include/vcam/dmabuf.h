/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DMA-BUF frame memory, allocated from whatever the running kernel offers:
 * a DMA-BUF heap (/dev/dma_heap/system), udmabuf (/dev/udmabuf, over a
 * sealed memfd) or dumb buffers of a DRM device (/dev/dri/card*, e.g. vgem).
 *
 * Open an allocator once, then allocate buffers from it. Every buffer is a
 * dma-buf fd with a shared read-write CPU mapping. Functions returning int
 * return 0 or a negative errno.
 */

#ifndef VCAM_DMABUF_H
#define VCAM_DMABUF_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum vcam_dmabuf_backend {
	VCAM_DMABUF_AUTO,	/* the first that exists: heap, udmabuf, drm */
	VCAM_DMABUF_HEAP,
	VCAM_DMABUF_UDMABUF,
	VCAM_DMABUF_DRM,
};

struct vcam_dmabuf_allocator;

struct vcam_dmabuf {
	int fd;			/* the dma-buf */
	size_t size;		/* at least the size asked for, page-aligned */
	void *data;		/* MAP_SHARED, PROT_READ | PROT_WRITE, size bytes */
};

/* "auto", "heap", "udmabuf", "drm"; NULL for a value outside the enum. */
const char *vcam_dmabuf_backend_name(enum vcam_dmabuf_backend backend);

/* The backend of a name from vcam_dmabuf_backend_name(); -EINVAL if none. */
int vcam_dmabuf_backend_from_name(const char *name,
				  enum vcam_dmabuf_backend *backend);

/*
 * Opens the backend's device; VCAM_DMABUF_AUTO tries heap, udmabuf and drm
 * in that order. -ENOENT when the device (for auto: every device) is
 * missing, -ENODEV when DRM devices exist but none has dumb buffers.
 */
int vcam_dmabuf_allocator_open(struct vcam_dmabuf_allocator **allocator,
			       enum vcam_dmabuf_backend backend);

/*
 * The same, with the device paths taken under dev_root (e.g. a test folder
 * holding dev/udmabuf) instead of the root; NULL means "/".
 */
int vcam_dmabuf_allocator_open_at(struct vcam_dmabuf_allocator **allocator,
				  enum vcam_dmabuf_backend backend,
				  const char *dev_root);

/* The backend in use: never VCAM_DMABUF_AUTO. */
enum vcam_dmabuf_backend
vcam_dmabuf_allocator_backend(const struct vcam_dmabuf_allocator *allocator);

/* Buffers allocated from the allocator stay valid after it is closed. */
void vcam_dmabuf_allocator_close(struct vcam_dmabuf_allocator *allocator);

/*
 * A sentence for users on why vcam_dmabuf_allocator_open(requested) failed
 * with error (negative errno) and what to do, written into message.
 * Returns message.
 */
const char *vcam_dmabuf_open_error_message(enum vcam_dmabuf_backend requested,
					   int error, char *message,
					   size_t message_size);

/*
 * Fills buf with a new mapped dma-buf of at least size bytes. On failure,
 * buf has fd -1, so vcam_dmabuf_free() may be called on it either way.
 */
int vcam_dmabuf_alloc(struct vcam_dmabuf_allocator *allocator, size_t size,
		      struct vcam_dmabuf *buf);

/* Bracket CPU writes through buf->data (DMA_BUF_IOCTL_SYNC). */
int vcam_dmabuf_begin_cpu_write(const struct vcam_dmabuf *buf);
int vcam_dmabuf_end_cpu_write(const struct vcam_dmabuf *buf);

/* Unmaps and closes buf, then leaves it with fd -1; no-op when already so. */
void vcam_dmabuf_free(struct vcam_dmabuf *buf);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_DMABUF_H */
