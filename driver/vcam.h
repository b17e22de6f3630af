/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcam: private definitions shared by the driver's source files.
 */

#ifndef _VCAM_H
#define _VCAM_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <media/v4l2-device.h>
#include <media/v4l2-dev.h>
#include <media/videobuf2-v4l2.h>

#include <uapi/linux/vcam.h>

#define VCAM_DRIVER_NAME "vcam"

#define VCAM_MIN_FRAMES 2
#define VCAM_MAX_FRAMES 32
#define VCAM_MIN_SIZE 2
#define VCAM_MAX_SIZE 8192
#define VCAM_DEFAULT_WIDTH 640
#define VCAM_DEFAULT_HEIGHT 480
/* A name and its NUL: the capture node's name holds it whole. */
#define VCAM_NAME_MAX sizeof_field(struct video_device, name)
#define VCAM_MAX_FPS 1000
/* Buffers read() I/O streams with, as VIDIOC_G_PARM reports them. */
#define VCAM_READ_BUFFERS 2
/* Dropped frames one COMMIT adds at most, so sequences never wrap back. */
#define VCAM_MAX_DROPPED_PER_COMMIT 1048576U
#define VCAM_DEFAULT_MAX_CAMERAS 64
/* As many as V4L2 has minor numbers for capture nodes. */
#define VCAM_MAX_CAMERAS 256
/* What the capture buffers of one camera may hold: two frames of any size. */
#define VCAM_MAX_BUFFER_BYTES SZ_512M
/* Change uevents waiting to be sent; more replace the newest. */
#define VCAM_MAX_UEVENTS 16

/**
 * struct vcam_format - what vcam knows about a pixel format
 * @fourcc: V4L2 pixel format.
 * @bytes_per_pixel: bytes of the first plane per pixel; 0 if compressed.
 * @size_num: sizeimage is bytesperline * height * @size_num / @size_den.
 * @size_den: see @size_num.
 * @width_align: the width must be a multiple of this.
 * @height_align: the height must be a multiple of this.
 * @colorspace: colorspace reported when the producer names none.
 * @yuv: the pixels are Y'CbCr (compressed ones included).
 */
struct vcam_format {
	u32 fourcc;
	u8 bytes_per_pixel;
	u8 size_num;
	u8 size_den;
	u8 width_align;
	u8 height_align;
	u8 colorspace;
	bool yuv;
};

const struct vcam_format *vcam_format_find(u32 fourcc);
int vcam_format_fill(struct v4l2_pix_format *pix);
bool vcam_format_compressed(const struct vcam_format *format);

/**
 * enum vcam_slot_state - who holds a producer frame slot
 * @VCAM_SLOT_PRODUCER: the producer; it may queue the slot.
 * @VCAM_SLOT_PENDING: queued, waiting for a capture buffer.
 * @VCAM_SLOT_COPYING: paired with a capture buffer that receives a copy.
 * @VCAM_SLOT_LENT: its DMA-BUF is a capture buffer the consumer holds.
 * @VCAM_SLOT_DONE: the driver is done with it; the producer may dequeue it.
 */
enum vcam_slot_state {
	VCAM_SLOT_PRODUCER,
	VCAM_SLOT_PENDING,
	VCAM_SLOT_COPYING,
	VCAM_SLOT_LENT,
	VCAM_SLOT_DONE,
};

struct vcam_buffer;

/**
 * enum vcam_uevent_what - what a change uevent reports
 * @VCAM_UEVENT_STATE: a consumer started or stopped streaming.
 * @VCAM_UEVENT_INTERVAL: the frame interval in force changed.
 */
enum vcam_uevent_what {
	VCAM_UEVENT_STATE,
	VCAM_UEVENT_INTERVAL,
};

/**
 * struct vcam_uevent - a change uevent waiting to be sent
 * @what: what changed.
 * @streaming: whether a consumer streamed right after the change.
 * @interval: the frame interval in force right after the change.
 */
struct vcam_uevent {
	enum vcam_uevent_what what;
	bool streaming;
	struct v4l2_fract interval;
};

/**
 * struct vcam_slot - one producer frame slot
 * @state: who holds the slot.
 * @dmabuf: the frame's DMA-BUF while the driver holds the slot.
 * @bytesused: payload length of the queued frame.
 * @producer_timestamp: the producer's timestamp, returned on dequeue.
 * @queued_ns: CLOCK_MONOTONIC time of queueing, seen by the consumer.
 * @sequence: frame sequence number given to the consumer.
 * @lent_to: the capture buffer sharing @dmabuf, while %VCAM_SLOT_LENT.
 * @done_entry: entry in &vcam_device.done_slots while %VCAM_SLOT_DONE.
 */
struct vcam_slot {
	enum vcam_slot_state state;
	struct dma_buf *dmabuf;
	u32 bytesused;
	u64 producer_timestamp;
	u64 queued_ns;
	u32 sequence;
	struct vcam_buffer *lent_to;
	struct list_head done_entry;
};

/**
 * enum vcam_fill - how far a capture buffer that holds a frame got
 * @VCAM_FILL_COPY: the frame still has to be copied in, by deliver_work.
 * @VCAM_FILL_COPYING: deliver_work copies the frame in, without any lock.
 * @VCAM_FILL_READY: the frame is complete; the buffer goes back to the
 *	consumer once every buffer ahead of it in the delivery order has.
 */
enum vcam_fill {
	VCAM_FILL_COPY,
	VCAM_FILL_COPYING,
	VCAM_FILL_READY,
};

/**
 * struct vcam_buffer - a capture buffer
 * @vb: the vb2 buffer; must come first.
 * @entry: entry in &vcam_device.capture_buffers while queued and empty, or
 *	in &vcam_device.delivering while it holds a frame.
 * @fill: how far the frame got, while in &vcam_device.delivering.
 * @result: the state the buffer completes with.
 * @source: the slot whose frame is copied in, while %VCAM_FILL_COPY or
 *	%VCAM_FILL_COPYING.
 * @shared_slot: the producer slot whose DMA-BUF this buffer is, while the
 *	consumer holds a frame delivered without copying.
 * @export: the buffer exported as a DMA-BUF when it was allocated, for
 *	%VCAM_IOC_ACQUIRE; NULL unless the buffer is the driver's own memory.
 * @committed: value of &vcam_device.commits when the producer committed the
 *	content the buffer holds, or 0 when its content is unknown.
 */
struct vcam_buffer {
	struct vb2_v4l2_buffer vb;
	struct list_head entry;
	enum vcam_fill fill;
	enum vb2_buffer_state result;
	struct vcam_slot *source;
	struct vcam_slot *shared_slot;
	struct dma_buf *export;
	u64 committed;
};

/**
 * struct vcam_device - one virtual camera
 * @v4l2_dev: the V4L2 device; its release frees this structure.
 * @vdev: the capture node.
 * @queue: the capture queue.
 * @lock: serialises the capture node and its queue: consumers only.
 * @state_lock: protects the producer's state, every member below @pix but
 *	@buffer_bytes, @deliver_work and @uevent_work; never held while
 *	sleeping.
 * @id: unique camera number, used in bus_info.
 * @name: the camera's name, as the producer gave it.
 * @format: the producer's pixel format.
 * @pix: the one format the capture node offers.
 * @interval: the frame interval in force.
 * @default_interval: the interval offered first and used when none is asked.
 * @interval_chosen: a consumer set @interval with VIDIOC_S_PARM; it stays
 *	until the last file of the capture node closes.
 * @producer: the process that created the camera.
 * @producer_wait: where the producer waits for frames and status changes;
 *	it belongs to the producer's file, so it is woken only while not @dead.
 * @dead: the producer closed its file; nothing is delivered any more.
 * @hold_delivery: a non-blocking read() is starting read() I/O: no frame
 *	completes during that call.
 * @slots: the producer's frame slots.
 * @nr_slots: number of @slots.
 * @pending: the frame waiting for a capture buffer, if any.
 * @capture_buffers: empty capture buffers queued by the consumer, oldest
 *	first.
 * @buffer_bytes: memory the capture buffers hold, at most
 *	%VCAM_MAX_BUFFER_BYTES; under @lock, which vb2 allocates under.
 * @nr_queued: number of entries in @capture_buffers, read without the lock.
 * @delivering: capture buffers that hold a frame, in sequence order; they
 *	go back to the consumer in that order.
 * @acquired: the capture buffer lent to the producer, read without the lock.
 * @acquired_generation: the generation %VCAM_IOC_ACQUIRE reported for it.
 * @acquire_id: counts %VCAM_IOC_ACQUIRE calls that lent a buffer, so that
 *	a failed call gives back only its own.
 * @generation: changes whenever the consumer's buffers are freed.
 * @commits: frames committed into lent buffers so far.
 * @consumer_writable: a consumer may have written the capture buffers: it
 *	mapped them writable or exported them. Set without the lock.
 * @done_slots: slots ready for %VCAM_IOC_DEQUEUE, oldest first.
 * @nr_done: number of entries in @done_slots, read without the lock.
 * @nr_held: slots the driver holds (pending, copying, lent or done).
 * @sequence: sequence number of the next frame.
 * @last_timestamp: timestamp of the last frame that entered @delivering.
 * @status: &enum vcam_status bits, read without the lock.
 * @status_events: counts changes of @status.
 * @status_seen: value of @status_events when the producer last read it.
 * @interval_events: counts changes of @interval.
 * @interval_seen: value of @interval_events when the producer last read it.
 * @interval_watched: the producer used %VCAM_IOC_G_INTERVAL or
 *	%VCAM_IOC_S_INTERVAL; until then reading the status marks interval
 *	changes read too.
 * @frames_delivered: frames given to consumers.
 * @frames_dropped: frames replaced before a consumer got them.
 * @frames_committed: frames the producer rendered into a lent buffer.
 * @deliver_work: copies frames into capture buffers and hands buffers back
 *	to the consumer outside its VIDIOC_QBUF, holding no lock while copying.
 * @uevents: change uevents to send, a ring of %VCAM_MAX_UEVENTS.
 * @first_uevent: index in @uevents of the oldest one.
 * @nr_uevents: how many wait in @uevents.
 * @uevent_work: sends them, without the lock (vcam-uevent.c).
 *
 * Lock order: @lock (the vb2 queue lock, taken by vb2 and the V4L2 core
 * around consumer calls), then the vb2 queue's own locks, then @state_lock,
 * then the wait queue and vb2 done-list locks it wakes or fills. The
 * producer's ioctls, poll(), close() and sysfs reads take only
 * @state_lock, so no consumer, however stuck in a copy to or from its
 * memory, can make them wait.
 */
struct vcam_device {
	struct v4l2_device v4l2_dev;
	struct video_device vdev;
	struct vb2_queue queue;
	struct mutex lock; /* the capture node and its queue */
	spinlock_t state_lock; /* the producer's state, never held asleep */
	int id;
	char name[VCAM_NAME_MAX];
	const struct vcam_format *format;
	struct v4l2_pix_format pix;
	struct v4l2_fract interval;
	struct v4l2_fract default_interval;
	bool interval_chosen;
	struct pid *producer;
	wait_queue_head_t *producer_wait;
	bool dead;
	bool hold_delivery;

	struct vcam_slot *slots;
	u32 nr_slots;
	struct vcam_slot *pending;
	struct list_head capture_buffers;
	u64 buffer_bytes;
	u32 nr_queued;
	struct list_head delivering;
	struct vcam_buffer *acquired;
	u32 acquired_generation;
	u64 acquire_id;
	u32 generation;
	u64 commits;
	bool consumer_writable;
	struct list_head done_slots;
	u32 nr_done;
	u32 nr_held;
	u32 sequence;
	u64 last_timestamp;

	u64 status;
	u32 status_events;
	u32 status_seen;
	u32 interval_events;
	u32 interval_seen;
	bool interval_watched;
	u64 frames_delivered;
	u64 frames_dropped;
	u64 frames_committed;
	struct work_struct deliver_work;
	struct vcam_uevent uevents[VCAM_MAX_UEVENTS];
	u32 first_uevent;
	u32 nr_uevents;
	struct work_struct uevent_work;
};

/* vcam-capture.c */
int vcam_capture_register(struct vcam_device *cam, struct device *parent);
void vcam_capture_unregister(struct vcam_device *cam);
bool vcam_interval_valid(const struct v4l2_fract *interval);

/* vcam-frames.c: everything but vcam_frames_deliver_work() and
 * vcam_frames_capture_stopped() runs with &vcam_device.state_lock held.
 */
int vcam_frames_queue(struct vcam_device *cam,
		      const struct vcam_ioc_queue *request,
		      struct dma_buf *dmabuf);
int vcam_frames_dequeue(struct vcam_device *cam,
			struct vcam_ioc_dequeue *result);
bool vcam_frames_pair(struct vcam_device *cam);
void vcam_frames_complete(struct vcam_device *cam);
void vcam_frames_deliver_work(struct work_struct *work);
void vcam_frames_capture_queued(struct vcam_device *cam,
				struct vcam_buffer *buf);
void vcam_frames_capture_stopped(struct vcam_device *cam);
void vcam_frames_release_all(struct vcam_device *cam);
void vcam_frames_set_streaming(struct vcam_device *cam, bool streaming);
void vcam_frames_drop_pending(struct vcam_device *cam);
u64 vcam_frames_timestamp(struct vcam_device *cam, u64 wanted);
void vcam_wake_producer(struct vcam_device *cam);
void vcam_notify_interval(struct vcam_device *cam);
bool vcam_frame_whole(struct vcam_device *cam, u32 bytesused);
void vcam_capture_push(struct vcam_device *cam, struct vcam_buffer *buf,
		       bool front);
struct vcam_buffer *vcam_capture_pop(struct vcam_device *cam,
				     struct vcam_buffer *buf);

/* vcam-lend.c: all but vcam_lend_ready() with the state lock held. */
bool vcam_lend_ready(struct vcam_device *cam, bool lendable);
int vcam_lend_acquire(struct vcam_device *cam, struct vcam_ioc_acquire *req,
		      struct dma_buf **dmabuf, u64 *acquire_id);
void vcam_lend_undo(struct vcam_device *cam, u64 acquire_id);
int vcam_lend_commit(struct vcam_device *cam,
		     const struct vcam_ioc_commit *req);
void vcam_lend_return(struct vcam_device *cam);
void vcam_lend_reclaim(struct vcam_device *cam);

/* vcam-uevent.c: vcam_uevent_note() with the state lock held. */
void vcam_uevent_note(struct vcam_device *cam, enum vcam_uevent_what what);
void vcam_uevent_work(struct work_struct *work);
void vcam_uevent_flush(struct vcam_device *cam);

/* vcam-sysfs.c */
extern const struct attribute_group *vcam_sysfs_groups[];

#endif /* _VCAM_H */
