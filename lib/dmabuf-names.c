// SPDX-License-Identifier: GPL-2.0-only
/*
 * The words users see for DMA-BUF backends: their names in configuration
 * files and the sentences explaining why none could be opened.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <vcam/dmabuf.h>

struct backend_text {
	const char *name;
	const char *device;	/* what its open needs */
	const char *when_missing;	/* why it is missing and what to do */
	const char *when_no_dumb_buffers;
};

static const struct backend_text backend_texts[] = {
	[VCAM_DMABUF_AUTO] = {
		.name = "auto",
		.device = "/dev/dma_heap/system, /dev/udmabuf or /dev/dri/card*",
		.when_missing = "no DMA-BUF allocator found: no /dev/dma_heap/system, no /dev/udmabuf and no DRM device with dumb buffers; load one with `modprobe vgem'",
	},
	[VCAM_DMABUF_HEAP] = {
		.name = "heap",
		.device = "/dev/dma_heap/system",
		.when_missing = "the DMA-BUF allocator `heap' needs /dev/dma_heap/system, which this kernel does not have (it needs CONFIG_DMABUF_HEAPS_SYSTEM); use `auto' to pick what exists",
	},
	[VCAM_DMABUF_UDMABUF] = {
		.name = "udmabuf",
		.device = "/dev/udmabuf",
		.when_missing = "the DMA-BUF allocator `udmabuf' needs /dev/udmabuf, which is missing; load it with `modprobe udmabuf' (it needs CONFIG_UDMABUF) or use `auto' to pick what exists",
	},
	[VCAM_DMABUF_DRM] = {
		.name = "drm",
		.device = "/dev/dri/card*",
		.when_missing = "the DMA-BUF allocator `drm' needs a DRM device in /dev/dri, and there is none; load one with `modprobe vgem'",
		.when_no_dumb_buffers = "the DMA-BUF allocator `drm' needs a DRM device with dumb buffers, and none in /dev/dri has them; load one with `modprobe vgem'",
	},
};

#define BACKEND_COUNT (sizeof(backend_texts) / sizeof(backend_texts[0]))

static const struct backend_text *text_of(enum vcam_dmabuf_backend backend)
{
	if ((unsigned int)backend >= BACKEND_COUNT)
		return NULL;
	return &backend_texts[backend];
}

const char *vcam_dmabuf_backend_name(enum vcam_dmabuf_backend backend)
{
	const struct backend_text *text = text_of(backend);

	return text ? text->name : NULL;
}

int vcam_dmabuf_backend_from_name(const char *name,
				  enum vcam_dmabuf_backend *backend)
{
	for (size_t i = 0; i < BACKEND_COUNT; i++) {
		if (strcmp(name, backend_texts[i].name) == 0) {
			*backend = (enum vcam_dmabuf_backend)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *vcam_dmabuf_open_error_message(enum vcam_dmabuf_backend requested,
					   int error, char *message,
					   size_t message_size)
{
	const struct backend_text *text = text_of(requested);
	const char *reason = error == -EACCES || error == -EPERM ?
		"permission denied; run as root or as a member of the group that owns it" :
		strerror(-error);

	if (!text)
		snprintf(message, message_size,
			 "unknown DMA-BUF allocator %d; expected auto, heap, udmabuf or drm",
			 (int)requested);
	else if (error == -ENOENT ||
		 (error == -ENODEV && !text->when_no_dumb_buffers))
		snprintf(message, message_size, "%s", text->when_missing);
	else if (error == -ENODEV)
		snprintf(message, message_size, "%s", text->when_no_dumb_buffers);
	else if (requested == VCAM_DMABUF_AUTO)
		snprintf(message, message_size,
			 "no DMA-BUF allocator usable: cannot open %s: %s",
			 text->device, reason);
	else
		snprintf(message, message_size,
			 "the DMA-BUF allocator `%s' cannot open %s: %s",
			 text->name, text->device, reason);
	return message;
}
