// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcamsink: the element, its properties and its GstBaseSink methods.
 */

#include "gstvcamsink.h"

#include <gst/video/video.h>

GST_DEBUG_CATEGORY(gst_vcam_sink_debug);

#define DEFAULT_DEVICE VCAM_CONTROL_DEVICE
#define DEFAULT_FRAMES 4

enum {
	PROP_0,
	PROP_DEVICE,
	PROP_FRAMES,
	PROP_ALLOCATOR,
	PROP_LEND,
	PROP_NODE,
	PROP_STREAMING,
};

G_DEFINE_TYPE(GstVcamSink, gst_vcam_sink, GST_TYPE_VIDEO_SINK)

#define GST_TYPE_VCAM_SINK_ALLOCATOR (gst_vcam_sink_allocator_get_type())
static GType gst_vcam_sink_allocator_get_type(void)
{
	static const GEnumValue values[] = {
		{ VCAM_DMABUF_AUTO, "The first that exists: heap, udmabuf, drm",
		  "auto" },
		{ VCAM_DMABUF_HEAP, "A DMA-BUF heap (/dev/dma_heap/system)",
		  "heap" },
		{ VCAM_DMABUF_UDMABUF, "udmabuf over a sealed memfd "
		  "(/dev/udmabuf)", "udmabuf" },
		{ VCAM_DMABUF_DRM, "Dumb buffers of a DRM device "
		  "(/dev/dri/card*, e.g. vgem)", "drm" },
		{ 0, NULL, NULL },
	};
	static GType type;

	if (g_once_init_enter(&type)) {
		GType t = g_enum_register_static("GstVcamSinkAllocator",
						 values);

		g_once_init_leave(&type, t);
	}
	return type;
}

#define GST_TYPE_VCAM_SINK_LEND (gst_vcam_sink_lend_get_type())
static GType gst_vcam_sink_lend_get_type(void)
{
	static const GEnumValue values[] = {
		{ GST_VCAM_SINK_LEND_AUTO, "Copy into the consumer's buffers "
		  "when the driver lends them", "auto" },
		{ GST_VCAM_SINK_LEND_NEVER, "Always queue frames for the driver "
		  "to copy", "never" },
		{ 0, NULL, NULL },
	};
	static GType type;

	if (g_once_init_enter(&type)) {
		GType t = g_enum_register_static("GstVcamSinkLend", values);

		g_once_init_leave(&type, t);
	}
	return type;
}

static void gst_vcam_sink_set_property(GObject *object, guint id,
				       const GValue *value, GParamSpec *pspec)
{
	GstVcamSink *self = GST_VCAM_SINK(object);

	GST_OBJECT_LOCK(self);
	switch (id) {
	case PROP_DEVICE:
		g_free(self->device);
		self->device = g_value_dup_string(value);
		if (!self->device)
			self->device = g_strdup(DEFAULT_DEVICE);
		break;
	case PROP_FRAMES:
		self->frames = g_value_get_uint(value);
		break;
	case PROP_ALLOCATOR:
		self->allocator = g_value_get_enum(value);
		break;
	case PROP_LEND:
		self->lend = g_value_get_enum(value);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, pspec);
	}
	GST_OBJECT_UNLOCK(self);
}

static void gst_vcam_sink_get_property(GObject *object, guint id,
				       GValue *value, GParamSpec *pspec)
{
	GstVcamSink *self = GST_VCAM_SINK(object);

	switch (id) {
	case PROP_DEVICE:
		GST_OBJECT_LOCK(self);
		g_value_set_string(value, self->device);
		GST_OBJECT_UNLOCK(self);
		break;
	case PROP_FRAMES:
		g_value_set_uint(value, self->frames);
		break;
	case PROP_ALLOCATOR:
		g_value_set_enum(value, self->allocator);
		break;
	case PROP_LEND:
		g_value_set_enum(value, self->lend);
		break;
	case PROP_NODE:
		g_mutex_lock(&self->lock);
		if (self->producer.fd >= 0)
			g_value_take_string(value, g_strdup_printf(
					"/dev/video%u", self->producer.node));
		else
			g_value_set_string(value, NULL);
		g_mutex_unlock(&self->lock);
		break;
	case PROP_STREAMING:
		g_mutex_lock(&self->lock);
		g_value_set_boolean(value, self->streaming);
		g_mutex_unlock(&self->lock);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(object, id, pspec);
	}
}

static void remove_camera(GstVcamSink *self)
{
	gboolean was_streaming, had_camera;

	gst_vcam_sink_watch_stop(self);
	g_mutex_lock(&self->lock);
	had_camera = self->producer.fd >= 0;
	was_streaming = self->streaming;
	gst_vcam_sink_destroy_camera(self);
	g_mutex_unlock(&self->lock);
	if (was_streaming)
		g_object_notify(G_OBJECT(self), "streaming");
	if (had_camera)
		g_object_notify(G_OBJECT(self), "node");
}

static void post_format_error(GstVcamSink *self, const gchar *error)
{
	GST_ELEMENT_ERROR(self, STREAM, FORMAT, ("%s", error), (NULL));
}

/* The camera for format exists afterwards, created anew if it must be. */
static gboolean ensure_camera(GstVcamSink *self,
			      const struct gst_vcam_format *format)
{
	gboolean existed, created;

	g_mutex_lock(&self->lock);
	existed = self->producer.fd >= 0;
	if (existed && gst_vcam_format_same_frames(&self->format, format)) {
		self->format = *format;
		gst_vcam_sink_set_rate(self, format->rate_num, format->rate_den);
		g_mutex_unlock(&self->lock);
		return TRUE;
	}
	g_mutex_unlock(&self->lock);
	if (existed)
		remove_camera(self);

	g_mutex_lock(&self->lock);
	created = gst_vcam_sink_create_camera(self, format);
	if (created)
		gst_vcam_sink_update_status(self);
	g_mutex_unlock(&self->lock);
	if (!created || !gst_vcam_sink_watch_start(self)) {
		remove_camera(self);
		return FALSE;
	}
	g_object_notify(G_OBJECT(self), "node");
	if (existed)
		GST_ELEMENT_INFO(self, RESOURCE, SETTINGS,
				 ("The caps changed the frames' size or format: "
				  "the camera is now /dev/video%u, %ux%u %s; its "
				  "consumers must open it again.",
				  self->producer.node, format->layout.width,
				  format->layout.height,
				  format->layout.format->name), (NULL));
	gst_vcam_sink_post_camera(self, existed);
	return TRUE;
}

static gboolean gst_vcam_sink_set_caps(GstBaseSink *sink, GstCaps *caps)
{
	GstVcamSink *self = GST_VCAM_SINK(sink);
	struct gst_vcam_format format;
	gchar *error = NULL;

	GST_DEBUG_OBJECT(self, "caps %" GST_PTR_FORMAT, caps);
	if (!gst_vcam_format_from_caps(&format, caps, &error)) {
		post_format_error(self, error);
		g_free(error);
		return FALSE;
	}
	return ensure_camera(self, &format);
}

static gboolean gst_vcam_sink_start(GstBaseSink *sink)
{
	return gst_vcam_sink_probe_device(GST_VCAM_SINK(sink));
}

static gboolean gst_vcam_sink_stop(GstBaseSink *sink)
{
	GstVcamSink *self = GST_VCAM_SINK(sink);

	g_mutex_lock(&self->lock);
	gst_buffer_replace(&self->newest, NULL);
	g_mutex_unlock(&self->lock);
	return TRUE;
}

/* Whether the consumer asked for fewer frames than come, and this one
 * comes too soon after the last one delivered. */
static gboolean too_soon(GstVcamSink *self, GstBuffer *buffer)
{
	GstBaseSink *sink = GST_BASE_SINK(self);
	guint64 interval = self->consumer_interval_ns;
	GstClockTime duration = 0, running_time;

	if (self->format.rate_num)
		duration = gst_util_uint64_scale(GST_SECOND,
						 self->format.rate_den,
						 self->format.rate_num);
	if (!interval || interval <= duration + duration / 2 ||
	    !GST_BUFFER_PTS_IS_VALID(buffer))
		return FALSE;
	GST_OBJECT_LOCK(sink);
	running_time = gst_segment_to_running_time(&sink->segment,
						   GST_FORMAT_TIME,
						   GST_BUFFER_PTS(buffer));
	GST_OBJECT_UNLOCK(sink);
	if (!GST_CLOCK_TIME_IS_VALID(running_time))
		return FALSE;
	if (GST_CLOCK_TIME_IS_VALID(self->last_running_time) &&
	    running_time < self->last_running_time + interval - interval / 4)
		return TRUE;
	self->last_running_time = running_time;
	return FALSE;
}

static GstFlowReturn gst_vcam_sink_show_frame(GstVideoSink *sink,
					      GstBuffer *buffer)
{
	GstVcamSink *self = GST_VCAM_SINK(sink);
	GstFlowReturn flow = GST_FLOW_OK;

	g_mutex_lock(&self->lock);
	if (self->producer.fd < 0) {
		flow = GST_FLOW_NOT_NEGOTIATED;
	} else {
		gst_vcam_sink_reclaim(self);
		if (!self->streaming) {
			gst_buffer_replace(&self->newest, buffer);
			self->stats.idle++;
		} else if (too_soon(self, buffer)) {
			self->stats.paced++;
		} else {
			flow = gst_vcam_sink_deliver(self, buffer, FALSE);
		}
	}
	g_mutex_unlock(&self->lock);
	return flow;
}

static gboolean gst_vcam_sink_propose_allocation(GstBaseSink *sink G_GNUC_UNUSED,
						 GstQuery *query)
{
	gst_query_add_allocation_meta(query, GST_VIDEO_META_API_TYPE, NULL);
	return TRUE;
}

static gboolean gst_vcam_sink_event(GstBaseSink *sink, GstEvent *event)
{
	GstVcamSink *self = GST_VCAM_SINK(sink);

	if (GST_EVENT_TYPE(event) == GST_EVENT_EOS) {
		gboolean streaming;

		g_mutex_lock(&self->lock);
		streaming = self->streaming;
		g_mutex_unlock(&self->lock);
		gst_vcam_sink_post_stats(self, "vcamsink-stats", streaming);
	}
	return GST_BASE_SINK_CLASS(gst_vcam_sink_parent_class)->event(sink,
								       event);
}

static GstStateChangeReturn gst_vcam_sink_change_state(GstElement *element,
						       GstStateChange change)
{
	GstVcamSink *self = GST_VCAM_SINK(element);
	GstStateChangeReturn ret = GST_ELEMENT_CLASS(gst_vcam_sink_parent_class)
		->change_state(element, change);

	if (change == GST_STATE_CHANGE_READY_TO_NULL) {
		remove_camera(self);
		g_mutex_lock(&self->lock);
		if (self->memory)
			vcam_dmabuf_allocator_close(self->memory);
		self->memory = NULL;
		self->stats = (struct gst_vcam_stats){ 0 };
		g_mutex_unlock(&self->lock);
	}
	return ret;
}

static void gst_vcam_sink_finalize(GObject *object)
{
	GstVcamSink *self = GST_VCAM_SINK(object);

	remove_camera(self);
	if (self->memory)
		vcam_dmabuf_allocator_close(self->memory);
	g_free(self->device);
	g_mutex_clear(&self->lock);
	G_OBJECT_CLASS(gst_vcam_sink_parent_class)->finalize(object);
}

static void gst_vcam_sink_init(GstVcamSink *self)
{
	g_mutex_init(&self->lock);
	self->device = g_strdup(DEFAULT_DEVICE);
	self->frames = DEFAULT_FRAMES;
	self->allocator = VCAM_DMABUF_AUTO;
	self->lend = GST_VCAM_SINK_LEND_AUTO;
	self->producer.fd = -1;
	self->wake_fd = -1;
	self->last_running_time = GST_CLOCK_TIME_NONE;
	for (size_t i = 0; i < GST_VCAM_SINK_MAX_FRAMES; i++)
		self->slots[i].memory.fd = -1;
	/* A kept sample would hold one more of the input's pool buffers. */
	gst_base_sink_set_last_sample_enabled(GST_BASE_SINK(self), FALSE);
}

static void install_properties(GObjectClass *object_class)
{
	const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
			       GST_PARAM_MUTABLE_READY;
	const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

	g_object_class_install_property(object_class, PROP_DEVICE,
		g_param_spec_string("device", "Control device",
			"The vcam control device that creates the camera",
			DEFAULT_DEVICE, rw));
	g_object_class_install_property(object_class, PROP_FRAMES,
		g_param_spec_uint("frames", "Frame slots",
			"Frames the driver can hold at once: input buffers "
			"queued as they are, and copies waiting for the "
			"consumer", 2, GST_VCAM_SINK_MAX_FRAMES,
			DEFAULT_FRAMES, rw));
	g_object_class_install_property(object_class, PROP_ALLOCATOR,
		g_param_spec_enum("allocator", "DMA-BUF allocator",
			"Where the memory of copied frames comes from (input "
			"that is a DMA-BUF needs none)",
			GST_TYPE_VCAM_SINK_ALLOCATOR, VCAM_DMABUF_AUTO, rw));
	g_object_class_install_property(object_class, PROP_LEND,
		g_param_spec_enum("lend", "Lend",
			"Whether frames may be copied straight into the "
			"buffers of a consumer that streams with MMAP or "
			"read()", GST_TYPE_VCAM_SINK_LEND,
			GST_VCAM_SINK_LEND_AUTO, rw));
	g_object_class_install_property(object_class, PROP_NODE,
		g_param_spec_string("node", "Capture node",
			"The camera's capture device, e.g. /dev/video0, "
			"while the camera exists (from the first caps to the "
			"NULL state)", NULL, ro));
	g_object_class_install_property(object_class, PROP_STREAMING,
		g_param_spec_boolean("streaming", "Streaming",
			"Whether a consumer streams from the camera; "
			"notify::streaming and the element message "
			"vcamsink-streaming say when it changes", FALSE,
			ro));
}

static void gst_vcam_sink_class_init(GstVcamSinkClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	GstElementClass *element_class = GST_ELEMENT_CLASS(klass);
	GstBaseSinkClass *base_class = GST_BASE_SINK_CLASS(klass);
	GstVideoSinkClass *video_class = GST_VIDEO_SINK_CLASS(klass);
	GstCaps *caps = gst_vcam_sink_template_caps();

	object_class->set_property = gst_vcam_sink_set_property;
	object_class->get_property = gst_vcam_sink_get_property;
	object_class->finalize = gst_vcam_sink_finalize;
	install_properties(object_class);

	gst_element_class_add_pad_template(element_class,
		gst_pad_template_new("sink", GST_PAD_SINK, GST_PAD_ALWAYS,
				     caps));
	gst_caps_unref(caps);
	gst_element_class_set_static_metadata(element_class,
		"vcam camera sink", "Sink/Video",
		"Feeds a vcam virtual camera, named after the element's "
		"name property, created when the caps are fixed and removed "
		"at NULL; sizes 2..8192 as the driver allows",
		"vcam project");
	element_class->change_state = gst_vcam_sink_change_state;

	base_class->set_caps = gst_vcam_sink_set_caps;
	base_class->start = gst_vcam_sink_start;
	base_class->stop = gst_vcam_sink_stop;
	base_class->propose_allocation = gst_vcam_sink_propose_allocation;
	base_class->event = gst_vcam_sink_event;
	video_class->show_frame = gst_vcam_sink_show_frame;

	gst_type_mark_as_plugin_api(GST_TYPE_VCAM_SINK_ALLOCATOR, 0);
	gst_type_mark_as_plugin_api(GST_TYPE_VCAM_SINK_LEND, 0);
}
