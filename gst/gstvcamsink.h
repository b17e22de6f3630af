/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcamsink: a video sink that feeds a vcam camera. What its files share.
 */
#ifndef GST_VCAM_SINK_H
#define GST_VCAM_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include <gst/gst.h>
#include <gst/video/gstvideosink.h>
#include <gst/video/video.h>

#include <vcam/dmabuf.h>
#include <vcam/producer.h>

G_BEGIN_DECLS

#define GST_TYPE_VCAM_SINK (gst_vcam_sink_get_type())
G_DECLARE_FINAL_TYPE(GstVcamSink, gst_vcam_sink, GST, VCAM_SINK, GstVideoSink)

GST_DEBUG_CATEGORY_EXTERN(gst_vcam_sink_debug);
#define GST_CAT_DEFAULT gst_vcam_sink_debug

#define GST_VCAM_SINK_MAX_FRAMES 32

typedef enum {
	GST_VCAM_SINK_LEND_AUTO,
	GST_VCAM_SINK_LEND_NEVER,
} GstVcamSinkLend;

/* One frame slot of the camera. */
struct gst_vcam_slot {
	struct vcam_dmabuf memory;	/* the element's own; fd -1 until used */
	GstBuffer *input;		/* an input buffer queued as it is */
	gboolean queued;		/* the driver holds the slot */
};

/* How the frames went, posted on the bus with each streaming change. */
struct gst_vcam_stats {
	guint64 queued_as_is;	/* DMA-BUF input, queued without a copy */
	guint64 lent;		/* copied into a buffer the consumer lent */
	guint64 copied;		/* copied into an own slot and queued */
	guint64 idle;		/* dropped untouched while nobody streamed */
	guint64 busy;		/* dropped: no buffer or slot was free */
	guint64 paced;		/* dropped for the consumer's slower rate */
};

/* What the caps ask of the camera. */
struct gst_vcam_format {
	struct vcam_frame_layout layout;
	GstVideoInfo info;		/* raw video only */
	guint rate_num, rate_den;	/* frames per second; 0/1: variable */
};

struct _GstVcamSink {
	GstVideoSink parent;

	/* Properties, under the object lock. */
	gchar *device;
	guint frames;
	enum vcam_dmabuf_backend allocator;
	GstVcamSinkLend lend;

	GMutex lock;	/* everything below, and the calls on the camera */
	struct vcam_producer producer;	/* fd -1: no camera */
	struct vcam_dmabuf_allocator *memory;
	struct gst_vcam_slot slots[GST_VCAM_SINK_MAX_FRAMES];
	struct gst_vcam_format format;
	gboolean streaming;
	gboolean lending_refused;	/* for the current stream */
	guint32 unreported_drops;	/* since the last lent frame */
	GstBuffer *newest;		/* kept while nobody streams */
	guint64 consumer_interval_ns;
	GstClockTime last_running_time;
	struct gst_vcam_stats stats;

	GThread *watcher;
	int wake_fd;			/* eventfd that stops the watcher */
};

/* gstvcamsink-caps.c */
GstCaps *gst_vcam_sink_template_caps(void);
/* Fills format from fixed caps; FALSE with a sentence in *error. */
gboolean gst_vcam_format_from_caps(struct gst_vcam_format *format,
				   GstCaps *caps, gchar **error);
gboolean gst_vcam_format_same_frames(const struct gst_vcam_format *a,
				     const struct gst_vcam_format *b);

/* gstvcamsink-camera.c, called with the lock held unless said otherwise */
/* Whether the control device can be opened; posts an error if not. */
gboolean gst_vcam_sink_probe_device(GstVcamSink *self);
/* Creates the camera for format; posts an error and returns FALSE. */
gboolean gst_vcam_sink_create_camera(GstVcamSink *self,
				     const struct gst_vcam_format *format);
void gst_vcam_sink_destroy_camera(GstVcamSink *self);
void gst_vcam_sink_set_rate(GstVcamSink *self, guint num, guint den);
/* Takes back the slots the driver is done with. */
void gst_vcam_sink_reclaim(GstVcamSink *self);
/* Posts the element message name (vcamsink-streaming, vcamsink-stats)
 * with the frame counters, or vcamsink-camera with the camera's node. */
void gst_vcam_sink_post_stats(GstVcamSink *self, const char *name,
			      gboolean streaming);
void gst_vcam_sink_post_camera(GstVcamSink *self, gboolean recreated);

/* gstvcamsink-render.c, with the lock held. queue_only: never lend, so
 * that the frame waits in the driver for the consumer's first buffer. */
/* Opens the DMA-BUF allocator for copied frames unless open; posts an
 * error, or with warn_only a warning, when it cannot. */
gboolean gst_vcam_sink_open_memory(GstVcamSink *self, gboolean warn_only);
GstFlowReturn gst_vcam_sink_deliver(GstVcamSink *self, GstBuffer *buffer,
				    gboolean queue_only);

/* gstvcamsink-watch.c, without the lock */
/* Starts the thread that follows the consumer's streaming and returns. */
gboolean gst_vcam_sink_watch_start(GstVcamSink *self);
void gst_vcam_sink_watch_stop(GstVcamSink *self);
/* With the lock: re-reads the status; TRUE if streaming changed. */
gboolean gst_vcam_sink_update_status(GstVcamSink *self);
/* Without the lock: notify::streaming and the bus message. */
void gst_vcam_sink_announce_streaming(GstVcamSink *self, gboolean streaming);

G_END_DECLS

#endif
