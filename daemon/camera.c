// SPDX-License-Identifier: GPL-2.0-only
#include "camera.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"

void camera_log_error(const struct camera *camera,
		      enum vcam_producer_step step, int error)
{
	char message[256];

	vcamd_log(LOG_ERR, camera->config.name, "%s",
		  vcam_producer_error_message(step, error, message,
					      sizeof(message)));
}

/*
 * Ticks fall on multiples of the interval since the clock's zero, so that
 * cameras at the same rate tick together and one wake-up serves them all.
 */
static int arm_timer(struct camera *camera, bool on)
{
	struct itimerspec spec = { 0 };

	if (on) {
		uint64_t interval = camera->interval_ns;
		uint64_t first = (monotonic_ns() / interval + 1) * interval;

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
		camera_log_error(camera, VCAM_PRODUCER_INTERVAL, ret);
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
		camera_log_error(camera, step, ret);
		return ret;
	}
	ret = vcam_producer_set_interval(&camera->producer,
					 cfg->interval_numerator,
					 cfg->interval_denominator);
	if (ret) {
		camera_log_error(camera, VCAM_PRODUCER_INTERVAL, ret);
		return ret;
	}
	return read_interval(camera);
}

static void on_source_frame(struct source_user *user)
{
	struct camera *camera = user->context;

	if (camera->streaming)
		camera_deliver_frame(camera);
}

static void on_source_end(struct source_user *user)
{
	struct camera *camera = user->context;
	int ret = 0;

	camera->stream_ended = true;
	if (camera->config.source.remove_at_end)
		vcamd_log(LOG_INFO, camera->config.name, "its stream ended: "
			  "removing it, as asked");
	else if (camera->streaming)
		ret = arm_timer(camera, true);
	if (ret)
		vcamd_log(LOG_ERR, camera->config.name, "cannot set the frame "
			  "timer: %s", strerror(-ret));
}

static void on_source_pacing(struct source_user *user)
{
	struct camera *camera = user->context;
	int ret;

	if (!camera->streaming || user != &camera->users[camera->user])
		return;
	ret = arm_timer(camera, !source_is_self_paced(camera->source));
	if (ret)
		vcamd_log(LOG_ERR, camera->config.name, "cannot set the frame "
			  "timer: %s", strerror(-ret));
}

bool camera_is_done(const struct camera *camera)
{
	return camera->stream_ended && camera->config.source.remove_at_end;
}

static void camera_init(struct camera *camera,
			const struct vcam_camera_config *cfg,
			struct source_registry *sources)
{
	memset(camera, 0, sizeof(*camera));
	camera->config = *cfg;
	camera->sources = sources;
	camera->producer.fd = -1;
	camera->timer_fd = -1;
	for (size_t i = 0; i < CAMERA_MAX_FRAMES; i++) {
		camera->frames[i].fd = -1;
		camera->exported[i].fd = -1;
	}
	for (size_t i = 0; i < 2; i++)
		camera->users[i] = (struct source_user){
			.context = camera, .name = camera->config.name,
			.on_frame = on_source_frame,
			.on_end = on_source_end,
			.on_pacing = on_source_pacing,
		};
}

/* Without fps set, the rate a Y4M stream's header asks for, if vcam can. */
static void take_source_rate(struct camera *camera)
{
	struct vcam_camera_config *cfg = &camera->config;
	uint32_t numerator, denominator;

	if (cfg->fps_given ||
	    !source_frame_rate(camera->source, &numerator, &denominator))
		return;
	if (numerator < denominator || numerator / denominator > 1000) {
		vcamd_log(LOG_NOTICE, cfg->name, "the stream's rate of %u/%u "
			  "frames per second is outside 1..1000: set fps",
			  numerator, denominator);
		return;
	}
	cfg->interval_numerator = denominator;
	cfg->interval_denominator = numerator;
}

int camera_start(struct camera *camera, const struct vcam_camera_config *cfg,
		 struct vcam_dmabuf_allocator *allocator, bool lending,
		 struct source_registry *sources,
		 const struct source_input *input)
{
	struct vcam_frame_layout layout;
	char message[512];
	int ret;

	camera_init(camera, cfg, sources);
	camera->lending = lending;
	ret = vcam_frame_layout_init(&layout, cfg->fourcc, cfg->width,
				     cfg->height, 0);
	if (ret) {
		vcamd_log(LOG_ERR, cfg->name, "size %ux%u does not suit its "
			  "format", cfg->width, cfg->height);
		if (input)
			close(input->fd);
		return ret;
	}
	ret = source_get(sources, cfg, input, &layout, &camera->users[0],
			 &camera->source, message, sizeof(message));
	if (ret) {
		vcamd_log(LOG_ERR, cfg->name, "%s", message);
		return ret;
	}
	take_source_rate(camera);
	camera->source_epoch = 1;
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
	camera_queue_frame(camera);
	vcamd_log(LOG_INFO, cfg->name, "created /dev/video%u: %ux%u %s at "
		  "%u/%u s per frame", camera->producer.node, layout.width,
		  layout.height, layout.format->name,
		  camera->config.interval_numerator,
		  camera->config.interval_denominator);
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
	camera_release_exports(camera);
	source_put(camera->source, &camera->users[camera->user]);
	camera->source = NULL;
}

int camera_set_source(struct camera *camera,
		      const struct vcam_camera_source *source_cfg,
		      const struct source_input *input, char *message,
		      size_t size)
{
	struct vcam_camera_config cfg = camera->config;
	unsigned int next = !camera->user;
	struct source *source;
	int ret;

	cfg.source = *source_cfg;
	ret = source_get(camera->sources, &cfg, input,
			 &camera->producer.layout, &camera->users[next],
			 &source, message, size);
	if (ret)
		return ret;
	source_set_streaming(source, &camera->users[next], camera->streaming);
	/* Frames of the old source the driver holds go back as it gives them. */
	source_put(camera->source, &camera->users[camera->user]);
	camera->source = source;
	camera->user = next;
	camera->source_epoch++;
	camera->source_ended = false;
	camera->stream_ended = false;
	camera->config.source = *source_cfg;
	return arm_timer(camera, camera->streaming &&
			 !source_is_self_paced(source));
}

static void start_stream(struct camera *camera)
{
	vcamd_log(LOG_INFO, camera->config.name, "a consumer started "
		  "streaming");
	camera_deliveries_start(camera);
}

void camera_on_status_change(struct camera *camera)
{
	uint64_t interval_ns = camera->interval_ns;
	bool streaming;
	int ret = vcam_producer_streaming(&camera->producer, &streaming);

	if (ret) {
		camera_log_error(camera, VCAM_PRODUCER_STATUS, ret);
		return;
	}
	if (read_interval(camera))
		return;
	if (streaming == camera->streaming && interval_ns == camera->interval_ns)
		return;
	if (streaming && !camera->streaming)
		start_stream(camera);
	else if (!streaming && camera->streaming)
		camera_deliveries_end(camera);
	camera->streaming = streaming;
	source_set_streaming(camera->source, &camera->users[camera->user],
			     streaming);
	ret = arm_timer(camera, streaming &&
			!source_is_self_paced(camera->source));
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
		camera->stats.missed += expirations - 1;
	camera_deliver_frame(camera);
}
