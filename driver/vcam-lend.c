// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: lending a consumer's capture buffer to the producer, which renders
 * the frame straight into it (VCAM_IOC_ACQUIRE and VCAM_IOC_COMMIT).
 *
 * Everything here but vcam_lend_ready() runs with &vcam_device.lock held.
 * A buffer is lent only while the consumer streams: stopping takes it back.
 */

#include <linux/dma-buf.h>
#include <linux/fcntl.h>
#include <linux/timekeeping.h>

#include "vcam.h"

static bool vcam_lend_supported(struct vcam_device *cam)
{
	return READ_ONCE(cam->queue.memory) == VB2_MEMORY_MMAP;
}

/*
 * Whether VCAM_IOC_ACQUIRE would not sleep; needs no lock. With @lendable,
 * whether it would lend a buffer rather than fail with -EOPNOTSUPP.
 */
bool vcam_lend_ready(struct vcam_device *cam, bool lendable)
{
	return READ_ONCE(cam->nr_queued) && !READ_ONCE(cam->acquired) &&
	       (!lendable || vcam_lend_supported(cam));
}

static bool vcam_fd_held(const struct vcam_ioc_acquire *req, u32 generation,
			 u32 index)
{
	return req->generation == generation &&
	       index < BITS_PER_TYPE(req->fds_held) &&
	       (req->fds_held & BIT_ULL(index));
}

static struct dma_buf *vcam_export(struct vb2_buffer *vb)
{
	struct dma_buf *dmabuf;

	dmabuf = vb->vb2_queue->mem_ops->get_dmabuf(vb, vb->planes[0].mem_priv,
						     O_RDWR);
	return dmabuf ?: ERR_PTR(-EINVAL);
}

/**
 * vcam_lend_acquire() - lend the oldest queued capture buffer
 * @cam: the camera
 * @req: the producer's request; on success, filled in for it
 * @dmabuf: on success, the buffer as a new DMA-BUF, or NULL when the
 *	producer holds one already; the caller gives it a file descriptor
 *
 * Return: 0, -EAGAIN when no buffer is queued, -EOPNOTSUPP when the
 * consumer's buffers are not the driver's, -EBUSY when one is lent already.
 */
int vcam_lend_acquire(struct vcam_device *cam, struct vcam_ioc_acquire *req,
		      struct dma_buf **dmabuf)
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
			       queued_entry);
	vb = &buf->vb.vb2_buf;
	*dmabuf = NULL;
	if (!vcam_fd_held(req, cam->generation, vb->index)) {
		*dmabuf = vcam_export(vb);
		if (IS_ERR(*dmabuf))
			return PTR_ERR(*dmabuf);
	}

	vcam_capture_pop(cam, buf);
	WRITE_ONCE(cam->acquired, buf);
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
	if (cam->pending)
		schedule_work(&cam->deliver_work);
}

/* A frame short of a whole uncompressed image completes with an error. */
static void vcam_lend_deliver(struct vcam_device *cam,
			      struct vcam_buffer *buf, u32 bytesused)
{
	struct vb2_buffer *vb = &buf->vb.vb2_buf;

	vb->timestamp = ktime_get_ns();
	buf->vb.sequence = cam->sequence++;
	buf->vb.field = V4L2_FIELD_NONE;
	if (!vcam_frame_whole(cam, bytesused)) {
		buf->committed = 0;
		vb2_set_plane_payload(vb, 0, 0);
		vb2_buffer_done(vb, VB2_BUF_STATE_ERROR);
		return;
	}
	vb2_set_plane_payload(vb, 0, bytesused);
	buf->committed = ++cam->commits;
	cam->frames_delivered++;
	cam->frames_committed++;
	vb2_buffer_done(vb, VB2_BUF_STATE_DONE);
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

	if (memchr_inv(req->reserved, 0, sizeof(req->reserved)) ||
	    req->flags & ~VCAM_COMMIT_DISCARD ||
	    bytesused > cam->pix.sizeimage)
		return -EINVAL;
	if (!buf)
		return -ENOENT;
	if (req->index != buf->vb.vb2_buf.index ||
	    req->generation != cam->generation)
		return -EINVAL;

	cam->sequence += req->dropped;
	cam->frames_dropped += req->dropped;
	if (req->flags & VCAM_COMMIT_DISCARD) {
		vcam_lend_cancel(cam);
		return 0;
	}
	WRITE_ONCE(cam->acquired, NULL);
	vcam_lend_deliver(cam, buf, bytesused);
	wake_up_interruptible(&cam->producer_wait);
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
