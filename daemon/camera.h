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

/* How the frames of the current stream reach the consumer. */
enum camera_delivery {
	DELIVERY_TRY_LENDING,	/* lending, until the driver refuses */
	DELIVERY_LENDING,	/* straight into the consumer's buffers */
	DELIVERY_QUEUEING,	/* vcamd's own frames, copied by the driver */
};

/* What a stream cost, reported when it stops. */
struct camera_stream_stats {
	uint64_t lent;		/* frames written into the consumer's buffers */
	uint64_t drawn_over;	/* of those, drawn over the frame it held */
	uint64_t queued;	/* frames queued for the driver to copy */
	uint64_t exported;	/* of those, in the source's own memory */
	uint64_t dropped;	/* ticks when the consumer held every buffer */
	uint32_t unreported;	/* of those, since the last commit */
	uint64_t missed;	/* ticks that passed while vcamd was busy */
};

struct camera {
	struct vcam_camera_config config;
	struct vcam_producer producer;
	struct vcam_dmabuf frames[CAMERA_MAX_FRAMES];
	bool owned[CAMERA_MAX_FRAMES];
	/* What the driver holds in a slot instead of frames[i]; fd -1: none. */
	struct source_export exported[CAMERA_MAX_FRAMES];
	bool exports_refused;	/* the driver refused one this stream */
	struct source_registry *sources;
	struct source *source;
	/* Its place in the source's list; the other one while switching. */
	struct source_user users[2];
	unsigned int user;		/* index of the one in use */
	bool stream_ended;		/* the source's stream ended */
	int timer_fd;
	bool streaming;
	uint64_t interval_ns;
	uint64_t frame_number;
	bool source_ended;
	bool lending;		/* may borrow the consumer's buffers */
	enum camera_delivery delivery;
	struct camera_stream_stats stats;
	uint64_t source_epoch;	/* non-zero; changes with the source */
};

/*
 * Creates the camera with its source from sources (input: the stream of a
 * "-" source, or NULL, whose descriptor it takes even on failure) and
 * queues its first frame; logs what fails.
 * lending: whether frames may go straight into consumers' buffers.
 */
int camera_start(struct camera *camera, const struct vcam_camera_config *cfg,
		 struct vcam_dmabuf_allocator *allocator, bool lending,
		 struct source_registry *sources,
		 const struct source_input *input);

/*
 * Switches the camera to the source of source_cfg (input as for
 * camera_start()), even while a consumer streams. Returns 0, or -errno
 * with a sentence in message; the old source then stays.
 */
int camera_set_source(struct camera *camera,
		      const struct vcam_camera_source *source_cfg,
		      const struct source_input *input, char *message,
		      size_t size);

/* Removes the camera and frees everything it holds. */
void camera_stop(struct camera *camera);

/* The driver reported that streaming started or stopped, or the interval
 * changed: start, stop or re-pace the frame timer. */
void camera_on_status_change(struct camera *camera);

/* The frame timer fired. */
void camera_on_timer(struct camera *camera);

/* Whether vcamd should remove the camera: its stream ended and it was
 * made to go then. */
bool camera_is_done(const struct camera *camera);

/* Logs why step of the producer failed, as a sentence. */
void camera_log_error(const struct camera *camera,
		      enum vcam_producer_step step, int error);

/* camera-deliver.c: how a frame reaches the consumer. */

/*
 * Queues a frame of vcamd's own memory, which waits in the driver for a
 * consumer or is copied into the buffer of the one streaming: 0, or
 * -errno when no frame went out (a driver error is logged).
 */
int camera_queue_frame(struct camera *camera);

/* Takes back the frames the driver is done with. */
void camera_reclaim_frames(struct camera *camera);

/*
 * Gives the source back the frames it exported that the driver still
 * holds, before the camera lets go of the source.
 */
void camera_release_exports(struct camera *camera);

/* A stream starts: lend if allowed, queue otherwise. */
void camera_deliveries_start(struct camera *camera);

/* The tick's frame, into a lent buffer if the driver lends one. */
void camera_deliver_frame(struct camera *camera);

/*
 * A stream stopped: logs how its frames went, and queues a frame to wait
 * in the driver for the next consumer unless one waits already.
 */
void camera_deliveries_end(struct camera *camera);

#endif
