/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The producer side of a vcam camera: typed calls over the /dev/vcam uAPI.
 * Functions returning int return 0 or a negative errno; the library never
 * prints: vcam_producer_error_message() turns an error into a sentence.
 */

#ifndef VCAM_PRODUCER_H
#define VCAM_PRODUCER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcam/format.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VCAM_CONTROL_DEVICE "/dev/vcam"

struct vcam_producer {
	int fd;				/* /dev/vcam, non-blocking */
	uint32_t node;			/* the N of /dev/videoN */
	uint32_t nr_frames;		/* frame slots */
	struct vcam_frame_layout layout;
};

/* What failed, for vcam_producer_error_message(). */
enum vcam_producer_step {
	VCAM_PRODUCER_OPEN,
	VCAM_PRODUCER_CREATE,
	VCAM_PRODUCER_QUEUE,
	VCAM_PRODUCER_DEQUEUE,
	VCAM_PRODUCER_STATUS,
	VCAM_PRODUCER_INTERVAL,
};

/*
 * Opens control_device (NULL: /dev/vcam) and creates a camera; on success
 * producer describes it and its frames are layout.sizeimage bytes each.
 * On failure *step says whether opening or creating failed.
 */
int vcam_producer_create(struct vcam_producer *producer,
			 const char *control_device, const char *name,
			 const struct vcam_frame_layout *layout,
			 uint32_t nr_frames, enum vcam_producer_step *step);

/* Removes the camera. */
void vcam_producer_close(struct vcam_producer *producer);

/* Queues slot index holding dmabuf_fd with length payload bytes. */
int vcam_producer_queue(const struct vcam_producer *producer, uint32_t index,
			int dmabuf_fd, uint32_t length, uint64_t timestamp_ns);

/* Takes back a slot the driver is done with; -EAGAIN if none yet. */
int vcam_producer_dequeue(const struct vcam_producer *producer,
			  uint32_t *index);

/* Whether a consumer streams now. */
int vcam_producer_streaming(const struct vcam_producer *producer,
			    bool *streaming);

/* The frame interval in force, in seconds numerator/denominator. */
int vcam_producer_interval(const struct vcam_producer *producer,
			   uint32_t *numerator, uint32_t *denominator);

/* Offers numerator/denominator seconds as the camera's default interval. */
int vcam_producer_set_interval(const struct vcam_producer *producer,
			       uint32_t numerator, uint32_t denominator);

/* A sentence saying why step failed with error and what to do. */
const char *vcam_producer_error_message(enum vcam_producer_step step,
					int error, char *message,
					size_t size);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_PRODUCER_H */
