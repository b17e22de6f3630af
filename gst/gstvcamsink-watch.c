// SPDX-License-Identifier: GPL-2.0-only
/*
 * A thread that follows the camera while it exists: it takes back the
 * slots the driver is done with, so that input buffers return to their
 * pool at once, and notices a consumer starting or stopping even while no
 * frame flows. A consumer that starts gets the newest frame at once.
 */

#include <errno.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "gstvcamsink.h"

static void read_interval(GstVcamSink *self)
{
	uint32_t num, den;

	if (vcam_producer_interval(&self->producer, &num, &den) == 0 && den)
		self->consumer_interval_ns =
			gst_util_uint64_scale(GST_SECOND, num, den);
}

gboolean gst_vcam_sink_update_status(GstVcamSink *self)
{
	bool streaming;
	int ret = vcam_producer_streaming(&self->producer, &streaming);

	read_interval(self);
	if (ret) {
		GST_WARNING_OBJECT(self, "cannot read the camera's status: %s",
				   g_strerror(-ret));
		return FALSE;
	}
	if ((gboolean)streaming == self->streaming)
		return FALSE;
	self->streaming = streaming;
	if (!streaming) {
		vcam_producer_release_lent(&self->producer);
		return TRUE;
	}
	GST_INFO_OBJECT(self, "a consumer started streaming");
	self->lending_refused = self->lend == GST_VCAM_SINK_LEND_NEVER;
	self->unreported_drops = 0;
	self->last_running_time = GST_CLOCK_TIME_NONE;
	if (self->newest) {
		GstBuffer *newest = self->newest;

		self->newest = NULL;
		gst_vcam_sink_deliver(self, newest, TRUE);
		gst_buffer_unref(newest);
	}
	return TRUE;
}

void gst_vcam_sink_announce_streaming(GstVcamSink *self, gboolean streaming)
{
	g_object_notify(G_OBJECT(self), "streaming");
	gst_vcam_sink_post_stats(self, "vcamsink-streaming", streaming);
}

static void on_camera_event(GstVcamSink *self, short revents)
{
	gboolean changed = FALSE, streaming;

	g_mutex_lock(&self->lock);
	if (revents & POLLIN)
		gst_vcam_sink_reclaim(self);
	if (revents & POLLPRI)
		changed = gst_vcam_sink_update_status(self);
	streaming = self->streaming;
	g_mutex_unlock(&self->lock);
	if (changed)
		gst_vcam_sink_announce_streaming(self, streaming);
}

static gpointer watch(gpointer data)
{
	GstVcamSink *self = data;
	struct pollfd fds[] = {
		{ .fd = self->producer.fd, .events = POLLIN | POLLPRI },
		{ .fd = self->wake_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(fds, G_N_ELEMENTS(fds), -1) < 0) {
			if (errno == EINTR)
				continue;
			GST_ERROR_OBJECT(self, "poll: %s", g_strerror(errno));
			break;
		}
		if (fds[1].revents)
			break;
		if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL))
			break;
		on_camera_event(self, fds[0].revents);
	}
	return NULL;
}

gboolean gst_vcam_sink_watch_start(GstVcamSink *self)
{
	GError *error = NULL;

	self->wake_fd = eventfd(0, EFD_CLOEXEC);
	if (self->wake_fd < 0) {
		GST_ELEMENT_ERROR(self, RESOURCE, FAILED,
				  ("Cannot create an eventfd: %s.",
				   g_strerror(errno)), (NULL));
		return FALSE;
	}
	self->watcher = g_thread_try_new("vcamsink-watch", watch, self, &error);
	if (!self->watcher) {
		GST_ELEMENT_ERROR(self, RESOURCE, FAILED,
				  ("Cannot start a thread: %s.", error->message),
				  (NULL));
		g_error_free(error);
		close(self->wake_fd);
		self->wake_fd = -1;
		return FALSE;
	}
	return TRUE;
}

void gst_vcam_sink_watch_stop(GstVcamSink *self)
{
	uint64_t one = 1;

	if (!self->watcher)
		return;
	if (write(self->wake_fd, &one, sizeof(one)) != sizeof(one))
		GST_ERROR_OBJECT(self, "cannot stop the watcher: %s",
				 g_strerror(errno));
	g_thread_join(self->watcher);
	self->watcher = NULL;
	close(self->wake_fd);
	self->wake_fd = -1;
}
