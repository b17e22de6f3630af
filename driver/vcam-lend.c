// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: lending a consumer's capture buffer to the producer, which renders
 * the frame straight into it (VCAM_IOC_ACQUIRE and VCAM_IOC_COMMIT).
 *
 * Everything here but vcam_lend_ready() runs with &vcam_device.state_lock
 * held. A buffer is lent only while the consumer streams: stopping takes it
 * back. Each buffer of the driver's own memory was exported as a DMA-BUF
 * when vb2 allocated it (vcam-capture.c), under the queue lock the producer
 * never takes; lending hands out another reference to that DMA-BUF.
 */

#include <linux/dma-buf.h>
#include <linux/timekeeping.h>

#include "vcam.h"

static bool vcam_lend_supported(struct vcam_device *cam)
{
	return READ_ONCE(cam->queue.memory) == VB2_MEMORY_MMAP;
}

/*
 * Whether VCAM_IOC_ACQUIRE would not sleep; needs no lock. With @lendable,
 * whether it would lend a buffer rather than fail with -EOPNOTSUPP. It must
 * hold exactly when vcam_lend_acquire() cannot return -EAGAIN: the ioctl
 * waits for it after -EAGAIN, and would spin, unkillable, if it held while
 * buffers are queued but the stream is stopping.
 */
bool vcam_lend_ready(struct vcam_device *cam, bool lendable)
{
	return (READ_ONCE(cam->status) & VCAM_STATUS_STREAMING) &&
	       READ_ONCE(cam->nr_queued) && !READ_ONCE(cam->acquired) &&
	       (!lendable || vcam_lend_supported(cam));
}

static bool vcam_fd_held(const struct vcam_ioc_acquire *req, u32 generation,
			 u32 index)
{
	return req->generation == generation &&
	       index < BITS_PER_TYPE(req->fds_held) &&
	       (req->fds_held & BIT_ULL(index));
}

/**
 * vcam_lend_acquire() - lend the oldest queued capture buffer
 * @cam: the camera
 * @req: the producer's request; on success, filled in for it
 * @dmabuf: on success, a new reference to the buffer's DMA-BUF, or NULL
 *	when the producer holds one already; the caller gives it a file
 *	descriptor
 * @acquire_id: on success, what vcam_lend_undo() needs to give it back
 *
 * Return: 0, -EAGAIN when no buffer is queued, -EOPNOTSUPP when the
 * consumer's buffers are not the driver's, -EBUSY when one is lent already,
 * -ENOMEM when the buffer could not be exported.
 */
int vcam_lend_acquire(struct vcam_device *cam, struct vcam_ioc_acquire *req,
		      struct dma_buf **dmabuf, u64 *acquire_id)
{
	struct vcam_buffer *buf;
	struct vb2_buffer *vb;

	if (req->reserved)
		return -EINVAL;
	if (cam->acquired)
		return -EBUSY;
	if (vb2_is_busy(&cam->queue) && !vcam_lend_supported(cam))
		return -EOPNOTSUPP;
	if (!(cam->status & VCAM_STATUS_STREAMING) || !cam->nr_queued)
		return -EAGAIN;

	buf = list_first_entry(&cam->capture_buffers, struct vcam_buffer,
			       entry);
	vb = &buf->vb.vb2_buf;
	*dmabuf = NULL;
	if (!vcam_fd_held(req, cam->generation, vb->index)) {
		if (!buf->export)
			return -ENOMEM;
		get_dma_buf(buf->export);
		*dmabuf = buf->export;
	}

	vcam_capture_pop(cam, buf);
	WRITE_ONCE(cam->acquired, buf);
	cam->acquired_generation = cam->generation;
	*acquire_id = ++cam->acquire_id;
	req->generation = cam->generation;
	req->index = vb->index;
	req->fd = -1;
	req->length = vb2_plane_size(vb, 0);
	req->age = 0;
	if (buf->committed && !READ_ONCE(cam->consumer_writable))
		req->age = cam->commits - buf->committed + 1;
	return 0;
}

/* The lent buffer goes back to the head of the consumer's queue. */
static void vcam_lend_cancel(struct vcam_device *cam)
{
	struct vcam_buffer *buf = cam->acquired;

	if (!buf)
		return;
	WRITE_ONCE(cam->acquired, NULL);
	buf->committed = 0;
	vcam_capture_push(cam, buf, true);
	if (vcam_frames_pair(cam))
		vcam_frames_complete(cam);
}

/*
 * A call of VCAM_IOC_ACQUIRE whose result the producer never got gives its
 * buffer back, unless the consumer took it back already or another call
 * lent a buffer since.
 */
void vcam_lend_undo(struct vcam_device *cam, u64 acquire_id)
{
	if (cam->acquired && cam->acquire_id == acquire_id)
		vcam_lend_cancel(cam);
}

/* A frame short of a whole uncompressed image completes with an error. */
static void vcam_lend_deliver(struct vcam_device *cam,
			      struct vcam_buffer *buf, u32 bytesused)
{
	struct vb2_buffer *vb = &buf->vb.vb2_buf;

	vb->timestamp = vcam_frames_timestamp(cam, ktime_get_ns());
	buf->vb.sequence = cam->sequence++;
	buf->vb.field = V4L2_FIELD_NONE;
	buf->fill = VCAM_FILL_READY;
	if (vcam_frame_whole(cam, bytesused)) {
		vb2_set_plane_payload(vb, 0, bytesused);
		buf->committed = ++cam->commits;
		buf->result = VB2_BUF_STATE_DONE;
		cam->frames_committed++;
	} else {
		vb2_set_plane_payload(vb, 0, 0);
		buf->committed = 0;
		buf->result = VB2_BUF_STATE_ERROR;
	}
	list_add_tail(&buf->entry, &cam->delivering);
	vcam_frames_complete(cam);
}

/**
 * vcam_lend_commit() - deliver the lent buffer, or give it back unfilled
 * @cam: the camera
 * @req: the producer's request
 *
 * Return: 0, -EINVAL for a malformed request, -ENOENT when no buffer is lent.
 */
int vcam_lend_commit(struct vcam_device *cam, const struct vcam_ioc_commit *req)
{
	u32 bytesused = req->length ?: cam->pix.sizeimage;
	struct vcam_buffer *buf = cam->acquired;
	u32 dropped = min(req->dropped, VCAM_MAX_DROPPED_PER_COMMIT);

	if (memchr_inv(req->reserved, 0, sizeof(req->reserved)) ||
	    req->flags & ~VCAM_COMMIT_DISCARD ||
	    bytesused > cam->pix.sizeimage)
		return -EINVAL;
	if (!buf)
		return -ENOENT;
	if (req->index != buf->vb.vb2_buf.index ||
	    req->generation != cam->acquired_generation)
		return -EINVAL;

	cam->sequence += dropped;
	cam->frames_dropped += dropped;
	if (req->flags & VCAM_COMMIT_DISCARD) {
		vcam_lend_cancel(cam);
		return 0;
	}
	vcam_frames_drop_pending(cam);
	WRITE_ONCE(cam->acquired, NULL);
	vcam_lend_deliver(cam, buf, bytesused);
	vcam_wake_producer(cam);
	return 0;
}

/* The consumer stops streaming: the lent buffer returns to it unfilled. */
void vcam_lend_return(struct vcam_device *cam)
{
	struct vcam_buffer *buf = cam->acquired;

	if (!buf)
		return;
	WRITE_ONCE(cam->acquired, NULL);
	buf->committed = 0;
	vb2_buffer_done(&buf->vb.vb2_buf, VB2_BUF_STATE_ERROR);
}

/*
 * The producer is gone: the lent buffer waits among the consumer's queued
 * ones, which the consumer gets back when it stops streaming.
 */
void vcam_lend_reclaim(struct vcam_device *cam)
{
	struct vcam_buffer *buf = cam->acquired;

	if (!buf)
		return;
	WRITE_ONCE(cam->acquired, NULL);
	buf->committed = 0;
	vcam_capture_push(cam, buf, true);
}
