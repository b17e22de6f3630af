/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcam: private definitions shared by the driver's source files.
 */

#ifndef _VCAM_H
#define _VCAM_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
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
#define VCAM_DEFAULT_MAX_CAMERAS 64
/* As many as V4L2 has minor numbers for capture nodes. */
#define VCAM_MAX_CAMERAS 256
/* What the capture buffers of one camera may hold: two frames of any size. */
#define VCAM_MAX_BUFFER_BYTES SZ_512M

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
 * @VCAM_SLOT_LENT: its DMA-BUF is a capture buffer the consumer holds.
 * @VCAM_SLOT_DONE: the driver is done with it; the producer may dequeue it.
 */
enum vcam_slot_state {
	VCAM_SLOT_PRODUCER,
	VCAM_SLOT_PENDING,
	VCAM_SLOT_LENT,
	VCAM_SLOT_DONE,
};

struct vcam_buffer;

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
 * struct vcam_buffer - a capture buffer
 * @vb: the vb2 buffer; must come first.
 * @queued_entry: entry in &vcam_device.capture_buffers while queued.
 * @shared_slot: the producer slot whose DMA-BUF this buffer is, while the
 *	consumer holds a frame delivered without copying.
 * @committed: value of &vcam_device.commits when the producer committed the
 *	content the buffer holds, or 0 when its content is unknown.
 */
struct vcam_buffer {
	struct vb2_v4l2_buffer vb;
	struct list_head queued_entry;
	struct vcam_slot *shared_slot;
	u64 committed;
};

/**
 * struct vcam_device - one virtual camera
 * @v4l2_dev: the V4L2 device; its release frees this structure.
 * @vdev: the capture node.
 * @queue: the capture queue.
 * @lock: serialises the capture node, its queue and the producer's ioctls.
 * @id: unique camera number, used in bus_info.
 * @name: the camera's name, as the producer gave it.
 * @format: the producer's pixel format.
 * @pix: the one format the capture node offers.
 * @interval: the frame interval in force.
 * @default_interval: the interval offered first and used when none is asked.
 * @interval_chosen: a consumer set @interval with VIDIOC_S_PARM; it stays
 *	until the last file of the capture node closes.
 * @producer: the process that created the camera.
 * @slots: the producer's frame slots.
 * @nr_slots: number of @slots.
 * @pending: the frame waiting for a capture buffer, if any.
 * @capture_buffers: capture buffers queued by the consumer, oldest first.
 * @buffer_bytes: memory the capture buffers hold, at most
 *	%VCAM_MAX_BUFFER_BYTES.
 * @nr_queued: number of entries in @capture_buffers, read without @lock.
 * @acquired: the capture buffer lent to the producer, read without @lock.
 * @generation: changes whenever the consumer allocates capture buffers.
 * @commits: frames committed into lent buffers so far.
 * @consumer_writable: a consumer may have written the capture buffers: it
 *	mapped them writable or exported them. Set without @lock.
 * @done_slots: slots ready for %VCAM_IOC_DEQUEUE, oldest first.
 * @nr_done: number of entries in @done_slots, read without @lock.
 * @nr_held: slots the driver holds (pending, lent or done).
 * @sequence: sequence number of the next frame.
 * @status: &enum vcam_status bits, read without @lock.
 * @events: counts changes of @status and @interval.
 * @events_seen: value of @events when the producer last read them.
 * @frames_delivered: frames given to consumers.
 * @frames_dropped: frames replaced before a consumer got them.
 * @frames_committed: frames the producer rendered into a lent buffer.
 * @producer_wait: where the producer waits for frames and status changes.
 * @deliver_work: delivers the pending frame to a buffer the consumer just
 *	queued, outside its VIDIOC_QBUF.
 */
struct vcam_device {
	struct v4l2_device v4l2_dev;
	struct video_device vdev;
	struct vb2_queue queue;
	struct mutex lock; /* the node, its queue and the producer ioctls */
	int id;
	char name[VCAM_NAME_MAX];
	const struct vcam_format *format;
	struct v4l2_pix_format pix;
	struct v4l2_fract interval;
	struct v4l2_fract default_interval;
	bool interval_chosen;
	struct pid *producer;

	struct vcam_slot *slots;
	u32 nr_slots;
	struct vcam_slot *pending;
	struct list_head capture_buffers;
	u64 buffer_bytes;
	u32 nr_queued;
	struct vcam_buffer *acquired;
	u32 generation;
	u64 commits;
	bool consumer_writable;
	struct list_head done_slots;
	u32 nr_done;
	u32 nr_held;
	u32 sequence;

	u64 status;
	u32 events;
	u32 events_seen;
	u64 frames_delivered;
	u64 frames_dropped;
	u64 frames_committed;
	wait_queue_head_t producer_wait;
	struct work_struct deliver_work;
};

/* vcam-capture.c */
int vcam_capture_register(struct vcam_device *cam, struct device *parent);
void vcam_capture_unregister(struct vcam_device *cam);
bool vcam_interval_valid(const struct v4l2_fract *interval);

/* vcam-frames.c */
int vcam_frames_queue(struct vcam_device *cam,
		      const struct vcam_ioc_queue *request);
int vcam_frames_dequeue(struct vcam_device *cam,
			struct vcam_ioc_dequeue *result);
void vcam_frames_deliver(struct vcam_device *cam);
void vcam_frames_deliver_work(struct work_struct *work);
void vcam_frames_capture_queued(struct vcam_device *cam,
				struct vcam_buffer *buf);
void vcam_frames_capture_stopped(struct vcam_device *cam);
void vcam_frames_release_all(struct vcam_device *cam);
void vcam_frames_set_streaming(struct vcam_device *cam, bool streaming);
void vcam_notify_producer(struct vcam_device *cam);
bool vcam_frame_whole(struct vcam_device *cam, u32 bytesused);
void vcam_capture_push(struct vcam_device *cam, struct vcam_buffer *buf,
		       bool front);
struct vcam_buffer *vcam_capture_pop(struct vcam_device *cam,
				     struct vcam_buffer *buf);

/* vcam-lend.c */
bool vcam_lend_ready(struct vcam_device *cam, bool lendable);
int vcam_lend_acquire(struct vcam_device *cam, struct vcam_ioc_acquire *req,
		      struct dma_buf **dmabuf);
int vcam_lend_commit(struct vcam_device *cam,
		     const struct vcam_ioc_commit *req);
void vcam_lend_return(struct vcam_device *cam);

/* vcam-sysfs.c */
extern const struct attribute_group *vcam_sysfs_groups[];

#endif /* _VCAM_H */
