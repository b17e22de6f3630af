// SPDX-License-Identifier: GPL-2.0-only
/*
 * The camera behind vcamsink: created from the caps, removed at NULL, and
 * the element's errors and messages about it.
 */

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <vcam/camera-config.h>

#include "gstvcamsink.h"

#define NSEC_PER_SEC 1000000000ull

static void post_open_error(GstVcamSink *self, const char *device, int error)
{
	switch (error) {
	case -ENOENT:
	case -ENODEV:
	case -ENXIO:
		GST_ELEMENT_ERROR(self, RESOURCE, NOT_FOUND,
				  ("%s does not exist: load the vcam driver "
				   "with `modprobe vcam'.", device),
				  ("open: %s", g_strerror(-error)));
		break;
	case -EACCES:
	case -EPERM:
		GST_ELEMENT_ERROR(self, RESOURCE, OPEN_READ_WRITE,
				  ("No permission to open %s: run as root, or "
				   "give a group access to it with a udev rule "
				   "(see 60-vcam.rules) and join that group.",
				   device),
				  ("open: %s", g_strerror(-error)));
		break;
	default:
		GST_ELEMENT_ERROR(self, RESOURCE, OPEN_READ_WRITE,
				  ("Cannot open %s: %s.", device,
				   g_strerror(-error)), (NULL));
	}
}

gboolean gst_vcam_sink_probe_device(GstVcamSink *self)
{
	gchar *device;
	int fd;

	GST_OBJECT_LOCK(self);
	device = g_strdup(self->device);
	GST_OBJECT_UNLOCK(self);
	fd = open(device, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		post_open_error(self, device, -errno);
	else
		close(fd);
	g_free(device);
	return fd >= 0;
}

static void post_create_error(GstVcamSink *self, const char *name,
			      const struct vcam_frame_layout *layout,
			      guint frames, int error)
{
	char reason[256];

	if (error == -EINVAL)
		GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS,
				  ("The vcam driver refused a %ux%u %s camera "
				   "named \"%s\" with %u frames: check that "
				   "the driver is up to date and that the size "
				   "and format suit it.", layout->width,
				   layout->height, layout->format->name, name,
				   frames), (NULL));
	else
		GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS,
				  ("%s.", vcam_producer_error_message(
						  VCAM_PRODUCER_CREATE, error,
						  reason, sizeof(reason))),
				  (NULL));
}

/* The element's name, which names the camera; NULL after an error. */
static gchar *camera_name(GstVcamSink *self)
{
	gchar *name = gst_object_get_name(GST_OBJECT(self));

	if (vcam_camera_name_is_valid(name))
		return name;
	GST_ELEMENT_ERROR(self, RESOURCE, SETTINGS,
			  ("\"%s\" cannot name a camera: use 1 to 31 letters, "
			   "digits and spaces, starting and ending with a "
			   "letter or digit, e.g. vcamsink name=\"My "
			   "Camera\".", name), (NULL));
	g_free(name);
	return NULL;
}

/*
 * Whether frames can be copied, or, with the allocator left to auto, the
 * camera can still take DMA-BUF input (a warning says that it must).
 */
static gboolean memory_ready(GstVcamSink *self)
{
	gboolean automatic = self->allocator == VCAM_DMABUF_AUTO;

	return gst_vcam_sink_open_memory(self, automatic) || automatic;
}

gboolean gst_vcam_sink_create_camera(GstVcamSink *self,
				     const struct gst_vcam_format *format)
{
	enum vcam_producer_step step;
	gchar *name = camera_name(self);
	gchar *device;
	guint frames;
	int ret;

	if (!name)
		return FALSE;
	GST_OBJECT_LOCK(self);
	device = g_strdup(self->device);
	frames = self->frames;
	GST_OBJECT_UNLOCK(self);
	ret = vcam_producer_create(&self->producer, device, name,
				   &format->layout, frames, &step);
	if (ret == 0 && !memory_ready(self)) {
		vcam_producer_close(&self->producer);
		ret = -ENOENT;
	} else if (ret == 0) {
		self->format = *format;
		gst_vcam_sink_set_rate(self, format->rate_num,
				       format->rate_den);
		GST_INFO_OBJECT(self, "created /dev/video%u: %ux%u %s, %u "
				"frames", self->producer.node,
				format->layout.width, format->layout.height,
				format->layout.format->name, frames);
	} else if (step == VCAM_PRODUCER_OPEN) {
		post_open_error(self, device, ret);
	} else {
		post_create_error(self, name, &format->layout, frames, ret);
	}
	g_free(device);
	g_free(name);
	return ret == 0;
}

void gst_vcam_sink_destroy_camera(GstVcamSink *self)
{
	for (size_t i = 0; i < GST_VCAM_SINK_MAX_FRAMES; i++) {
		vcam_dmabuf_free(&self->slots[i].memory);
		gst_buffer_replace(&self->slots[i].input, NULL);
		self->slots[i].queued = FALSE;
	}
	gst_buffer_replace(&self->newest, NULL);
	vcam_producer_close(&self->producer);
	self->streaming = FALSE;
}

/*
 * The caps' rate becomes the camera's default interval, within the 1/1000
 * to 1 s the driver takes; a variable rate (0/1) offers 30 frames/s.
 */
void gst_vcam_sink_set_rate(GstVcamSink *self, guint num, guint den)
{
	guint64 ns = num ? gst_util_uint64_scale(NSEC_PER_SEC, den, num) :
		     NSEC_PER_SEC / 30;
	int ret;

	if (ns < NSEC_PER_SEC / 1000) {
		num = 1000;
		den = 1;
	} else if (ns > NSEC_PER_SEC) {
		num = 1;
		den = 1;
	} else if (!num) {
		num = 30;
		den = 1;
	}
	ret = vcam_producer_set_interval(&self->producer, den, num);
	if (ret)
		GST_WARNING_OBJECT(self, "cannot offer %u/%u frames/s: %s",
				   num, den, g_strerror(-ret));
}

void gst_vcam_sink_reclaim(GstVcamSink *self)
{
	uint32_t index;
	int ret;

	while ((ret = vcam_producer_dequeue(&self->producer, &index)) == 0) {
		if (index >= GST_VCAM_SINK_MAX_FRAMES)
			continue;
		self->slots[index].queued = FALSE;
		gst_buffer_replace(&self->slots[index].input, NULL);
	}
	if (ret != -EAGAIN && ret != -EINVAL)
		GST_WARNING_OBJECT(self, "cannot take back a frame: %s",
				   g_strerror(-ret));
}

static void post_element_message(GstVcamSink *self, GstStructure *s)
{
	gst_element_post_message(GST_ELEMENT(self),
				 gst_message_new_element(GST_OBJECT(self), s));
}

void gst_vcam_sink_post_stats(GstVcamSink *self, const char *name,
			      gboolean streaming)
{
	struct gst_vcam_stats stats;
	gchar *node;

	g_mutex_lock(&self->lock);
	stats = self->stats;
	node = g_strdup_printf("/dev/video%u", self->producer.node);
	g_mutex_unlock(&self->lock);
	post_element_message(self, gst_structure_new(name,
		"streaming", G_TYPE_BOOLEAN, streaming,
		"node", G_TYPE_STRING, node,
		"queued-as-is", G_TYPE_UINT64, stats.queued_as_is,
		"lent", G_TYPE_UINT64, stats.lent,
		"copied", G_TYPE_UINT64, stats.copied,
		"dropped-idle", G_TYPE_UINT64, stats.idle,
		"dropped-busy", G_TYPE_UINT64, stats.busy,
		"dropped-paced", G_TYPE_UINT64, stats.paced, NULL));
	g_free(node);
}

void gst_vcam_sink_post_camera(GstVcamSink *self, gboolean recreated)
{
	const struct vcam_frame_layout *layout = &self->format.layout;
	gchar *node = g_strdup_printf("/dev/video%u", self->producer.node);

	post_element_message(self, gst_structure_new("vcamsink-camera",
		"node", G_TYPE_STRING, node,
		"width", G_TYPE_UINT, layout->width,
		"height", G_TYPE_UINT, layout->height,
		"format", G_TYPE_STRING, layout->format->name,
		"recreated", G_TYPE_BOOLEAN, recreated, NULL));
	g_free(node);
}
