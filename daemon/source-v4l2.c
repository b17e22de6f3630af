// SPDX-License-Identifier: GPL-2.0-only
/*
 * A real V4L2 camera as a source, relayed on demand: the device is opened
 * and streamed only while a consumer of one of its cameras streams, and
 * closed after the last stops, so that its light is off while nobody
 * watches. While it streams, the source is self-paced: each frame the
 * device fills is handed to every streaming camera as it arrives.
 *
 * A device that is missing, busy, unusable or gone (unplugged, or failing
 * mid-stream) makes the source paced: its cameras tick at their own rate
 * and show colour bars, and each second one of those ticks tries the device
 * again. Each problem is logged once, until the device works again.
 */

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>

#include "clock.h"
#include "log.h"
#include "source-kind.h"
#include "v4l2-device.h"
#include "v4l2-frame.h"

#define RETRY_NS NSEC_PER_SEC

struct v4l2_source {
	struct source *source;
	char path[PATH_MAX];
	struct vcam_frame_layout layout;	/* the mode is chosen for */
	uint32_t numerator, denominator;	/* s per frame it asks for */
	struct v4l2_device device;		/* fd -1: closed */
	int held;				/* buffer shown; -1: none */
	uint32_t held_bytes;
	uint64_t frame_id;
	struct v4l2_frame_converter converter;
	uint64_t failed_ns;			/* of the last attempt */
	char problem[512];			/* logged; "" once it works */
	bool frame_warned;
};

/* Logs a problem unless it is the one logged last. */
static void report(struct v4l2_source *s, int priority, const char *problem)
{
	if (strcmp(s->problem, problem) == 0)
		return;
	snprintf(s->problem, sizeof(s->problem), "%s", problem);
	vcamd_log(priority, s->source->camera, "v4l2:%s: %s; showing colour "
		  "bars and trying again every second while a consumer "
		  "streams", s->path, problem);
}

static void close_device(struct v4l2_source *s)
{
	source_unwatch(s->source);
	v4l2_device_close(&s->device);
	s->held = -1;
}

static void try_start(struct v4l2_source *s)
{
	const struct v4l2_pix_format *format = &s->device.format;
	char message[512];
	char fourcc[5];
	int ret;

	ret = v4l2_device_open(&s->device, s->path, &s->layout, s->numerator,
			       s->denominator, message, sizeof(message));
	if (!ret) {
		ret = source_watch(s->source, s->device.fd, EPOLLIN);
		if (ret) {
			snprintf(message, sizeof(message), "cannot watch the "
				 "device: %s", strerror(-ret));
			close_device(s);
		}
	}
	if (ret) {
		s->failed_ns = monotonic_ns();
		report(s, LOG_WARNING, message);
		source_set_self_paced(s->source, false);
		return;
	}
	memcpy(fourcc, &format->pixelformat, 4);
	fourcc[4] = '\0';
	s->problem[0] = '\0';
	vcamd_log(LOG_INFO, s->source->camera, "v4l2:%s: streaming it at "
		  "%ux%u %s", s->path, format->width, format->height, fourcc);
	source_set_self_paced(s->source, true);
}

static void lose_device(struct v4l2_source *s, int error)
{
	char problem[300];

	snprintf(problem, sizeof(problem), "the device stopped giving frames "
		 "(%s): it was unplugged or failed", strerror(-error));
	close_device(s);
	s->failed_ns = monotonic_ns();
	report(s, LOG_WARNING, problem);
	source_set_self_paced(s->source, false);
}

static int v4l2_open(struct source *source,
		     const struct vcam_camera_config *cfg,
		     const struct source_input *input,
		     const struct vcam_frame_layout *layout, char *message,
		     size_t size)
{
	struct v4l2_source *s = calloc(1, sizeof(*s));
	struct stat st;

	(void)input;
	if (!s) {
		snprintf(message, size, "out of memory");
		return -ENOMEM;
	}
	*s = (struct v4l2_source){
		.source = source, .layout = *layout,
		.numerator = cfg->interval_numerator,
		.denominator = cfg->interval_denominator,
		.device = { .fd = -1 }, .held = -1,
	};
	snprintf(s->path, sizeof(s->path), "%s", cfg->source.path);
	source->data = s;
	if (stat(s->path, &st))
		vcamd_log(LOG_NOTICE, cfg->name, "v4l2:%s does not exist yet: "
			  "the camera shows colour bars until it does",
			  s->path);
	else if (!S_ISCHR(st.st_mode))
		vcamd_log(LOG_NOTICE, cfg->name, "v4l2:%s is not a device "
			  "node: name a camera's node (v4l2-ctl "
			  "--list-devices)", s->path);
	return 0;
}

static void v4l2_start(struct source *source)
{
	struct v4l2_source *s = source->data;

	s->problem[0] = '\0';
	try_start(s);
}

static void v4l2_stop(struct source *source)
{
	struct v4l2_source *s = source->data;

	if (s->device.fd >= 0)
		vcamd_log(LOG_INFO, source->camera, "v4l2:%s: closed, as no "
			  "consumer streams", s->path);
	close_device(s);
	source_set_self_paced(source, false);
}

/* Keeps the newest filled buffer, giving the one before back. */
static void v4l2_on_event(struct source *source, uint32_t events)
{
	struct v4l2_source *s = source->data;
	bool got = false;
	unsigned int index;
	uint32_t bytes;
	int ret;

	if (s->device.fd < 0)
		return;
	while ((ret = v4l2_device_dequeue(&s->device, &index, &bytes)) == 0) {
		if (s->held >= 0 &&
		    (ret = v4l2_device_requeue(&s->device,
					       (unsigned int)s->held)))
			break;
		s->held = (int)index;
		s->held_bytes = bytes;
		got = true;
	}
	if (ret != -EAGAIN || (events & EPOLLERR && !got)) {
		lose_device(s, ret && ret != -EAGAIN ? ret : -EIO);
		return;
	}
	if (got) {
		s->frame_id++;
		source_push_frame(source);
	}
}

static int v4l2_render(struct source *source,
		       const struct vcam_frame_layout *layout, void *frame,
		       const struct source_tick *tick, uint32_t *length)
{
	struct v4l2_source *s = source->data;
	const struct v4l2_device_buffer *buffer;
	struct v4l2_frame device_frame;
	char reason[256];
	int ret;

	if (s->device.fd < 0 && source->streaming &&
	    tick->time_ns - s->failed_ns >= RETRY_NS)
		try_start(s);
	if (s->held < 0)
		return -ENODATA;
	buffer = &s->device.buffers[s->held];
	device_frame = (struct v4l2_frame){
		.format = &s->device.format, .data = buffer->data,
		.bytes = s->held_bytes < buffer->length ? s->held_bytes :
			 (uint32_t)buffer->length,
		.id = s->frame_id, .shared = source->streaming > 1,
	};
	ret = v4l2_frame_convert(&s->converter, &device_frame, layout, frame,
				 length, reason, sizeof(reason));
	if (ret && !s->frame_warned) {
		s->frame_warned = true;
		vcamd_log(LOG_WARNING, source->camera, "v4l2:%s: skipping %s "
			  "(further ones are not logged)", s->path, reason);
	}
	return ret;
}

static void v4l2_close(struct source *source)
{
	struct v4l2_source *s = source->data;

	close_device(s);
	v4l2_frame_converter_free(&s->converter);
	free(s);
}

const struct source_ops source_v4l2_ops = {
	.open = v4l2_open,
	.start = v4l2_start,
	.stop = v4l2_stop,
	.render = v4l2_render,
	.on_event = v4l2_on_event,
	.close = v4l2_close,
	.any_layout = true,
};
