// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: the capture node (/dev/videoN), its V4L2 ioctls and its vb2 queue.
 */

#include <linux/dma-buf.h>
#include <linux/fcntl.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/time64.h>
#include <media/v4l2-ioctl.h>
#include <media/v4l2-fh.h>
#include <media/videobuf2-vmalloc.h>

#include "compat.h"
#include "vcam.h"

/* Frame intervals offered after the camera's default one. */
static const struct v4l2_fract vcam_common_intervals[] = {
	{ 1, 60 }, { 1, 50 }, { 1, 30 }, { 1, 25 }, { 1, 24 },
	{ 1, 20 }, { 1, 15 }, { 1, 10 }, { 1, 5 },
};

static struct vcam_device *vcam_from_file(struct file *file)
{
	return video_drvdata(file);
}

static bool vcam_interval_equal(const struct v4l2_fract *a,
				const struct v4l2_fract *b)
{
	return (u64)a->numerator * b->denominator ==
	       (u64)b->numerator * a->denominator;
}

bool vcam_interval_valid(const struct v4l2_fract *interval)
{
	u64 numerator = interval->numerator;
	u64 denominator = interval->denominator;

	return numerator && denominator >= numerator &&
	       denominator <= numerator * VCAM_MAX_FPS;
}

static struct v4l2_fract vcam_default_interval(struct vcam_device *cam)
{
	struct v4l2_fract interval;

	spin_lock(&cam->state_lock);
	interval = cam->default_interval;
	spin_unlock(&cam->state_lock);
	return interval;
}

/* The index-th interval the camera offers: its default, then the others. */
static bool vcam_interval_at(struct vcam_device *cam, u32 index,
			     struct v4l2_fract *interval)
{
	struct v4l2_fract default_interval = vcam_default_interval(cam);
	unsigned int i;

	if (index == 0) {
		*interval = default_interval;
		return true;
	}
	for (i = 0; i < ARRAY_SIZE(vcam_common_intervals); i++) {
		const struct v4l2_fract *common = &vcam_common_intervals[i];

		if (vcam_interval_equal(common, &default_interval))
			continue;
		if (--index == 0) {
			*interval = *common;
			return true;
		}
	}
	return false;
}

static u64 vcam_interval_ns(const struct v4l2_fract *interval)
{
	return div_u64((u64)interval->numerator * NSEC_PER_SEC,
		       interval->denominator);
}

static struct v4l2_fract vcam_nearest_interval(struct vcam_device *cam,
					       const struct v4l2_fract *wanted)
{
	struct v4l2_fract best = vcam_default_interval(cam), candidate;
	u64 best_distance = U64_MAX;
	u64 wanted_ns;
	u32 index;

	if (!wanted->numerator || !wanted->denominator)
		return best;

	wanted_ns = vcam_interval_ns(wanted);
	for (index = 0; vcam_interval_at(cam, index, &candidate); index++) {
		u64 candidate_ns = vcam_interval_ns(&candidate);
		u64 distance = candidate_ns > wanted_ns ?
			       candidate_ns - wanted_ns :
			       wanted_ns - candidate_ns;

		if (distance < best_distance) {
			best_distance = distance;
			best = candidate;
		}
	}
	return best;
}

static int vidioc_querycap(struct file *file, void *priv,
			   struct v4l2_capability *cap)
{
	struct vcam_device *cam = vcam_from_file(file);

	strscpy(cap->driver, VCAM_DRIVER_NAME, sizeof(cap->driver));
	strscpy(cap->card, cam->name, sizeof(cap->card));
	snprintf(cap->bus_info, sizeof(cap->bus_info), "platform:vcam-%d",
		 cam->id);
	return 0;
}

static int vidioc_enum_fmt_vid_cap(struct file *file, void *priv,
				   struct v4l2_fmtdesc *f)
{
	struct vcam_device *cam = vcam_from_file(file);

	if (f->index)
		return -EINVAL;
	f->pixelformat = cam->pix.pixelformat;
	return 0;
}

static int vidioc_fmt_vid_cap(struct file *file, void *priv,
			      struct v4l2_format *f)
{
	struct vcam_device *cam = vcam_from_file(file);

	f->fmt.pix = cam->pix;
	return 0;
}

static int vidioc_enum_framesizes(struct file *file, void *priv,
				  struct v4l2_frmsizeenum *fsize)
{
	struct vcam_device *cam = vcam_from_file(file);

	if (fsize->index || fsize->pixel_format != cam->pix.pixelformat)
		return -EINVAL;
	fsize->type = V4L2_FRMSIZE_TYPE_DISCRETE;
	fsize->discrete.width = cam->pix.width;
	fsize->discrete.height = cam->pix.height;
	return 0;
}

static int vidioc_enum_frameintervals(struct file *file, void *priv,
				      struct v4l2_frmivalenum *fival)
{
	struct vcam_device *cam = vcam_from_file(file);

	if (fival->pixel_format != cam->pix.pixelformat ||
	    fival->width != cam->pix.width ||
	    fival->height != cam->pix.height ||
	    !vcam_interval_at(cam, fival->index, &fival->discrete))
		return -EINVAL;
	fival->type = V4L2_FRMIVAL_TYPE_DISCRETE;
	return 0;
}

static void vcam_fill_captureparm(struct vcam_device *cam,
				  struct v4l2_streamparm *parm)
{
	struct v4l2_captureparm *capture = &parm->parm.capture;

	memset(capture, 0, sizeof(*capture));
	capture->capability = V4L2_CAP_TIMEPERFRAME;
	spin_lock(&cam->state_lock);
	capture->timeperframe = cam->interval;
	spin_unlock(&cam->state_lock);
	capture->readbuffers = VCAM_READ_BUFFERS;
}

static int vidioc_g_parm(struct file *file, void *priv,
			 struct v4l2_streamparm *parm)
{
	struct vcam_device *cam = vcam_from_file(file);

	if (parm->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
		return -EINVAL;
	vcam_fill_captureparm(cam, parm);
	return 0;
}

static int vidioc_s_parm(struct file *file, void *priv,
			 struct v4l2_streamparm *parm)
{
	struct vcam_device *cam = vcam_from_file(file);
	struct v4l2_fract interval;

	if (parm->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
		return -EINVAL;

	interval = vcam_nearest_interval(cam,
					 &parm->parm.capture.timeperframe);
	spin_lock(&cam->state_lock);
	cam->interval_chosen = true;
	if (interval.numerator != cam->interval.numerator ||
	    interval.denominator != cam->interval.denominator) {
		cam->interval = interval;
		vcam_notify_interval(cam);
	}
	spin_unlock(&cam->state_lock);
	vcam_fill_captureparm(cam, parm);
	return 0;
}

static int vidioc_enum_input(struct file *file, void *priv,
			     struct v4l2_input *input)
{
	if (input->index)
		return -EINVAL;
	input->type = V4L2_INPUT_TYPE_CAMERA;
	strscpy(input->name, "Camera", sizeof(input->name));
	return 0;
}

static int vidioc_g_input(struct file *file, void *priv, unsigned int *index)
{
	*index = 0;
	return 0;
}

static int vidioc_s_input(struct file *file, void *priv, unsigned int index)
{
	return index ? -EINVAL : 0;
}

static int vidioc_expbuf(struct file *file, void *priv,
			 struct v4l2_exportbuffer *eb)
{
	int ret = vb2_ioctl_expbuf(file, priv, eb);

	if (!ret)
		WRITE_ONCE(vcam_from_file(file)->consumer_writable, true);
	return ret;
}

static const struct v4l2_ioctl_ops vcam_capture_ioctl_ops = {
	.vidioc_querycap = vidioc_querycap,
	.vidioc_enum_fmt_vid_cap = vidioc_enum_fmt_vid_cap,
	.vidioc_g_fmt_vid_cap = vidioc_fmt_vid_cap,
	.vidioc_s_fmt_vid_cap = vidioc_fmt_vid_cap,
	.vidioc_try_fmt_vid_cap = vidioc_fmt_vid_cap,
	.vidioc_enum_framesizes = vidioc_enum_framesizes,
	.vidioc_enum_frameintervals = vidioc_enum_frameintervals,
	.vidioc_g_parm = vidioc_g_parm,
	.vidioc_s_parm = vidioc_s_parm,
	.vidioc_enum_input = vidioc_enum_input,
	.vidioc_g_input = vidioc_g_input,
	.vidioc_s_input = vidioc_s_input,
	.vidioc_reqbufs = vb2_ioctl_reqbufs,
	.vidioc_create_bufs = vb2_ioctl_create_bufs,
	.vidioc_prepare_buf = vb2_ioctl_prepare_buf,
	.vidioc_querybuf = vb2_ioctl_querybuf,
	.vidioc_qbuf = vb2_ioctl_qbuf,
	.vidioc_dqbuf = vb2_ioctl_dqbuf,
	.vidioc_expbuf = vidioc_expbuf,
	.vidioc_streamon = vb2_ioctl_streamon,
	.vidioc_streamoff = vb2_ioctl_streamoff,
};

/*
 * The frame interval a consumer asked for lasts until the last file of the
 * node closes; the next consumer starts from the producer's default.
 */
static int vcam_capture_release(struct file *file)
{
	struct vcam_device *cam = vcam_from_file(file);
	struct v4l2_fract *interval = &cam->interval;
	bool last = v4l2_fh_is_singular_file(file);

	spin_lock(&cam->state_lock);
	if (last) {
		cam->interval_chosen = false;
		if (interval->numerator != cam->default_interval.numerator ||
		    interval->denominator !=
		    cam->default_interval.denominator) {
			*interval = cam->default_interval;
			vcam_notify_interval(cam);
		}
	}
	spin_unlock(&cam->state_lock);
	return vb2_fop_release(file);
}

/*
 * The producer may redraw only part of a lent buffer while no consumer can
 * have written it (see vcam-lend.c): a read-only mapping stays read-only.
 * Runs under the mmap lock, so it cannot take the camera's lock. The mark
 * follows the mapping: REQBUFS clears it in queue_setup, before vb2 has
 * buffers to map, so that it cannot clear the mark of a new buffer's
 * mapping; no page of the mapping can be written before this returns.
 */
static int vcam_capture_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vcam_device *cam = vcam_from_file(file);
	bool writable = vma->vm_flags & VM_WRITE;
	int ret;

	if (!writable)
		vm_flags_clear(vma, VM_MAYWRITE);
	ret = vb2_fop_mmap(file, vma);
	if (!ret && writable)
		WRITE_ONCE(cam->consumer_writable, true);
	return ret;
}

/*
 * A non-blocking read() returns only what was captured before it: the call
 * that starts read() I/O answers EAGAIN even if a frame waits, as it would
 * on a real camera, and the waiting frame follows right after. Whether a
 * frame arrived around the previous reader's close then makes no
 * difference to it. Otherwise as vb2_fop_read().
 */
static ssize_t vcam_capture_read(struct file *file, char __user *data,
				 size_t count, loff_t *ppos)
{
	struct vcam_device *cam = vcam_from_file(file);
	struct vb2_queue *q = &cam->queue;
	bool nonblock = file->f_flags & O_NONBLOCK;
	bool hold;
	ssize_t ret = -EBUSY;

	if (mutex_lock_interruptible(&cam->lock))
		return -ERESTARTSYS;
	if (vb2_queue_is_busy(q, file))
		goto out_unlock;

	hold = nonblock && !vb2_fileio_is_active(q);
	if (hold) {
		spin_lock(&cam->state_lock);
		cam->hold_delivery = true;
		spin_unlock(&cam->state_lock);
	}
	ret = vb2_read(q, data, count, ppos, nonblock);
	if (vb2_fileio_is_active(q))
		q->owner = file->private_data;
	if (hold) {
		spin_lock(&cam->state_lock);
		cam->hold_delivery = false;
		if (vcam_frames_pair(cam))
			schedule_work(&cam->deliver_work);
		spin_unlock(&cam->state_lock);
	}

out_unlock:
	mutex_unlock(&cam->lock);
	return ret;
}

static const struct v4l2_file_operations vcam_capture_fops = {
	.owner = THIS_MODULE,
	.open = v4l2_fh_open,
	.release = vcam_capture_release,
	.read = vcam_capture_read,
	.poll = vb2_fop_poll,
	.mmap = vcam_capture_mmap,
	.unlocked_ioctl = video_ioctl2,
};

/*
 * Gives fewer buffers than asked rather than more than VCAM_MAX_BUFFER_BYTES
 * of them, and none (-ENOBUFS) when not one more fits.
 */
static int vcam_limit_buffers(struct vcam_device *cam,
			      unsigned int *nr_buffers, unsigned int size)
{
	u64 fitting = div_u64(VCAM_MAX_BUFFER_BYTES - cam->buffer_bytes, size);

	if (!fitting)
		return -ENOBUFS;
	*nr_buffers = min_t(u64, *nr_buffers, fitting);
	return 0;
}

static int vcam_queue_setup(struct vb2_queue *q, unsigned int *nr_buffers,
			    unsigned int *nr_planes, unsigned int sizes[],
			    struct device *alloc_devs[])
{
	struct vcam_device *cam = vb2_get_drv_priv(q);

	if (READ_ONCE(cam->dead))
		return -ENODEV;
	if (*nr_planes) {
		if (sizes[0] < cam->pix.sizeimage)
			return -EINVAL;
		return vcam_limit_buffers(cam, nr_buffers, sizes[0]);
	}
	/* VIDIOC_REQBUFS freed the buffers consumers may have written. */
	WRITE_ONCE(cam->consumer_writable, false);
	if (vb2_fileio_is_active(q))
		*nr_buffers = max(*nr_buffers, VCAM_READ_BUFFERS);
	*nr_planes = 1;
	sizes[0] = cam->pix.sizeimage;
	return vcam_limit_buffers(cam, nr_buffers, sizes[0]);
}

/*
 * Counts the memory a buffer holds, be it the driver's or the consumer's,
 * and exports the driver's own buffers once, here, to be lent later.
 */
static int vcam_buf_init(struct vb2_buffer *vb)
{
	struct vcam_device *cam = vb2_get_drv_priv(vb->vb2_queue);
	struct vcam_buffer *buf = container_of(to_vb2_v4l2_buffer(vb),
					       struct vcam_buffer, vb);
	unsigned long size = vb2_plane_size(vb, 0);

	if (size > VCAM_MAX_BUFFER_BYTES - cam->buffer_bytes)
		return -ENOBUFS;
	cam->buffer_bytes += size;
	if (vb->memory != VB2_MEMORY_MMAP)
		return 0;
	buf->export = vb->vb2_queue->mem_ops->get_dmabuf(vb,
							 vb->planes[0].mem_priv,
							 O_RDWR);
	return 0;
}

static void vcam_buf_cleanup(struct vb2_buffer *vb)
{
	struct vcam_device *cam = vb2_get_drv_priv(vb->vb2_queue);
	struct vcam_buffer *buf = container_of(to_vb2_v4l2_buffer(vb),
					       struct vcam_buffer, vb);

	if (buf->export) {
		dma_buf_put(buf->export);
		buf->export = NULL;
	}
	cam->buffer_bytes -= vb2_plane_size(vb, 0);
	/* DMA-BUFs the producer holds from before are not of new buffers. */
	spin_lock(&cam->state_lock);
	cam->generation++;
	spin_unlock(&cam->state_lock);
}

static int vcam_buf_prepare(struct vb2_buffer *vb)
{
	struct vcam_device *cam = vb2_get_drv_priv(vb->vb2_queue);

	if (vb2_plane_size(vb, 0) < cam->pix.sizeimage)
		return -EINVAL;
	return 0;
}

static void vcam_buf_queue(struct vb2_buffer *vb)
{
	struct vcam_device *cam = vb2_get_drv_priv(vb->vb2_queue);
	struct vb2_v4l2_buffer *vbuf = to_vb2_v4l2_buffer(vb);

	spin_lock(&cam->state_lock);
	vcam_frames_capture_queued(cam,
				   container_of(vbuf, struct vcam_buffer, vb));
	spin_unlock(&cam->state_lock);
}

static int vcam_start_streaming(struct vb2_queue *q, unsigned int count)
{
	struct vcam_device *cam = vb2_get_drv_priv(q);
	struct vcam_buffer *buf;

	spin_lock(&cam->state_lock);
	if (cam->dead) {
		while ((buf = vcam_capture_pop(cam, NULL)))
			vb2_buffer_done(&buf->vb.vb2_buf,
					VB2_BUF_STATE_QUEUED);
		spin_unlock(&cam->state_lock);
		return -ENODEV;
	}
	vcam_frames_set_streaming(cam, true);
	if (vcam_frames_pair(cam))
		schedule_work(&cam->deliver_work);
	spin_unlock(&cam->state_lock);
	return 0;
}

static void vcam_stop_streaming(struct vb2_queue *q)
{
	vcam_frames_capture_stopped(vb2_get_drv_priv(q));
}

static const struct vb2_ops vcam_vb2_ops = {
	.queue_setup = vcam_queue_setup,
	.buf_init = vcam_buf_init,
	.buf_cleanup = vcam_buf_cleanup,
	.buf_prepare = vcam_buf_prepare,
	.buf_queue = vcam_buf_queue,
	.start_streaming = vcam_start_streaming,
	.stop_streaming = vcam_stop_streaming,
	.wait_prepare = vb2_ops_wait_prepare,
	.wait_finish = vb2_ops_wait_finish,
};

static int vcam_queue_init(struct vcam_device *cam, struct device *parent)
{
	struct vb2_queue *q = &cam->queue;

	q->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	q->io_modes = VB2_MMAP | VB2_USERPTR | VB2_DMABUF | VB2_READ;
	q->drv_priv = cam;
	q->buf_struct_size = sizeof(struct vcam_buffer);
	q->ops = &vcam_vb2_ops;
	q->mem_ops = &vb2_vmalloc_memops;
	q->timestamp_flags = V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
	q->lock = &cam->lock;
	q->dev = parent;
	return vb2_queue_init(q);
}

/*
 * The last file of the node is closed and the producer is gone: nobody can
 * hold the queue lock any more, so the queue goes now rather than when the
 * producer closed, which must not wait for a consumer.
 */
static void vcam_vdev_release(struct video_device *vdev)
{
	struct vcam_device *cam = container_of(vdev, struct vcam_device, vdev);

	mutex_lock(&cam->lock);
	vb2_queue_release(&cam->queue);
	mutex_unlock(&cam->lock);
}

/**
 * vcam_capture_register() - create the camera's capture node
 * @cam: the camera, with its format and name set
 * @parent: the device the capture node appears under in sysfs
 *
 * Return: 0 or a negative error code.
 */
int vcam_capture_register(struct vcam_device *cam, struct device *parent)
{
	struct video_device *vdev = &cam->vdev;
	int ret;

	ret = vcam_queue_init(cam, parent);
	if (ret)
		return ret;

	strscpy(vdev->name, cam->name, sizeof(vdev->name));
	vdev->fops = &vcam_capture_fops;
	vdev->ioctl_ops = &vcam_capture_ioctl_ops;
	vdev->release = vcam_vdev_release;
	vdev->v4l2_dev = &cam->v4l2_dev;
	vdev->dev_parent = parent;
	vdev->dev.groups = vcam_sysfs_groups;
	vdev->queue = &cam->queue;
	vdev->lock = &cam->lock;
	vdev->vfl_dir = VFL_DIR_RX;
	vdev->device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING |
			    V4L2_CAP_READWRITE;
	video_set_drvdata(vdev, cam);

	ret = video_register_device(vdev, VFL_TYPE_VIDEO, -1);
	if (ret)
		vb2_queue_release(&cam->queue);
	return ret;
}

/**
 * vcam_capture_unregister() - remove the capture node, at once
 * @cam: the camera
 *
 * Nothing here waits for a consumer. From now on nothing is delivered and
 * the queue accepts no buffers; a consumer waiting in VIDIOC_DQBUF or
 * poll() wakes with EIO or EPOLLERR, as from an unplugged camera, and every
 * later call but close() fails with ENODEV. vb2 keeps streaming until the
 * consumer stops or closes, and the queue is released with the node.
 */
void vcam_capture_unregister(struct vcam_device *cam)
{
	spin_lock(&cam->state_lock);
	WRITE_ONCE(cam->dead, true);
	spin_unlock(&cam->state_lock);
	/* The last state change goes out before the node's removal. */
	vcam_uevent_flush(cam);
	vb2_queue_error(&cam->queue);
	video_unregister_device(&cam->vdev);
}
