// SPDX-License-Identifier: GPL-2.0-only
/*
 * How a camera's frames reach the consumer. While the consumer streams
 * with buffers the driver allocated (MMAP, or read()), each frame is
 * rendered straight into a buffer the driver lends (VCAM_IOC_ACQUIRE), so
 * nothing is copied. Otherwise, or with a driver that cannot lend, the
 * frame is rendered into vcamd's own DMA-BUF and queued, and the driver
 * copies it into the consumer's buffer; a source whose frame is the
 * camera's as it is (a real camera in the camera's mode) gives its own
 * memory as a DMA-BUF instead, queued with no copy in vcamd. The first
 * frame, which waits in the driver for a consumer to start, is always
 * queued.
 *
 * A consumer owns a buffer between VIDIOC_DQBUF and VIDIOC_QBUF and may
 * write into it, so a lent buffer is written in full, static patterns as a
 * copy of a frame drawn once, unless the driver vouches that it still
 * holds the frame vcamd committed into it (no consumer mapped the buffers
 * writable or exported them, and no queued frame was copied into it): a
 * static pattern then needs only its overlay drawn again. The tag vcamd
 * commits with a frame says which source drew it.
 */

#include <errno.h>
#include <inttypes.h>

#include <vcam/pattern.h>

#include "camera.h"
#include "clock.h"
#include "log.h"

/* The driver gave slot index back; a source's frame in it goes back too. */
static void reclaim(struct camera *camera, uint32_t index)
{
	struct source_export *export = &camera->exported[index];

	camera->owned[index] = true;
	if (export->fd < 0)
		return;
	source_release(export);
	export->fd = -1;
}

void camera_reclaim_frames(struct camera *camera)
{
	uint32_t index;
	int ret;

	while ((ret = vcam_producer_dequeue(&camera->producer, &index)) == 0)
		reclaim(camera, index);
	if (ret != -EAGAIN && ret != -EINVAL)
		camera_log_error(camera, VCAM_PRODUCER_DEQUEUE, ret);
}

static int free_frame(const struct camera *camera)
{
	for (uint32_t i = 0; i < camera->producer.nr_frames; i++) {
		if (camera->owned[i])
			return (int)i;
	}
	return -1;
}

/* Whether a queued frame is still the driver's: it waits, or is copied. */
static bool driver_holds_frames(const struct camera *camera)
{
	for (uint32_t i = 0; i < camera->producer.nr_frames; i++) {
		if (!camera->owned[i])
			return true;
	}
	return false;
}

/*
 * The source's next frame or, for a raw camera whose source has none to
 * give, colour bars labelled NO SIGNAL: a consumer always receives frames.
 */
static int render(struct camera *camera, void *frame,
		  bool holds_earlier_frame, uint32_t *length)
{
	static const struct vcam_pattern_params placeholder = {
		.kind = VCAM_PATTERN_SMPTE, .label = "NO SIGNAL",
	};
	const struct vcam_frame_layout *layout = &camera->producer.layout;
	uint64_t now = monotonic_ns();
	const struct source_tick tick = {
		.frame_number = camera->frame_number,
		.time_ns = now,
		.interval_ns = camera->interval_ns,
		.holds_earlier_frame = holds_earlier_frame,
	};
	int ret = source_render(camera->source, layout, frame, &tick, length);

	if (ret != -ENODATA || layout->format->compressed)
		return ret;
	if (!camera->source_ended)
		vcamd_log(LOG_NOTICE, camera->config.name,
			  "the source has no frame to give; showing colour "
			  "bars instead");
	camera->source_ended = true;
	*length = layout->sizeimage;
	return vcam_pattern_render(layout, frame, &placeholder,
				   camera->frame_number, now);
}

void camera_release_exports(struct camera *camera)
{
	for (uint32_t i = 0; i < CAMERA_MAX_FRAMES; i++) {
		if (camera->exported[i].fd >= 0)
			source_release(&camera->exported[i]);
		camera->exported[i].fd = -1;
	}
}

/* The driver refused the source's memory: copy for the rest of the stream. */
static void refuse_exports(struct camera *camera, int error)
{
	char message[256];

	camera->exports_refused = true;
	vcamd_log(LOG_WARNING, camera->config.name, "%s; copying the source's "
		  "frames until the next stream",
		  vcam_producer_error_message(VCAM_PRODUCER_QUEUE, error,
					      message, sizeof(message)));
}

/* Queues the source's frame in its own memory, if it gives it so. */
static int queue_exported(struct camera *camera, uint32_t index)
{
	struct source_export *export = &camera->exported[index];
	int ret;

	if (camera->exports_refused)
		return -ENOTSUP;
	ret = source_export(camera->source, &camera->producer.layout, export);
	if (ret) {
		export->fd = -1;
		return ret;
	}
	ret = vcam_producer_queue(&camera->producer, index, export->fd,
				  export->length, monotonic_ns());
	if (ret) {
		source_release(export);
		export->fd = -1;
		refuse_exports(camera, ret);
		return ret;
	}
	camera->owned[index] = false;
	camera->frame_number++;
	camera->stats.exported++;
	return 0;
}

/* as_is: queue the source's own memory when it can give it. */
static int queue_frame(struct camera *camera, bool as_is)
{
	int index = free_frame(camera);
	struct vcam_dmabuf *frame;
	uint32_t length;
	int ret;

	if (index < 0)
		return -ENOBUFS;
	if (as_is && !queue_exported(camera, (uint32_t)index))
		return 0;
	frame = &camera->frames[index];
	vcam_dmabuf_begin_cpu_write(frame);
	ret = render(camera, frame->data, false, &length);
	vcam_dmabuf_end_cpu_write(frame);
	if (ret)
		return ret;
	ret = vcam_producer_queue(&camera->producer, (uint32_t)index,
				  frame->fd, length, monotonic_ns());
	if (ret) {
		camera_log_error(camera, VCAM_PRODUCER_QUEUE, ret);
		return ret;
	}
	camera->owned[index] = false;
	camera->frame_number++;
	return 0;
}

int camera_queue_frame(struct camera *camera)
{
	return queue_frame(camera, false);
}

void camera_deliveries_start(struct camera *camera)
{
	camera->delivery = camera->lending ? DELIVERY_TRY_LENDING :
			   DELIVERY_QUEUEING;
	camera->stats = (struct camera_stream_stats){ 0 };
	camera->exports_refused = false;
}

/* The driver will not lend for this stream: say why, once. */
static void stop_lending(struct camera *camera, enum vcam_producer_step step,
			 int error)
{
	char message[256];

	camera->delivery = DELIVERY_QUEUEING;
	if (error == -ENOTTY)
		vcamd_log(LOG_INFO, camera->config.name, "the driver cannot "
			  "lend capture buffers; queueing frames for it to "
			  "copy");
	else if (error == -EOPNOTSUPP)
		vcamd_log(LOG_INFO, camera->config.name, "the consumer "
			  "streams with buffers of its own; queueing frames "
			  "for the driver to copy");
	else
		vcamd_log(LOG_WARNING, camera->config.name, "%s; queueing "
			  "frames until the next stream",
			  vcam_producer_error_message(step, error, message,
						      sizeof(message)));
}

static void note_lent_frame(struct camera *camera)
{
	if (camera->delivery == DELIVERY_TRY_LENDING)
		vcamd_log(LOG_INFO, camera->config.name, "frames go straight "
			  "into the consumer's buffers");
	camera->delivery = DELIVERY_LENDING;
	camera->stats.lent++;
	camera->stats.unreported = 0;
	camera->frame_number++;
}

/* The tag of frames the camera's source draws; 0 for the placeholder. */
static uint64_t drawn_by(const struct camera *camera)
{
	return camera->source_ended ? 0 : camera->source_epoch;
}

/* Returns false when the driver did not lend, so the frame is queued. */
static bool deliver_lent(struct camera *camera)
{
	struct vcam_lent_buffer buffer;
	bool drawn_over;
	uint32_t length;
	int ret = vcam_producer_acquire(&camera->producer, &buffer);

	if (ret == -EAGAIN) {
		camera->stats.dropped++;
		camera->stats.unreported++;
		vcamd_log(LOG_DEBUG, camera->config.name, "the consumer holds "
			  "every buffer: frame dropped");
		return true;
	}
	if (ret) {
		stop_lending(camera, VCAM_PRODUCER_ACQUIRE, ret);
		return false;
	}
	drawn_over = buffer.content && buffer.content == drawn_by(camera);
	if (render(camera, buffer.data, drawn_over, &length)) {
		vcam_producer_discard(&camera->producer, &buffer);
		return true;
	}
	ret = vcam_producer_commit(&camera->producer, &buffer, length,
				   camera->stats.unreported, drawn_by(camera));
	if (ret == -ENOENT)
		return true;	/* the consumer stopped; its event follows */
	if (ret) {
		stop_lending(camera, VCAM_PRODUCER_COMMIT, ret);
		return false;
	}
	note_lent_frame(camera);
	camera->stats.drawn_over += drawn_over;
	return true;
}

void camera_deliver_frame(struct camera *camera)
{
	if (driver_holds_frames(camera))
		camera_reclaim_frames(camera);
	if (camera->delivery != DELIVERY_QUEUEING && deliver_lent(camera))
		return;
	if (!queue_frame(camera, true))
		camera->stats.queued++;
}

void camera_deliveries_end(struct camera *camera)
{
	const struct camera_stream_stats *stats = &camera->stats;

	camera_reclaim_frames(camera);
	if (!driver_holds_frames(camera))
		camera_queue_frame(camera);
	vcam_producer_release_lent(&camera->producer);

	vcamd_log(LOG_INFO, camera->config.name, "the consumer stopped "
		  "streaming; idle after %" PRIu64 " frame(s) written into its "
		  "buffers (%" PRIu64 " over the frame a buffer held), %"
		  PRIu64 " queued for the driver to copy (%" PRIu64 " in the "
		  "source's own buffers, not copied by vcamd), %" PRIu64
		  " dropped while it held every buffer, %" PRIu64
		  " tick(s) missed while vcamd was busy", stats->lent,
		  stats->drawn_over, stats->queued, stats->exported,
		  stats->dropped, stats->missed);
}
