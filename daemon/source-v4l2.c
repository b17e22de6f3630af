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
 * and show colour bars. When vcamd hears of V4L2 nodes coming and going
 * (source_hotplug()), a device whose node is gone is opened again as soon
 * as its node is added back, and not tried before; one whose node exists
 * (busy, failing) and every device without that are tried again each
 * second, at one of those ticks. Each problem is logged once, until the
 * device works again.
 *
 * A camera that cannot lend the consumer's buffers queues frames for the
 * driver to copy: a frame of the camera's mode as it is goes in the
 * device's own buffer, exported as a DMA-BUF, rather than a copy of it.
 * That buffer stays out of the device's queue until the driver of every
 * camera that queued it is done with it.
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
/* How long a device that failed waits for news of its node's removal. */
#define LOSS_GRACE_NS (3 * NSEC_PER_SEC)

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
	unsigned int exported[V4L2_DEVICE_BUFFERS];	/* queued by cameras */
	uint64_t failed_ns;			/* of the last attempt */
	bool unplugged;				/* wait for its node's add */
	int lost;				/* -errno it failed with, unsaid */
	char node[PATH_MAX];			/* path led to, last tried */
	char problem[512];			/* logged; "" once it works */
	bool frame_warned;
	bool export_warned;
};

/* Logs a problem unless it is the one logged last. */
static void report(struct v4l2_source *s, int priority, const char *problem)
{
	if (strcmp(s->problem, problem) == 0)
		return;
	snprintf(s->problem, sizeof(s->problem), "%s", problem);
	vcamd_log(priority, s->source->camera, "v4l2:%s: %s; showing colour "
		  "bars %s", s->path, problem, s->unplugged ?
		  "until it is plugged in, and opening it then" :
		  "and trying again every second while a consumer streams");
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Remembers the node the path leads to, to know it when it goes. */
static void resolve(struct v4l2_source *s)
{
	char node[PATH_MAX];

	if (realpath(s->path, node))
		strcpy(s->node, node);
}

static void close_device(struct v4l2_source *s)
{
	source_unwatch(s->source);
	v4l2_device_close(&s->device);
	s->held = -1;
	/* Frames cameras still queue are of a closed stream: not returned. */
	memset(s->exported, 0, sizeof(s->exported));
}

/* after: what led to the attempt, for the log. */
static void try_start(struct v4l2_source *s, const char *after)
{
	const struct v4l2_pix_format *format = &s->device.format;
	char message[512];
	char fourcc[5];
	int ret;

	resolve(s);
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
		s->unplugged = source_hotplug(s->source) && !exists(s->path);
		report(s, LOG_WARNING, message);
		source_set_self_paced(s->source, false);
		return;
	}
	memcpy(fourcc, &format->pixelformat, 4);
	fourcc[4] = '\0';
	s->problem[0] = '\0';
	s->unplugged = false;
	vcamd_log(LOG_INFO, s->source->camera, "v4l2:%s: streaming it at "
		  "%ux%u %s%s", s->path, format->width, format->height, fourcc,
		  after);
	source_set_self_paced(s->source, true);
}

/* Its node went away (a uevent, or the device failing said so). */
static void unplug(struct v4l2_source *s)
{
	char problem[PATH_MAX + 64];

	close_device(s);
	s->failed_ns = monotonic_ns();
	s->unplugged = source_hotplug(s->source);
	s->lost = 0;
	snprintf(problem, sizeof(problem), "it was unplugged (%s went away): "
		 "plug it in again", s->node);
	report(s, LOG_WARNING, problem);
	source_set_self_paced(s->source, false);
}

/*
 * The device failed. Its node may be on its way out (the kernel wakes a
 * reader before it removes the node, and udev reports the removal after
 * its rules ran): that is said when the removal comes, else at the next
 * attempt, LOSS_GRACE_NS later when removals are reported.
 */
static void lose_device(struct v4l2_source *s, int error)
{
	if (s->node[0] && !exists(s->node)) {
		unplug(s);
		return;
	}
	close_device(s);
	s->failed_ns = monotonic_ns();
	s->lost = error;
	source_set_self_paced(s->source, false);
}

static void report_loss(struct v4l2_source *s)
{
	char problem[300];

	snprintf(problem, sizeof(problem), "the device stopped giving frames "
		 "(%s): it was unplugged or failed", strerror(-s->lost));
	s->lost = 0;
	report(s, LOG_WARNING, problem);
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
	s->lost = 0;
	try_start(s, "");
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

/* Gives a buffer back to the device unless a camera's driver holds it. */
static int give_back(struct v4l2_source *s, unsigned int index)
{
	return s->exported[index] ? 0 : v4l2_device_requeue(&s->device, index);
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
		    (ret = give_back(s, (unsigned int)s->held)))
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

/* The frame in the held buffer (s->held >= 0), no longer than the buffer. */
static struct v4l2_frame held_frame(const struct v4l2_source *s)
{
	const struct v4l2_device_buffer *buffer = &s->device.buffers[s->held];

	return (struct v4l2_frame){
		.format = &s->device.format, .data = buffer->data,
		.bytes = s->held_bytes < buffer->length ? s->held_bytes :
			 (uint32_t)buffer->length,
		.id = s->frame_id, .shared = s->source->streaming > 1,
	};
}

static uint64_t retry_after(const struct v4l2_source *s)
{
	return s->lost && source_hotplug(s->source) ? LOSS_GRACE_NS : RETRY_NS;
}

static int v4l2_render(struct source *source,
		       const struct vcam_frame_layout *layout, void *frame,
		       const struct source_tick *tick, uint32_t *length)
{
	struct v4l2_source *s = source->data;
	struct v4l2_frame device_frame;
	char reason[256];
	int ret;

	if (s->device.fd < 0 && source->streaming && !s->unplugged &&
	    tick->time_ns - s->failed_ns >= retry_after(s)) {
		if (s->lost)
			report_loss(s);
		try_start(s, "");
	}
	if (s->held < 0)
		return -ENODATA;
	device_frame = held_frame(s);
	ret = v4l2_frame_convert(&s->converter, &device_frame, layout, frame,
				 length, reason, sizeof(reason));
	if (ret && !s->frame_warned) {
		s->frame_warned = true;
		vcamd_log(LOG_WARNING, source->camera, "v4l2:%s: skipping %s "
			  "(further ones are not logged)", s->path, reason);
	}
	return ret;
}

static unsigned int exported_buffers(const struct v4l2_source *s)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < s->device.count; i++)
		count += s->exported[i] > 0;
	return count;
}

/*
 * The held frame as it is, in the device's buffer: see the top. A buffer
 * always stays in the device's queue, beside the one held next: cameras
 * take exported frames back only as new frames arrive.
 */
static int v4l2_export_frame(struct source *source,
			     const struct vcam_frame_layout *layout,
			     struct source_export *export)
{
	struct v4l2_source *s = source->data;
	struct v4l2_frame frame;
	uint32_t length;
	int fd, ret;

	if (s->held < 0)
		return -ENODATA;
	frame = held_frame(s);
	if (!v4l2_frame_as_is(&frame, s->device.buffers[s->held].length,
			      layout, &length) ||
	    (!s->exported[s->held] &&
	     exported_buffers(s) + 2 >= s->device.count))
		return -ENOTSUP;
	ret = v4l2_device_export(&s->device, (unsigned int)s->held, &fd);
	if (ret) {
		if (!s->export_warned)
			vcamd_log(LOG_INFO, source->camera, "v4l2:%s: cannot "
				  "export its buffers (%s); copying its frames",
				  s->path, strerror(-ret));
		s->export_warned = true;
		return -ENOTSUP;
	}
	s->exported[s->held]++;
	*export = (struct source_export){
		.fd = fd, .length = length, .buffer = (unsigned int)s->held,
		.generation = s->device.generation,
	};
	return 0;
}

static void v4l2_release_frame(struct source *source,
			       const struct source_export *export)
{
	struct v4l2_source *s = source->data;
	unsigned int index = export->buffer;

	if (s->device.fd < 0 || export->generation != s->device.generation ||
	    index >= s->device.count || !s->exported[index])
		return;
	/* A failure shows at the next dequeue, which loses the device. */
	if (--s->exported[index] == 0 && (int)index != s->held)
		v4l2_device_requeue(&s->device, index);
}

/*
 * Its node removed: the placeholder at once. Its node (the path, or the
 * node a link leads to) added: opened at once.
 */
static void v4l2_on_node(struct source *source, const char *devnode,
			 bool added)
{
	struct v4l2_source *s = source->data;
	char node[PATH_MAX];

	if (!source->streaming)
		return;
	if (!added) {
		if (strcmp(devnode, s->node) == 0 && !s->unplugged)
			unplug(s);
		return;
	}
	if (s->device.fd < 0 && realpath(s->path, node) &&
	    strcmp(node, devnode) == 0)
		try_start(s, ", now that it is plugged in");
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
	.on_node = v4l2_on_node,
	.export_frame = v4l2_export_frame,
	.release_frame = v4l2_release_frame,
	.close = v4l2_close,
	.any_layout = true,
};
