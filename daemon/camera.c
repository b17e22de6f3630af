// SPDX-License-Identifier: GPL-2.0-only
#include "camera.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include <vcam/pattern.h>

#include "log.h"

#define NSEC_PER_SEC 1000000000ull

static uint64_t monotonic_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * NSEC_PER_SEC + (uint64_t)now.tv_nsec;
}

static void log_producer_error(const struct camera *camera,
			       enum vcam_producer_step step, int error)
{
	char message[256];

	vcamd_log(LOG_ERR, camera->config.name, "%s",
		  vcam_producer_error_message(step, error, message,
					      sizeof(message)));
}

static void reclaim_frames(struct camera *camera)
{
	uint32_t index;
	int ret;

	while ((ret = vcam_producer_dequeue(&camera->producer, &index)) == 0)
		camera->owned[index] = true;
	if (ret != -EAGAIN && ret != -EINVAL)
		log_producer_error(camera, VCAM_PRODUCER_DEQUEUE, ret);
}

static int free_frame(const struct camera *camera)
{
	for (uint32_t i = 0; i < camera->producer.nr_frames; i++) {
		if (camera->owned[i])
			return (int)i;
	}
	return -1;
}

/*
 * The source's next frame or, for a raw camera whose source has none to
 * give, colour bars: a consumer always receives frames.
 */
static int render(struct camera *camera, struct vcam_dmabuf *frame,
		  uint32_t *length)
{
	static const struct vcam_pattern_params placeholder = {
		.kind = VCAM_PATTERN_SMPTE,
	};
	const struct vcam_frame_layout *layout = &camera->producer.layout;
	uint64_t now = monotonic_ns();
	int ret = source_render(camera->source, frame->data,
				camera->frame_number, now, length);

	if (ret != -ENODATA || layout->format->compressed)
		return ret;
	if (!camera->source_ended)
		vcamd_log(LOG_NOTICE, camera->config.name,
			  "the source has no frame to give; showing colour "
			  "bars instead");
	camera->source_ended = true;
	*length = layout->sizeimage;
	return vcam_pattern_render(layout, frame->data, &placeholder,
				   camera->frame_number, now);
}

static void produce(struct camera *camera)
{
	int index = free_frame(camera);
	struct vcam_dmabuf *frame;
	uint32_t length;
	int ret;

	if (index < 0) {
		camera->skipped_ticks++;
		return;
	}
	frame = &camera->frames[index];
	vcam_dmabuf_begin_cpu_write(frame);
	ret = render(camera, frame, &length);
	vcam_dmabuf_end_cpu_write(frame);
	if (ret)
		return;
	ret = vcam_producer_queue(&camera->producer, (uint32_t)index,
				  frame->fd, length, monotonic_ns());
	if (ret) {
		log_producer_error(camera, VCAM_PRODUCER_QUEUE, ret);
		return;
	}
	camera->owned[index] = false;
	camera->frame_number++;
}

static int arm_timer(struct camera *camera, bool on)
{
	struct itimerspec spec = { 0 };

	if (on) {
		uint64_t first = monotonic_ns() + camera->interval_ns;

		spec.it_value.tv_sec = (time_t)(first / NSEC_PER_SEC);
		spec.it_value.tv_nsec = (long)(first % NSEC_PER_SEC);
		spec.it_interval.tv_sec =
			(time_t)(camera->interval_ns / NSEC_PER_SEC);
		spec.it_interval.tv_nsec =
			(long)(camera->interval_ns % NSEC_PER_SEC);
	}
	return timerfd_settime(camera->timer_fd, TFD_TIMER_ABSTIME, &spec,
			       NULL) ? -errno : 0;
}

static int read_interval(struct camera *camera)
{
	uint32_t numerator, denominator;
	int ret = vcam_producer_interval(&camera->producer, &numerator,
					 &denominator);

	if (ret) {
		log_producer_error(camera, VCAM_PRODUCER_INTERVAL, ret);
		return ret;
	}
	camera->interval_ns = (uint64_t)numerator * NSEC_PER_SEC / denominator;
	return 0;
}

static int allocate_frames(struct camera *camera,
			   struct vcam_dmabuf_allocator *allocator)
{
	for (uint32_t i = 0; i < camera->producer.nr_frames; i++) {
		int ret = vcam_dmabuf_alloc(allocator,
					    camera->producer.layout.sizeimage,
					    &camera->frames[i]);

		if (ret) {
			vcamd_log(LOG_ERR, camera->config.name,
				  "cannot allocate frame memory: %s",
				  strerror(-ret));
			return ret;
		}
		camera->owned[i] = true;
	}
	return 0;
}

static int create_driver_camera(struct camera *camera,
				const struct vcam_frame_layout *layout)
{
	const struct vcam_camera_config *cfg = &camera->config;
	enum vcam_producer_step step;
	int ret;

	ret = vcam_producer_create(&camera->producer, NULL, cfg->name, layout,
				   cfg->frames, &step);
	if (ret) {
		log_producer_error(camera, step, ret);
		return ret;
	}
	ret = vcam_producer_set_interval(&camera->producer,
					 cfg->interval_numerator,
					 cfg->interval_denominator);
	if (ret) {
		log_producer_error(camera, VCAM_PRODUCER_INTERVAL, ret);
		return ret;
	}
	return read_interval(camera);
}

static void camera_init(struct camera *camera,
			const struct vcam_camera_config *cfg)
{
	memset(camera, 0, sizeof(*camera));
	camera->config = *cfg;
	camera->producer.fd = -1;
	camera->timer_fd = -1;
	for (size_t i = 0; i < CAMERA_MAX_FRAMES; i++)
		camera->frames[i].fd = -1;
}

int camera_start(struct camera *camera, const struct vcam_camera_config *cfg,
		 struct vcam_dmabuf_allocator *allocator)
{
	struct vcam_frame_layout layout;
	char message[512];
	int ret;

	camera_init(camera, cfg);
	ret = vcam_frame_layout_init(&layout, cfg->fourcc, cfg->width,
				     cfg->height, 0);
	if (ret) {
		vcamd_log(LOG_ERR, cfg->name, "size %ux%u does not suit its "
			  "format", cfg->width, cfg->height);
		return ret;
	}
	ret = source_open(&camera->source, cfg, &layout, message,
			  sizeof(message));
	if (ret) {
		vcamd_log(LOG_ERR, cfg->name, "%s", message);
		return ret;
	}
	camera->timer_fd = timerfd_create(CLOCK_MONOTONIC,
					  TFD_NONBLOCK | TFD_CLOEXEC);
	if (camera->timer_fd < 0) {
		ret = -errno;
		vcamd_log(LOG_ERR, cfg->name, "cannot create a timer: %s",
			  strerror(errno));
		goto err_stop;
	}
	ret = create_driver_camera(camera, &layout);
	if (ret)
		goto err_stop;
	ret = allocate_frames(camera, allocator);
	if (ret)
		goto err_stop;

	/* Waits in the driver, so that a consumer gets it at once. */
	produce(camera);
	vcamd_log(LOG_INFO, cfg->name, "created /dev/video%u: %ux%u %s at "
		  "%u/%u s per frame", camera->producer.node, layout.width,
		  layout.height, layout.format->name, cfg->interval_numerator,
		  cfg->interval_denominator);
	return 0;

err_stop:
	camera_stop(camera);
	return ret;
}

void camera_stop(struct camera *camera)
{
	vcam_producer_close(&camera->producer);
	for (size_t i = 0; i < CAMERA_MAX_FRAMES; i++)
		vcam_dmabuf_free(&camera->frames[i]);
	if (camera->timer_fd >= 0)
		close(camera->timer_fd);
	camera->timer_fd = -1;
	source_close(camera->source);
	camera->source = NULL;
}

void camera_on_status_change(struct camera *camera)
{
	uint64_t interval_ns = camera->interval_ns;
	bool streaming;
	int ret = vcam_producer_streaming(&camera->producer, &streaming);

	if (ret) {
		log_producer_error(camera, VCAM_PRODUCER_STATUS, ret);
		return;
	}
	if (read_interval(camera))
		return;
	if (streaming == camera->streaming && interval_ns == camera->interval_ns)
		return;
	if (streaming != camera->streaming)
		vcamd_log(LOG_INFO, camera->config.name, "%s",
			  streaming ? "a consumer started streaming" :
			  "the consumer stopped streaming; idle");
	camera->streaming = streaming;
	ret = arm_timer(camera, streaming);
	if (ret)
		vcamd_log(LOG_ERR, camera->config.name,
			  "cannot set the frame timer: %s", strerror(-ret));
}

void camera_on_timer(struct camera *camera)
{
	uint64_t expirations;

	if (read(camera->timer_fd, &expirations, sizeof(expirations)) !=
	    (ssize_t)sizeof(expirations))
		return;
	if (expirations > 1)
		camera->skipped_ticks += expirations - 1;
	reclaim_frames(camera);
	produce(camera);
}
