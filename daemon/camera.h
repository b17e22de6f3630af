/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One camera of vcamd: its driver camera, frame memory, source and the
 * timer that paces it while a consumer streams.
 */
#ifndef VCAMD_CAMERA_H
#define VCAMD_CAMERA_H

#include <stdbool.h>
#include <stdint.h>
#include <vcam/config.h>
#include <vcam/dmabuf.h>
#include <vcam/producer.h>

#include "source.h"

#define CAMERA_MAX_FRAMES 32

struct camera {
	struct vcam_camera_config config;
	struct vcam_producer producer;
	struct vcam_dmabuf frames[CAMERA_MAX_FRAMES];
	bool owned[CAMERA_MAX_FRAMES];
	struct source *source;
	int timer_fd;
	bool streaming;
	uint64_t interval_ns;
	uint64_t frame_number;
	uint64_t skipped_ticks;
	bool source_ended;
};

/* Creates the camera and queues its first frame; logs what fails. */
int camera_start(struct camera *camera, const struct vcam_camera_config *cfg,
		 struct vcam_dmabuf_allocator *allocator);

/* Removes the camera and frees everything it holds. */
void camera_stop(struct camera *camera);

/* The driver reported that streaming started or stopped, or the interval
 * changed: start, stop or re-pace the frame timer. */
void camera_on_status_change(struct camera *camera);

/* The frame timer fired. */
void camera_on_timer(struct camera *camera);

#endif
