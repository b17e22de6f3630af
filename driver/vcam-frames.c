// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: producer frame slots and their pairing with capture buffers.
 *
 * Everything here runs with &vcam_device.lock held.
 */

#include <linux/dma-buf.h>
#include <linux/dma-direction.h>
#include <linux/iosys-map.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "vcam.h"

void vcam_notify_producer(struct vcam_device *cam)
{
	WRITE_ONCE(cam->events, cam->events + 1);
	wake_up_interruptible(&cam->producer_wait);
}

void vcam_capture_push(struct vcam_device *cam, struct vcam_buffer *buf,
		       bool front)
{
	if (front)
		list_add(&buf->queued_entry, &cam->capture_buffers);
	else
		list_add_tail(&buf->queued_entry, &cam->capture_buffers);
	WRITE_ONCE(cam->nr_queued, cam->nr_queued + 1);
	wake_up_interruptible(&cam->producer_wait);
}

/* Takes buf, or the oldest queued buffer if buf is NULL, off the queue. */
struct vcam_buffer *vcam_capture_pop(struct vcam_device *cam,
				     struct vcam_buffer *buf)
{
	if (!buf) {
		if (list_empty(&cam->capture_buffers))
			return NULL;
		buf = list_first_entry(&cam->capture_buffers,
				       struct vcam_buffer, queued_entry);
	}
	list_del(&buf->queued_entry);
	WRITE_ONCE(cam->nr_queued, cam->nr_queued - 1);
	return buf;
}

/* Whether a payload of bytesused is a frame a consumer may be given. */
bool vcam_frame_whole(struct vcam_device *cam, u32 bytesused)
{
	return vcam_format_compressed(cam->format) ||
	       bytesused == cam->pix.sizeimage;
}

/* The driver no longer needs the slot: the producer may dequeue it. */
static void vcam_slot_finish(struct vcam_device *cam, struct vcam_slot *slot)
{
	dma_buf_put(slot->dmabuf);
	slot->dmabuf = NULL;
	slot->lent_to = NULL;
	slot->state = VCAM_SLOT_DONE;
	list_add_tail(&slot->done_entry, &cam->done_slots);
	WRITE_ONCE(cam->nr_done, cam->nr_done + 1);
	wake_up_interruptible(&cam->producer_wait);
}

static bool vcam_is_streaming(struct vcam_device *cam)
{
	return cam->status & VCAM_STATUS_STREAMING;
}

void vcam_frames_set_streaming(struct vcam_device *cam, bool streaming)
{
	WRITE_ONCE(cam->status,
		   streaming ? VCAM_STATUS_STREAMING : VCAM_STATUS_IDLE);
	/* A frame that waited for this consumer is captured as it starts. */
	if (streaming) {
		cam->sequence = 0;
		if (cam->pending) {
			cam->pending->sequence = cam->sequence++;
			cam->pending->queued_ns = ktime_get_ns();
		}
	}
	vcam_notify_producer(cam);
}

static int vcam_copy_frame(struct vcam_slot *slot, struct vb2_buffer *vb)
{
	void *dst = vb2_plane_vaddr(vb, 0);
	struct iosys_map src;
	int ret;

	if (!dst)
		return -EFAULT;

	ret = dma_buf_vmap_unlocked(slot->dmabuf, &src);
	if (ret)
		return ret;

	ret = dma_buf_begin_cpu_access(slot->dmabuf, DMA_FROM_DEVICE);
	if (!ret) {
		if (src.is_iomem)
			memcpy_fromio(dst, src.vaddr_iomem, slot->bytesused);
		else
			memcpy(dst, src.vaddr, slot->bytesused);
		ret = dma_buf_end_cpu_access(slot->dmabuf, DMA_FROM_DEVICE);
	}

	dma_buf_vunmap_unlocked(slot->dmabuf, &src);
	return ret;
}

/* A queued capture buffer that is the slot's own DMA-BUF, if any. */
static struct vcam_buffer *vcam_find_shared_buffer(struct vcam_device *cam,
						   struct vcam_slot *slot)
{
	struct vcam_buffer *buf;

	list_for_each_entry(buf, &cam->capture_buffers, queued_entry) {
		if (buf->vb.vb2_buf.planes[0].dbuf == slot->dmabuf)
			return buf;
	}
	return NULL;
}

/**
 * vcam_frames_deliver() - give the pending frame to a queued capture buffer
 * @cam: the camera
 *
 * A capture buffer that is the frame's own DMA-BUF takes it without a copy,
 * and the slot stays lent until the consumer gives that buffer back.
 * Otherwise the oldest queued buffer receives a copy, or completes with an
 * error when either buffer has no CPU mapping. A frame shorter than a whole
 * image of an uncompressed format completes the buffer with an error.
 */
void vcam_frames_deliver(struct vcam_device *cam)
{
	struct vcam_slot *slot = cam->pending;
	enum vb2_buffer_state state = VB2_BUF_STATE_DONE;
	struct vcam_buffer *buf;
	struct vb2_buffer *vb;

	if (!slot || !vcam_is_streaming(cam) ||
	    list_empty(&cam->capture_buffers))
		return;

	buf = vcam_capture_pop(cam, vcam_find_shared_buffer(cam, slot));
	cam->pending = NULL;
	vb = &buf->vb.vb2_buf;

	if (!vcam_frame_whole(cam, slot->bytesused)) {
		buf->committed = 0;
		state = VB2_BUF_STATE_ERROR;
		vcam_slot_finish(cam, slot);
	} else if (vb->planes[0].dbuf == slot->dmabuf) {
		slot->state = VCAM_SLOT_LENT;
		slot->lent_to = buf;
		buf->shared_slot = slot;
	} else {
		buf->committed = 0;
		if (vcam_copy_frame(slot, vb))
			state = VB2_BUF_STATE_ERROR;
		vcam_slot_finish(cam, slot);
	}

	vb2_set_plane_payload(vb, 0,
			      state == VB2_BUF_STATE_DONE ? slot->bytesused : 0);
	vb->timestamp = slot->queued_ns;
	buf->vb.sequence = slot->sequence;
	buf->vb.field = V4L2_FIELD_NONE;
	if (state == VB2_BUF_STATE_DONE)
		cam->frames_delivered++;
	vb2_buffer_done(vb, state);
}

/* A newer frame replaces the pending one, which goes back unseen. */
static void vcam_frames_replace_pending(struct vcam_device *cam,
					struct vcam_slot *slot)
{
	if (cam->pending) {
		if (vcam_is_streaming(cam))
			cam->frames_dropped++;
		vcam_slot_finish(cam, cam->pending);
	}
	if (vcam_is_streaming(cam))
		slot->sequence = cam->sequence++;
	cam->pending = slot;
}

int vcam_frames_queue(struct vcam_device *cam,
		      const struct vcam_ioc_queue *request)
{
	u32 bytesused = request->length ?: cam->pix.sizeimage;
	struct vcam_slot *slot;
	struct dma_buf *dmabuf;

	if (request->reserved || request->index >= cam->nr_slots ||
	    bytesused > cam->pix.sizeimage)
		return -EINVAL;

	slot = &cam->slots[request->index];
	if (slot->state != VCAM_SLOT_PRODUCER)
		return -EINVAL;

	dmabuf = dma_buf_get((int)request->fd);
	if (IS_ERR(dmabuf))
		return -EINVAL;
	/* A JPEG needs room for itself only, not for the largest one. */
	if (dmabuf->size < (vcam_format_compressed(cam->format) ?
			    bytesused : cam->pix.sizeimage)) {
		dma_buf_put(dmabuf);
		return -EINVAL;
	}

	slot->dmabuf = dmabuf;
	slot->bytesused = bytesused;
	slot->producer_timestamp = request->timestamp;
	slot->queued_ns = ktime_get_ns();
	slot->state = VCAM_SLOT_PENDING;
	cam->nr_held++;

	vcam_frames_replace_pending(cam, slot);
	vcam_frames_deliver(cam);
	return 0;
}

/* Return: 0, -EAGAIN if no slot is done yet, -EINVAL if none is held. */
int vcam_frames_dequeue(struct vcam_device *cam,
			struct vcam_ioc_dequeue *result)
{
	struct vcam_slot *slot;

	if (list_empty(&cam->done_slots))
		return cam->nr_held ? -EAGAIN : -EINVAL;

	slot = list_first_entry(&cam->done_slots, struct vcam_slot,
				done_entry);
	list_del(&slot->done_entry);
	WRITE_ONCE(cam->nr_done, cam->nr_done - 1);
	cam->nr_held--;
	slot->state = VCAM_SLOT_PRODUCER;

	result->index = slot - cam->slots;
	result->length = slot->bytesused;
	result->timestamp = slot->producer_timestamp;
	return 0;
}

void vcam_frames_deliver_work(struct work_struct *work)
{
	struct vcam_device *cam =
		container_of(work, struct vcam_device, deliver_work);

	mutex_lock(&cam->lock);
	vcam_frames_deliver(cam);
	mutex_unlock(&cam->lock);
}

/*
 * A buffer the consumer queues is not filled within its VIDIOC_QBUF, which
 * would return it already done: a waiting frame follows from a work item.
 */
void vcam_frames_capture_queued(struct vcam_device *cam,
				struct vcam_buffer *buf)
{
	if (buf->shared_slot) {
		vcam_slot_finish(cam, buf->shared_slot);
		buf->shared_slot = NULL;
	}
	vcam_capture_push(cam, buf, false);
	if (cam->pending)
		schedule_work(&cam->deliver_work);
}

static void vcam_frames_return_lent(struct vcam_device *cam)
{
	u32 i;

	for (i = 0; i < cam->nr_slots; i++) {
		struct vcam_slot *slot = &cam->slots[i];

		if (slot->state == VCAM_SLOT_LENT) {
			slot->lent_to->shared_slot = NULL;
			vcam_slot_finish(cam, slot);
		}
	}
}

void vcam_frames_capture_stopped(struct vcam_device *cam)
{
	struct vcam_buffer *buf;

	while ((buf = vcam_capture_pop(cam, NULL)))
		vb2_buffer_done(&buf->vb.vb2_buf, VB2_BUF_STATE_ERROR);
	vcam_lend_return(cam);
	vcam_frames_return_lent(cam);
	vcam_frames_set_streaming(cam, false);
}

/* The producer is gone: drop every DMA-BUF the driver still holds. */
void vcam_frames_release_all(struct vcam_device *cam)
{
	vcam_frames_return_lent(cam);
	if (cam->pending) {
		vcam_slot_finish(cam, cam->pending);
		cam->pending = NULL;
	}
}
