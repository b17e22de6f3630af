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
#include "vcam/lent-buffers.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VCAM_CONTROL_DEVICE "/dev/vcam"

struct vcam_producer {
	int fd;				/* /dev/vcam, non-blocking */
	uint32_t node;			/* the N of /dev/videoN */
	uint32_t nr_frames;		/* frame slots */
	struct vcam_frame_layout layout;
	struct vcam_lent_buffers lent;	/* capture buffers mapped so far */
};

/* A consumer's capture buffer lent by vcam_producer_acquire(). */
struct vcam_lent_buffer {
	uint32_t index;
	uint32_t generation;
	int fd;			/* its DMA-BUF, the producer's: do not close */
	void *data;		/* mapped read-write, length bytes */
	size_t length;
	/*
	 * The tag given to vcam_producer_commit() when this buffer was last
	 * committed, if the driver vouches that it still holds that frame
	 * untouched (VCAM_IOC_ACQUIRE's age); 0 otherwise.
	 */
	uint64_t content;
};

/* What failed, for vcam_producer_error_message(). */
enum vcam_producer_step {
	VCAM_PRODUCER_OPEN,
	VCAM_PRODUCER_CREATE,
	VCAM_PRODUCER_QUEUE,
	VCAM_PRODUCER_DEQUEUE,
	VCAM_PRODUCER_STATUS,
	VCAM_PRODUCER_INTERVAL,
	VCAM_PRODUCER_ACQUIRE,
	VCAM_PRODUCER_COMMIT,
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

/* Removes the camera and unmaps the capture buffers it was lent. */
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

/*
 * Borrows the consumer's oldest queued capture buffer to write a frame
 * into, mapped through the producer's cache and open for CPU access (the
 * DMA-BUF sync that commit and discard end); never blocks. Then
 * vcam_producer_commit() or vcam_producer_discard() must follow before the
 * next call. -EAGAIN when the consumer has no buffer queued, -ENOTTY when
 * the driver cannot lend buffers (it predates VCAM_IOC_ACQUIRE),
 * -EOPNOTSUPP when the consumer streams with buffers of its own
 * (USERPTR or DMABUF): queue frames for those. When the buffer cannot be
 * mapped, or is smaller than a frame (-EMSGSIZE), it is given back and the
 * error returned.
 */
int vcam_producer_acquire(struct vcam_producer *producer,
			  struct vcam_lent_buffer *buffer);

/*
 * Delivers the acquired buffer holding length payload bytes (0: the whole
 * frame); dropped: frames skipped since the last commit because no buffer
 * could be acquired, which the consumer sees as a sequence gap; content:
 * a non-zero tag for what was drawn, which a later acquire of this buffer
 * returns while the buffer still holds it, or 0. -ENOENT when the
 * consumer stopped streaming and took the buffer back.
 */
int vcam_producer_commit(struct vcam_producer *producer,
			 const struct vcam_lent_buffer *buffer,
			 uint32_t length, uint32_t dropped, uint64_t content);

/*
 * Unmaps and closes every capture buffer lent so far. Call it when the
 * consumer stops streaming: until then the producer's mappings keep the
 * consumer's buffers, and their memory, alive after the consumer freed them.
 */
void vcam_producer_release_lent(struct vcam_producer *producer);

/* Gives the acquired buffer back unfilled. */
int vcam_producer_discard(const struct vcam_producer *producer,
			  const struct vcam_lent_buffer *buffer);

/* A sentence saying why step failed with error and what to do. */
const char *vcam_producer_error_message(enum vcam_producer_step step,
					int error, char *message,
					size_t size);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_PRODUCER_H */
