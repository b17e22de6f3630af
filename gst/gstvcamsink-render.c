// SPDX-License-Identifier: GPL-2.0-only
/*
 * How a frame reaches the consumer, cheapest path first:
 *  - an input buffer that is one DMA-BUF laid out as the camera's frames is
 *    queued as it is, and kept until the driver gives its slot back;
 *  - while the consumer streams with buffers the driver allocated (MMAP or
 *    read()), the frame is copied into the capture buffer the driver lends;
 *  - otherwise it is copied into one of the element's own DMA-BUF slots,
 *    which is queued for the driver to copy.
 */

#include <errno.h>
#include <string.h>

#include <gst/allocators/gstdmabuf.h>

#include "gstvcamsink.h"

/* Whether the frame's planes lie where the camera's frames have them. */
static gboolean laid_out_as_camera(GstVcamSink *self, GstBuffer *buffer)
{
	const struct vcam_frame_layout *layout = &self->format.layout;
	const GstVideoInfo *info = &self->format.info;
	GstVideoMeta *meta = gst_buffer_get_video_meta(buffer);
	guint planes = meta ? meta->n_planes : GST_VIDEO_INFO_N_PLANES(info);

	if (layout->format->compressed)
		return TRUE;
	if (planes != layout->num_planes)
		return FALSE;
	for (guint p = 0; p < planes; p++) {
		gsize offset = meta ? meta->offset[p] :
			       GST_VIDEO_INFO_PLANE_OFFSET(info, p);
		gint stride = meta ? meta->stride[p] :
			      GST_VIDEO_INFO_PLANE_STRIDE(info, p);

		if (offset != layout->plane_offset[p] ||
		    stride != (gint)layout->plane_stride[p])
			return FALSE;
	}
	return TRUE;
}

/* The DMA-BUF holding the whole frame at its start, or -1. */
static int input_dmabuf(GstVcamSink *self, GstBuffer *buffer, gsize *size)
{
	GstMemory *memory;
	gsize offset, maxsize;

	if (gst_buffer_n_memory(buffer) != 1)
		return -1;
	memory = gst_buffer_peek_memory(buffer, 0);
	if (!gst_is_dmabuf_memory(memory))
		return -1;
	*size = gst_memory_get_sizes(memory, &offset, &maxsize);
	if (offset != 0 || maxsize < self->format.layout.sizeimage ||
	    *size > self->format.layout.sizeimage ||
	    !laid_out_as_camera(self, buffer))
		return -1;
	return gst_dmabuf_memory_get_fd(memory);
}

static int free_slot(GstVcamSink *self)
{
	for (guint i = 0; i < self->producer.nr_frames; i++) {
		if (!self->slots[i].queued)
			return (int)i;
	}
	return -1;
}

static GstFlowReturn queue_slot(GstVcamSink *self, int index, int fd,
				gsize length, GstBuffer *buffer)
{
	int ret = vcam_producer_queue(&self->producer, (uint32_t)index, fd,
				      (uint32_t)length,
				      GST_BUFFER_PTS_IS_VALID(buffer) ?
				      GST_BUFFER_PTS(buffer) : 0);

	if (ret) {
		GST_ELEMENT_ERROR(self, RESOURCE, WRITE,
				  ("The vcam driver refused a frame of "
				   "/dev/video%u: %s.", self->producer.node,
				   g_strerror(-ret)), (NULL));
		return GST_FLOW_ERROR;
	}
	self->slots[index].queued = TRUE;
	return GST_FLOW_OK;
}

static GstFlowReturn queue_as_is(GstVcamSink *self, GstBuffer *buffer,
				 int fd, gsize size)
{
	int index = free_slot(self);
	GstFlowReturn flow;

	if (index < 0) {
		self->stats.busy++;
		return GST_FLOW_OK;
	}
	if (self->format.layout.format->compressed)
		flow = queue_slot(self, index, fd, size, buffer);
	else
		flow = queue_slot(self, index, fd, 0, buffer);
	if (flow != GST_FLOW_OK)
		return flow;
	gst_buffer_replace(&self->slots[index].input, buffer);
	self->stats.queued_as_is++;
	return GST_FLOW_OK;
}

static gboolean copy_raw(GstVcamSink *self, GstBuffer *buffer, uint8_t *dst)
{
	const struct vcam_frame_layout *layout = &self->format.layout;
	GstVideoFrame frame;

	if (!gst_video_frame_map(&frame, &self->format.info, buffer,
				 GST_MAP_READ))
		return FALSE;
	for (guint p = 0; p < layout->num_planes; p++) {
		const uint8_t *src = GST_VIDEO_FRAME_PLANE_DATA(&frame, p);
		gint src_stride = GST_VIDEO_FRAME_PLANE_STRIDE(&frame, p);
		uint32_t stride = layout->plane_stride[p];
		gint rows = GST_VIDEO_FRAME_COMP_HEIGHT(&frame, p);
		uint8_t *out = dst + layout->plane_offset[p];

		if (src_stride == (gint)stride) {
			memcpy(out, src, (size_t)stride * rows);
			continue;
		}
		for (gint y = 0; y < rows; y++)
			memcpy(out + (size_t)y * stride,
			       src + (size_t)y * src_stride, stride);
	}
	gst_video_frame_unmap(&frame);
	return TRUE;
}

/* Writes the frame into dst of size bytes; its length into *length. */
static gboolean write_frame(GstVcamSink *self, GstBuffer *buffer,
			    uint8_t *dst, gsize size, gsize *length)
{
	if (!self->format.layout.format->compressed) {
		*length = self->format.layout.sizeimage;
		return *length <= size && copy_raw(self, buffer, dst);
	}
	*length = gst_buffer_get_size(buffer);
	if (*length > size || *length > self->format.layout.sizeimage) {
		GST_WARNING_OBJECT(self, "a JPEG frame of %" G_GSIZE_FORMAT
				   " bytes is larger than the camera's %u: "
				   "dropped", *length,
				   self->format.layout.sizeimage);
		return FALSE;
	}
	gst_buffer_extract(buffer, 0, dst, *length);
	return TRUE;
}

gboolean gst_vcam_sink_open_memory(GstVcamSink *self, gboolean warn_only)
{
	char message[256];
	int ret;

	if (self->memory)
		return TRUE;
	ret = vcam_dmabuf_allocator_open(&self->memory, self->allocator);
	if (ret == 0)
		return TRUE;
	vcam_dmabuf_open_error_message(self->allocator, ret, message,
				       sizeof(message));
	if (warn_only)
		GST_ELEMENT_WARNING(self, RESOURCE, OPEN_READ_WRITE,
				    ("Only DMA-BUF input can reach the camera "
				     "until DMA-BUF memory exists for frames "
				     "vcamsink copies: %s.", message), (NULL));
	else
		GST_ELEMENT_ERROR(self, RESOURCE, OPEN_READ_WRITE,
				  ("vcamsink needs DMA-BUF memory for frames it "
				   "copies: %s.", message), (NULL));
	return FALSE;
}

static GstFlowReturn queue_copy(GstVcamSink *self, GstBuffer *buffer)
{
	int index = free_slot(self);
	struct vcam_dmabuf *memory;
	gsize length;
	gboolean written;
	int ret;

	if (index < 0) {
		self->stats.busy++;
		return GST_FLOW_OK;
	}
	memory = &self->slots[index].memory;
	if (memory->fd < 0) {
		if (!gst_vcam_sink_open_memory(self, FALSE))
			return GST_FLOW_ERROR;
		ret = vcam_dmabuf_alloc(self->memory,
					self->format.layout.sizeimage, memory);
		if (ret) {
			GST_ELEMENT_ERROR(self, RESOURCE, NO_SPACE_LEFT,
					  ("Cannot allocate %u bytes of DMA-BUF "
					   "memory for a frame: %s.",
					   self->format.layout.sizeimage,
					   g_strerror(-ret)), (NULL));
			return GST_FLOW_ERROR;
		}
	}
	vcam_dmabuf_begin_cpu_write(memory);
	written = write_frame(self, buffer, memory->data, memory->size,
			      &length);
	vcam_dmabuf_end_cpu_write(memory);
	if (!written)
		return GST_FLOW_OK;
	self->stats.copied++;
	return queue_slot(self, index, memory->fd, length, buffer);
}

/* The driver will not lend for this stream: say why, once. */
static void refuse_lending(GstVcamSink *self, enum vcam_producer_step step,
			   int error)
{
	char message[256];

	self->lending_refused = TRUE;
	GST_INFO_OBJECT(self, "copying into queued frames for this stream: "
			"%s", vcam_producer_error_message(step, error, message,
							   sizeof(message)));
}

/* FALSE when the driver does not lend, so that the frame is queued. */
static gboolean lend(GstVcamSink *self, GstBuffer *buffer)
{
	struct vcam_lent_buffer lent;
	gsize length;
	int ret = vcam_producer_acquire(&self->producer, &lent);

	if (ret == -EAGAIN) {
		self->stats.busy++;
		self->unreported_drops++;
		return TRUE;
	}
	if (ret) {
		refuse_lending(self, VCAM_PRODUCER_ACQUIRE, ret);
		return FALSE;
	}
	if (!write_frame(self, buffer, lent.data, lent.length, &length)) {
		vcam_producer_discard(&self->producer, &lent);
		return TRUE;
	}
	ret = vcam_producer_commit(&self->producer, &lent, (uint32_t)length,
				   self->unreported_drops, 0);
	if (ret == -ENOENT)
		return TRUE;	/* the consumer stopped */
	if (ret) {
		refuse_lending(self, VCAM_PRODUCER_COMMIT, ret);
		return FALSE;
	}
	self->unreported_drops = 0;
	self->stats.lent++;
	return TRUE;
}

GstFlowReturn gst_vcam_sink_deliver(GstVcamSink *self, GstBuffer *buffer,
				    gboolean queue_only)
{
	gsize size;
	int fd = input_dmabuf(self, buffer, &size);

	if (fd >= 0)
		return queue_as_is(self, buffer, fd, size);
	if (!queue_only && !self->lending_refused && lend(self, buffer))
		return GST_FLOW_OK;
	return queue_copy(self, buffer);
}
