/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A real V4L2 capture device, streamed with memory-mapped buffers: opened,
 * set to the mode that best suits a camera, and read a buffer at a time.
 * A buffer can also be exported as a DMA-BUF, for the driver to copy from.
 */
#ifndef VCAMD_V4L2_DEVICE_H
#define VCAMD_V4L2_DEVICE_H

#include <linux/videodev2.h>
#include <stddef.h>
#include <stdint.h>
#include <vcam/format.h>

/* Enough for the device to keep filling while vcam holds a few exported. */
#define V4L2_DEVICE_BUFFERS 6

struct v4l2_device_buffer {
	void *data;
	size_t length;
	int dmabuf;		/* exported; -1: not yet */
};

struct v4l2_device {
	int fd;
	struct v4l2_pix_format format;	/* the mode in use */
	struct v4l2_device_buffer buffers[V4L2_DEVICE_BUFFERS];
	unsigned int count;
	uint64_t generation;		/* differs for every open */
};

/*
 * Opens the device at path and streams it in the mode that best suits
 * frames of layout (the same format at its size; a format vcamd converts
 * or decodes; MJPEG for an MJPEG layout), asking for numerator /
 * denominator seconds per frame. Returns 0, or -errno with a sentence
 * naming the problem and what to do in message: -ENOENT missing, -EBUSY
 * another program streams it, -ENODEV not a capture device (or a vcam
 * camera), -ENOTSUP no mode vcamd can use.
 */
int v4l2_device_open(struct v4l2_device *device, const char *path,
		     const struct vcam_frame_layout *layout,
		     uint32_t numerator, uint32_t denominator, char *message,
		     size_t size);

/* Stops streaming and closes; fd becomes -1. */
void v4l2_device_close(struct v4l2_device *device);

/*
 * Takes the next filled buffer: 0 with *index and *bytes, -EAGAIN when
 * none is ready, or -errno when the device failed (it went away).
 * Buffers the device marked as damaged are given back and skipped.
 */
int v4l2_device_dequeue(struct v4l2_device *device, unsigned int *index,
			uint32_t *bytes);

/* Gives buffer index back to the device: 0 or -errno. */
int v4l2_device_requeue(struct v4l2_device *device, unsigned int index);

/*
 * Buffer index as a DMA-BUF (VIDIOC_EXPBUF), exported the first time it is
 * asked for and closed with the device: 0 with *fd, or -errno when the
 * device cannot export its buffers.
 */
int v4l2_device_export(struct v4l2_device *device, unsigned int index,
		       int *fd);

#endif
