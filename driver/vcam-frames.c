// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: producer frame slots and their pairing with capture buffers.
 *
 * Everything here but vcam_frames_deliver_work() and
 * vcam_frames_capture_stopped() runs with &vcam_device.state_lock held.
 * Copying a frame takes time and may sleep: deliver_work does it with no
 * lock held, while the slot is %VCAM_SLOT_COPYING and the buffer
 * %VCAM_FILL_COPYING, states that nothing else touches.
 */

#include <linux/dma-buf.h>
#include <linux/dma-direction.h>
#include <linux/dma-resv.h>
#include <linux/iosys-map.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "vcam.h"

/* The producer's wait queue belongs to its file, gone once @dead is set. */
void vcam_wake_producer(struct vcam_device *cam)
{
	lockdep_assert_held(&cam->state_lock);
	if (!cam->dead)
		wake_up_interruptible(cam->producer_wait);
}

void vcam_notify_interval(struct vcam_device *cam)
{
	WRITE_ONCE(cam->interval_events, cam->interval_events + 1);
	vcam_wake_producer(cam);
	vcam_uevent_note(cam, VCAM_UEVENT_INTERVAL);
}

void vcam_capture_push(struct vcam_device *cam, struct vcam_buffer *buf,
		       bool front)
{
	if (front)
		list_add(&buf->entry, &cam->capture_buffers);
	else
		list_add_tail(&buf->entry, &cam->capture_buffers);
	WRITE_ONCE(cam->nr_queued, cam->nr_queued + 1);
	vcam_wake_producer(cam);
}

/* Takes buf, or the oldest queued buffer if buf is NULL, off the queue. */
struct vcam_buffer *vcam_capture_pop(struct vcam_device *cam,
				     struct vcam_buffer *buf)
{
	if (!buf) {
		if (list_empty(&cam->capture_buffers))
			return NULL;
		buf = list_first_entry(&cam->capture_buffers,
				       struct vcam_buffer, entry);
	}
	list_del(&buf->entry);
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
	vcam_wake_producer(cam);
}

static bool vcam_is_streaming(struct vcam_device *cam)
{
	return cam->status & VCAM_STATUS_STREAMING;
}

/*
 * The timestamp of the next frame to enter the delivery order: @wanted, but
 * at least a microsecond (what a struct timeval shows) after the last one,
 * so that timestamps strictly increase in the order consumers dequeue.
 */
u64 vcam_frames_timestamp(struct vcam_device *cam, u64 wanted)
{
	u64 timestamp = max(wanted, cam->last_timestamp + NSEC_PER_USEC);

	cam->last_timestamp = timestamp;
	return timestamp;
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
	WRITE_ONCE(cam->status_events, cam->status_events + 1);
	vcam_wake_producer(cam);
	vcam_uevent_note(cam, VCAM_UEVENT_STATE);
}

/*
 * How long a copy waits for the fences of a producer's DMA-BUF (a GPU still
 * rendering into it): a fence that never signals must not hold the worker,
 * and with it a consumer's STREAMOFF, which flushes it.
 */
#define VCAM_FENCE_WAIT_MS 200

static int vcam_wait_for_writers(struct dma_buf *dmabuf)
{
	long left = dma_resv_wait_timeout(dmabuf->resv, DMA_RESV_USAGE_WRITE,
					  false,
					  msecs_to_jiffies(VCAM_FENCE_WAIT_MS));

	if (left < 0)
		return (int)left;
	return left ? 0 : -ETIMEDOUT;
}

static int vcam_copy_frame(struct vcam_slot *slot, struct vb2_buffer *vb)
{
	void *dst = vb2_plane_vaddr(vb, 0);
	struct iosys_map src;
	int ret;

	if (!dst)
		return -EFAULT;

	/* Waited for here, bounded, so that begin_cpu_access() needn't. */
	ret = vcam_wait_for_writers(slot->dmabuf);
	if (ret)
		return ret;

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

	list_for_each_entry(buf, &cam->capture_buffers, entry) {
		if (buf->vb.vb2_buf.planes[0].dbuf == slot->dmabuf)
			return buf;
	}
	return NULL;
}

/**
 * vcam_frames_complete() - hand finished buffers back to the consumer
 * @cam: the camera
 *
 * Buffers go back in the order their frames entered the delivery order, so
 * that sequence numbers and timestamps increase in the consumer's DQBUF
 * order even when a copy finishes after a later, lent frame.
 */
void vcam_frames_complete(struct vcam_device *cam)
{
	struct vcam_buffer *buf;

	while (!list_empty(&cam->delivering)) {
		buf = list_first_entry(&cam->delivering, struct vcam_buffer,
				       entry);
		if (buf->fill != VCAM_FILL_READY)
			break;
		list_del(&buf->entry);
		if (buf->result == VB2_BUF_STATE_DONE)
			cam->frames_delivered++;
		vb2_buffer_done(&buf->vb.vb2_buf, buf->result);
	}
}

/**
 * vcam_frames_pair() - give the pending frame a queued capture buffer
 * @cam: the camera
 *
 * A capture buffer that is the frame's own DMA-BUF takes it without a copy,
 * and the slot stays lent until the consumer gives that buffer back.
 * Otherwise the oldest queued buffer is to receive a copy, which
 * deliver_work makes. A frame shorter than a whole image of an uncompressed
 * format completes the buffer with an error. Either way the buffer joins the
 * delivery order; the caller completes it with vcam_frames_complete() or
 * lets deliver_work do so.
 *
 * Return: whether a frame was paired.
 */
bool vcam_frames_pair(struct vcam_device *cam)
{
	struct vcam_slot *slot = cam->pending;
	struct vcam_buffer *buf;
	struct vb2_buffer *vb;

	if (!slot || !vcam_is_streaming(cam) || cam->hold_delivery ||
	    cam->dead || list_empty(&cam->capture_buffers))
		return false;

	buf = vcam_capture_pop(cam, vcam_find_shared_buffer(cam, slot));
	cam->pending = NULL;
	vb = &buf->vb.vb2_buf;

	vb2_set_plane_payload(vb, 0, slot->bytesused);
	vb->timestamp = vcam_frames_timestamp(cam, slot->queued_ns);
	buf->vb.sequence = slot->sequence;
	buf->vb.field = V4L2_FIELD_NONE;
	buf->committed = 0;
	buf->result = VB2_BUF_STATE_DONE;
	if (!vcam_frame_whole(cam, slot->bytesused)) {
		vb2_set_plane_payload(vb, 0, 0);
		buf->result = VB2_BUF_STATE_ERROR;
		buf->fill = VCAM_FILL_READY;
		vcam_slot_finish(cam, slot);
	} else if (vb->planes[0].dbuf == slot->dmabuf) {
		slot->state = VCAM_SLOT_LENT;
		slot->lent_to = buf;
		buf->shared_slot = slot;
		buf->fill = VCAM_FILL_READY;
	} else {
		slot->state = VCAM_SLOT_COPYING;
		buf->source = slot;
		buf->fill = VCAM_FILL_COPY;
		schedule_work(&cam->deliver_work);
	}
	list_add_tail(&buf->entry, &cam->delivering);
	return true;
}

/* Replaces the pending frame, which goes back unseen, with slot (or none). */
static void vcam_frames_replace_pending(struct vcam_device *cam,
					struct vcam_slot *slot)
{
	if (cam->pending) {
		if (vcam_is_streaming(cam))
			cam->frames_dropped++;
		vcam_slot_finish(cam, cam->pending);
	}
	if (slot && vcam_is_streaming(cam))
		slot->sequence = cam->sequence++;
	cam->pending = slot;
}

/*
 * A frame the producer committed is newer than the one waiting: the waiting
 * one would reach the consumer after it, with an older sequence number.
 */
void vcam_frames_drop_pending(struct vcam_device *cam)
{
	vcam_frames_replace_pending(cam, NULL);
}

/* Return: 0, or -EINVAL; the caller's reference to dmabuf is taken over. */
int vcam_frames_queue(struct vcam_device *cam,
		      const struct vcam_ioc_queue *request,
		      struct dma_buf *dmabuf)
{
	u32 bytesused = request->length ?: cam->pix.sizeimage;
	struct vcam_slot *slot = &cam->slots[request->index];

	if (slot->state != VCAM_SLOT_PRODUCER)
		return -EINVAL;

	slot->dmabuf = dmabuf;
	slot->bytesused = bytesused;
	slot->producer_timestamp = request->timestamp;
	slot->queued_ns = ktime_get_ns();
	slot->state = VCAM_SLOT_PENDING;
	cam->nr_held++;

	vcam_frames_replace_pending(cam, slot);
	if (vcam_frames_pair(cam))
		vcam_frames_complete(cam);
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

/* The first buffer of the delivery order still to be copied, claimed. */
static struct vcam_buffer *vcam_frames_claim_copy(struct vcam_device *cam)
{
	struct vcam_buffer *buf;

	list_for_each_entry(buf, &cam->delivering, entry) {
		if (buf->fill == VCAM_FILL_COPY) {
			buf->fill = VCAM_FILL_COPYING;
			return buf;
		}
	}
	return NULL;
}

/**
 * vcam_frames_deliver_work() - copy paired frames, complete finished buffers
 * @work: &vcam_device.deliver_work
 *
 * Runs with no lock held. Stopping the stream and closing the producer
 * wait for it with flush_work(); a stuck consumer cannot delay it, as it
 * touches only kernel mappings of buffers the driver owns.
 */
void vcam_frames_deliver_work(struct work_struct *work)
{
	struct vcam_device *cam =
		container_of(work, struct vcam_device, deliver_work);
	struct vcam_buffer *buf;
	struct vcam_slot *slot;
	int ret;

	spin_lock(&cam->state_lock);
	while ((buf = vcam_frames_claim_copy(cam))) {
		slot = buf->source;
		spin_unlock(&cam->state_lock);

		ret = vcam_copy_frame(slot, &buf->vb.vb2_buf);

		spin_lock(&cam->state_lock);
		buf->source = NULL;
		buf->fill = VCAM_FILL_READY;
		if (ret)
			buf->result = VB2_BUF_STATE_ERROR;
		vcam_slot_finish(cam, slot);
		vcam_frames_complete(cam);
	}
	vcam_frames_complete(cam);
	spin_unlock(&cam->state_lock);
}

/*
 * The consumer queued a buffer. A waiting frame is paired with it at once,
 * so that the producer cannot borrow it first; the buffer is completed by
 * deliver_work, not within VIDIOC_QBUF, which would return it already done.
 */
void vcam_frames_capture_queued(struct vcam_device *cam,
				struct vcam_buffer *buf)
{
	if (buf->shared_slot) {
		vcam_slot_finish(cam, buf->shared_slot);
		buf->shared_slot = NULL;
	}
	vcam_capture_push(cam, buf, false);
	if (vcam_frames_pair(cam))
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

/**
 * vcam_frames_capture_stopped() - take back every buffer, at STREAMOFF
 * @cam: the camera
 *
 * Called from vb2's stop_streaming with the queue lock held, and without
 * &vcam_device.state_lock: it waits for a copy in progress, so that no
 * buffer is written after vb2 took it back.
 */
void vcam_frames_capture_stopped(struct vcam_device *cam)
{
	struct vcam_buffer *buf, *next;

	spin_lock(&cam->state_lock);
	vcam_frames_set_streaming(cam, false);
	spin_unlock(&cam->state_lock);

	/* Nothing pairs while idle: no copy starts after this one. */
	flush_work(&cam->deliver_work);

	spin_lock(&cam->state_lock);
	list_for_each_entry_safe(buf, next, &cam->delivering, entry) {
		list_del(&buf->entry);
		vb2_buffer_done(&buf->vb.vb2_buf, VB2_BUF_STATE_ERROR);
	}
	while ((buf = vcam_capture_pop(cam, NULL)))
		vb2_buffer_done(&buf->vb.vb2_buf, VB2_BUF_STATE_ERROR);
	vcam_lend_return(cam);
	vcam_frames_return_lent(cam);
	spin_unlock(&cam->state_lock);
}

/*
 * The producer is gone and deliver_work is idle: drop every DMA-BUF of the
 * producer the driver still holds. The consumer's buffers stay queued until
 * it stops streaming; vb2_queue_error() tells it no frame will come.
 */
void vcam_frames_release_all(struct vcam_device *cam)
{
	vcam_lend_reclaim(cam);
	vcam_frames_return_lent(cam);
	if (cam->pending) {
		vcam_slot_finish(cam, cam->pending);
		cam->pending = NULL;
	}
}
