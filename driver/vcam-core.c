// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: module entry points, the /dev/vcam control device and the
 * producer's ioctls.
 */

/**
 * DOC: Theory of operation
 *
 * Loading the module registers the misc device ``/dev/vcam``. Each open file
 * of it is one producer, which may create one camera with %VCAM_IOC_CREATE:
 * a capture node ``/dev/videoN`` that offers exactly the producer's format.
 * The camera lives until the producer closes its file; consumers that still
 * hold the capture node open then get ``ENODEV``, and the camera's memory is
 * freed when the last of them closes it (&v4l2_device.release).
 *
 * The producer owns a fixed set of frame slots. It queues a DMA-BUF into a
 * slot with %VCAM_IOC_QUEUE; the frame waits for a capture buffer, is
 * copied into it (or, when the capture buffer is that same DMA-BUF, handed
 * over without a copy), and the slot goes back to the producer through
 * %VCAM_IOC_DEQUEUE. At most one frame waits: a newer one replaces it.
 *
 * Alternatively the producer borrows a capture buffer the consumer queued
 * (%VCAM_IOC_ACQUIRE, vcam-lend.c), renders into it and hands it on with
 * %VCAM_IOC_COMMIT: no copy, for consumers with driver-allocated buffers.
 *
 * Consumers and the producer never wait for each other. A mutex per camera
 * serialises the capture node and its vb2 queue, and vb2 holds it while it
 * copies to a consumer's memory, for as long as that memory takes. The
 * producer's side has its own spinlock, which the vb2 callbacks take inside
 * the mutex for a few list operations: the producer's ioctls, poll(),
 * close() and the sysfs files take only the spinlock, and frames are
 * copied into capture buffers by a work item that holds no lock while it
 * copies (vcam-frames.c). Closing the producer unregisters the node at once
 * and leaves the queue to be released with the node, when the last consumer
 * closes it.
 *
 * A consumer starting or stopping to stream and a new frame interval are
 * told to udev too, as "change" uevents of the capture node that another
 * work item sends (vcam-uevent.c), since the spinlock cannot allocate.
 */

#include <linux/ctype.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pid.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stringify.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "vcam.h"

/**
 * struct vcam_producer - an open file of /dev/vcam
 * @create_lock: serialises %VCAM_IOC_CREATE on this file.
 * @cam: the camera created through this file; set once, then constant.
 * @wait: where the producer's calls and poll() wait, before and after the
 *	camera exists: &vcam_device.producer_wait points here.
 */
struct vcam_producer {
	struct mutex create_lock; /* serialises VCAM_IOC_CREATE */
	struct vcam_device *cam;
	wait_queue_head_t wait;
};

static DEFINE_IDA(vcam_ids);
static struct miscdevice vcam_ctl_misc;

static unsigned int vcam_max_cameras = VCAM_DEFAULT_MAX_CAMERAS;

static int vcam_max_cameras_set(const char *value,
				const struct kernel_param *kp)
{
	return param_set_uint_minmax(value, kp, 1, VCAM_MAX_CAMERAS);
}

static const struct kernel_param_ops vcam_max_cameras_ops = {
	.set = vcam_max_cameras_set,
	.get = param_get_uint,
};

module_param_cb(max_cameras, &vcam_max_cameras_ops, &vcam_max_cameras, 0444);
MODULE_PARM_DESC(max_cameras, "Cameras that may exist at once, 1 to "
		 __stringify(VCAM_MAX_CAMERAS) " (default "
		 __stringify(VCAM_DEFAULT_MAX_CAMERAS) ")");

static void vcam_device_release(struct v4l2_device *v4l2_dev)
{
	struct vcam_device *cam =
		container_of(v4l2_dev, struct vcam_device, v4l2_dev);

	/* A consumer's last call may have queued it; nothing can any more. */
	cancel_work_sync(&cam->deliver_work);
	put_pid(cam->producer);
	ida_free(&vcam_ids, cam->id);
	mutex_destroy(&cam->lock);
	kfree(cam->slots);
	kfree(cam);
}

/*
 * A camera's id counts towards max_cameras until its memory is freed, which
 * may be after its producer left, when its last consumer closes it.
 */
static struct vcam_device *vcam_device_alloc(const struct v4l2_pix_format *pix,
					     const char *name, u32 nr_slots,
					     wait_queue_head_t *producer_wait)
{
	struct vcam_device *cam;
	int ret = -ENOMEM;

	cam = kzalloc(sizeof(*cam), GFP_KERNEL);
	if (!cam)
		return ERR_PTR(-ENOMEM);
	cam->slots = kcalloc(nr_slots, sizeof(*cam->slots), GFP_KERNEL);
	if (!cam->slots)
		goto err_free_cam;
	/* -ENOSPC when max_cameras exist. */
	cam->id = ida_alloc_max(&vcam_ids, vcam_max_cameras - 1, GFP_KERNEL);
	if (cam->id < 0) {
		ret = cam->id;
		goto err_free_slots;
	}

	cam->nr_slots = nr_slots;
	cam->pix = *pix;
	cam->format = vcam_format_find(pix->pixelformat);
	strscpy(cam->name, name, sizeof(cam->name));
	cam->default_interval = (struct v4l2_fract){ 1, 30 };
	cam->interval = cam->default_interval;
	cam->status = VCAM_STATUS_IDLE;
	/* Its appearance is news to a producer that polled before CREATE. */
	cam->status_events = 1;
	cam->producer = get_pid(task_tgid(current));
	cam->producer_wait = producer_wait;
	mutex_init(&cam->lock);
	spin_lock_init(&cam->state_lock);
	INIT_LIST_HEAD(&cam->capture_buffers);
	INIT_LIST_HEAD(&cam->delivering);
	INIT_LIST_HEAD(&cam->done_slots);
	INIT_WORK(&cam->deliver_work, vcam_frames_deliver_work);
	INIT_WORK(&cam->uevent_work, vcam_uevent_work);
	snprintf(cam->v4l2_dev.name, sizeof(cam->v4l2_dev.name), "vcam-%d",
		 cam->id);
	return cam;

err_free_slots:
	kfree(cam->slots);
err_free_cam:
	kfree(cam);
	return ERR_PTR(ret);
}

static struct vcam_device *vcam_device_create(const struct v4l2_pix_format *pix,
					      const char *name, u32 nr_slots,
					      wait_queue_head_t *producer_wait)
{
	struct vcam_device *cam = vcam_device_alloc(pix, name, nr_slots,
						    producer_wait);
	int ret;

	if (IS_ERR(cam))
		return cam;

	ret = v4l2_device_register(NULL, &cam->v4l2_dev);
	if (ret) {
		vcam_device_release(&cam->v4l2_dev);
		return ERR_PTR(ret);
	}
	cam->v4l2_dev.release = vcam_device_release;

	ret = vcam_capture_register(cam, vcam_ctl_misc.this_device);
	if (ret) {
		v4l2_device_unregister(&cam->v4l2_dev);
		v4l2_device_put(&cam->v4l2_dev);
		return ERR_PTR(ret);
	}
	return cam;
}

/* Never waits for a consumer: see vcam_capture_unregister(). */
static void vcam_device_destroy(struct vcam_device *cam)
{
	vcam_capture_unregister(cam);
	/* A copy in progress ends; no other starts once the camera is dead. */
	flush_work(&cam->deliver_work);

	spin_lock(&cam->state_lock);
	vcam_frames_release_all(cam);
	spin_unlock(&cam->state_lock);

	v4l2_device_unregister(&cam->v4l2_dev);
	v4l2_device_put(&cam->v4l2_dev);
}

/* An ASCII letter or digit: the kernel's isalnum() takes Latin-1 too. */
static bool vcam_name_alnum(char c)
{
	return isascii(c) && isalnum(c);
}

/*
 * Return: 0, or the errno the RFC gives for a bad camera name. Names go to
 * sysfs, udev links and applications' menus: only ASCII letters, digits and
 * spaces, starting and ending with a letter or digit.
 */
static int vcam_copy_name(char *name, u64 user_name)
{
	long len, i;

	len = strncpy_from_user(name, u64_to_user_ptr(user_name),
				VCAM_NAME_MAX);
	if (len < 0)
		return -EFAULT;
	if (len >= VCAM_NAME_MAX)
		return -E2BIG;
	if (!len || !vcam_name_alnum(name[0]) ||
	    !vcam_name_alnum(name[len - 1]))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (!vcam_name_alnum(name[i]) && name[i] != ' ')
			return -EINVAL;
	}
	return 0;
}

static int vcam_create_validate(const struct vcam_ioc_create *req,
				char *name, struct v4l2_pix_format *pix)
{
	int ret;

	if (req->device_nr || req->reserved)
		return -EINVAL;
	if (req->nr_frames > VCAM_MAX_FRAMES)
		return -E2BIG;
	if (req->nr_frames < VCAM_MIN_FRAMES || !req->frames)
		return -EINVAL;

	ret = vcam_copy_name(name, req->device_name);
	if (ret)
		return ret;

	*pix = (struct v4l2_pix_format){
		.width = req->width,
		.height = req->height,
		.pixelformat = req->pixelformat,
		.colorspace = req->colorspace,
		.bytesperline = req->bytesperline,
	};
	return vcam_format_fill(pix);
}

static int vcam_report_frames(const struct vcam_ioc_create *req,
			      u32 sizeimage)
{
	struct vcam_frame __user *frames = u64_to_user_ptr(req->frames);
	u32 i;

	for (i = 0; i < req->nr_frames; i++) {
		struct vcam_frame frame = { .index = i, .length = sizeimage };

		if (copy_to_user(&frames[i], &frame, sizeof(frame)))
			return -EFAULT;
	}
	return 0;
}

static int vcam_ioc_create(struct vcam_producer *producer, void __user *argp)
{
	char name[VCAM_NAME_MAX];
	struct vcam_ioc_create req;
	struct v4l2_pix_format pix;
	struct vcam_device *cam;
	int ret;

	if (!argp)
		return -EINVAL;
	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;

	mutex_lock(&producer->create_lock);
	if (producer->cam) {
		ret = -EBUSY;
		goto out_unlock;
	}

	ret = vcam_create_validate(&req, name, &pix);
	if (ret)
		goto out_unlock;
	ret = vcam_report_frames(&req, pix.sizeimage);
	if (ret)
		goto out_unlock;

	cam = vcam_device_create(&pix, name, req.nr_frames, &producer->wait);
	if (IS_ERR(cam)) {
		ret = PTR_ERR(cam);
		goto out_unlock;
	}

	req.device_nr = cam->vdev.num;
	if (copy_to_user(argp, &req, sizeof(req))) {
		vcam_device_destroy(cam);
		ret = -EFAULT;
		goto out_unlock;
	}
	/* Publishes the fully created camera to lockless readers. */
	smp_store_release(&producer->cam, cam);
	/* poll() on the file waited for the camera to appear. */
	wake_up_interruptible(&producer->wait);

out_unlock:
	mutex_unlock(&producer->create_lock);
	return ret;
}

static int vcam_ioc_queue(struct vcam_device *cam, void __user *argp)
{
	struct vcam_ioc_queue req;
	struct dma_buf *dmabuf;
	u32 bytesused;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	bytesused = req.length ?: cam->pix.sizeimage;
	if (req.reserved || req.index >= cam->nr_slots ||
	    bytesused > cam->pix.sizeimage)
		return -EINVAL;

	dmabuf = dma_buf_get((int)req.fd);
	if (IS_ERR(dmabuf))
		return -EINVAL;
	/* A JPEG needs room for itself only, not for the largest one. */
	if (dmabuf->size < (vcam_format_compressed(cam->format) ?
			    bytesused : cam->pix.sizeimage)) {
		dma_buf_put(dmabuf);
		return -EINVAL;
	}

	spin_lock(&cam->state_lock);
	ret = vcam_frames_queue(cam, &req, dmabuf);
	spin_unlock(&cam->state_lock);
	if (ret)
		dma_buf_put(dmabuf);
	return ret;
}

static bool vcam_dequeue_ready(struct vcam_device *cam)
{
	return READ_ONCE(cam->nr_done) || !READ_ONCE(cam->nr_held);
}

static int vcam_ioc_dequeue(struct vcam_device *cam, void __user *argp,
			    bool nonblock)
{
	struct vcam_ioc_dequeue result = {};
	int ret;

	for (;;) {
		spin_lock(&cam->state_lock);
		ret = vcam_frames_dequeue(cam, &result);
		spin_unlock(&cam->state_lock);
		if (ret != -EAGAIN || nonblock)
			break;
		ret = wait_event_interruptible(*cam->producer_wait,
					       vcam_dequeue_ready(cam));
		if (ret)
			return ret;
	}
	if (ret)
		return ret;
	return copy_to_user(argp, &result, sizeof(result)) ? -EFAULT : 0;
}

/* Reads the status bits and marks the producer up to date with them. */
static u64 vcam_read_status(struct vcam_device *cam)
{
	u64 status;

	spin_lock(&cam->state_lock);
	status = cam->status;
	WRITE_ONCE(cam->status_seen, cam->status_events);
	/* Interval changes mean nothing to a producer written for the RFC. */
	if (!cam->interval_watched)
		WRITE_ONCE(cam->interval_seen, cam->interval_events);
	spin_unlock(&cam->state_lock);
	return status;
}

static int vcam_ioc_status(struct vcam_device *cam, void __user *argp)
{
	u64 status = vcam_read_status(cam);

	return copy_to_user(argp, &status, sizeof(status)) ? -EFAULT : 0;
}

static int vcam_ioc_wait(struct vcam_device *cam, void __user *argp,
			 bool nonblock)
{
	const u64 known = VCAM_STATUS_IDLE | VCAM_STATUS_STREAMING;
	struct vcam_ioc_wait req;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	/* Idle and streaming exclude each other: both never come. */
	if (!req.mask || req.mask & ~known || req.mask == known)
		return -EINVAL;

	if (nonblock && (READ_ONCE(cam->status) & req.mask) != req.mask)
		return -EAGAIN;
	ret = wait_event_interruptible(*cam->producer_wait,
				       (READ_ONCE(cam->status) & req.mask) ==
				       req.mask);
	if (ret)
		return ret;

	req.status = vcam_read_status(cam);
	return copy_to_user(argp, &req, sizeof(req)) ? -EFAULT : 0;
}

static int vcam_ioc_g_interval(struct vcam_device *cam, void __user *argp)
{
	struct vcam_ioc_interval result;

	spin_lock(&cam->state_lock);
	result.numerator = cam->interval.numerator;
	result.denominator = cam->interval.denominator;
	WRITE_ONCE(cam->interval_seen, cam->interval_events);
	cam->interval_watched = true;
	spin_unlock(&cam->state_lock);
	return copy_to_user(argp, &result, sizeof(result)) ? -EFAULT : 0;
}

static int vcam_ioc_s_interval(struct vcam_device *cam, void __user *argp)
{
	struct vcam_ioc_interval req;
	struct v4l2_fract interval;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	interval.numerator = req.numerator;
	interval.denominator = req.denominator;
	if (!vcam_interval_valid(&interval))
		return -EINVAL;

	spin_lock(&cam->state_lock);
	cam->interval_watched = true;
	cam->default_interval = interval;
	if (!(cam->status & VCAM_STATUS_STREAMING) && !cam->interval_chosen &&
	    (cam->interval.numerator != interval.numerator ||
	     cam->interval.denominator != interval.denominator)) {
		cam->interval = interval;
		vcam_uevent_note(cam, VCAM_UEVENT_INTERVAL);
	}
	spin_unlock(&cam->state_lock);
	return 0;
}

/* Gives back the buffer a call lent when the producer missed the result. */
static void vcam_acquire_undo(struct vcam_device *cam, u64 acquire_id)
{
	spin_lock(&cam->state_lock);
	vcam_lend_undo(cam, acquire_id);
	spin_unlock(&cam->state_lock);
}

static int vcam_ioc_acquire(struct vcam_device *cam, void __user *argp,
			    bool nonblock)
{
	struct vcam_ioc_acquire req;
	struct dma_buf *dmabuf = NULL;
	u64 acquire_id;
	int fd = -1;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;

	for (;;) {
		spin_lock(&cam->state_lock);
		ret = vcam_lend_acquire(cam, &req, &dmabuf, &acquire_id);
		spin_unlock(&cam->state_lock);
		if (ret != -EAGAIN || nonblock)
			break;
		ret = wait_event_interruptible(*cam->producer_wait,
					       vcam_lend_ready(cam, false));
		if (ret)
			return ret;
	}
	if (ret)
		return ret;

	if (dmabuf) {
		fd = get_unused_fd_flags(O_CLOEXEC);
		if (fd < 0) {
			ret = fd;
			goto undo;
		}
		req.fd = fd;
	}
	if (copy_to_user(argp, &req, sizeof(req))) {
		ret = -EFAULT;
		goto undo;
	}
	if (dmabuf)
		fd_install(fd, dmabuf->file);
	return 0;

undo:
	if (fd >= 0)
		put_unused_fd(fd);
	if (dmabuf)
		dma_buf_put(dmabuf);
	vcam_acquire_undo(cam, acquire_id);
	return ret;
}

static int vcam_ioc_commit(struct vcam_device *cam, void __user *argp)
{
	struct vcam_ioc_commit req;
	int ret;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;

	spin_lock(&cam->state_lock);
	ret = vcam_lend_commit(cam, &req);
	spin_unlock(&cam->state_lock);
	return ret;
}

static long vcam_ctl_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct vcam_producer *producer = file->private_data;
	void __user *argp = (void __user *)arg;
	struct vcam_device *cam;

	if (cmd == VCAM_IOC_CREATE)
		return vcam_ioc_create(producer, argp);

	/* Pairs with the release in vcam_ioc_create(). */
	cam = smp_load_acquire(&producer->cam);
	if (!cam)
		return -ENOTTY;

	switch (cmd) {
	case VCAM_IOC_QUEUE:
		return vcam_ioc_queue(cam, argp);
	case VCAM_IOC_DEQUEUE:
		return vcam_ioc_dequeue(cam, argp, file->f_flags & O_NONBLOCK);
	case VCAM_IOC_STATUS:
		return vcam_ioc_status(cam, argp);
	case VCAM_IOC_WAIT:
		return vcam_ioc_wait(cam, argp, file->f_flags & O_NONBLOCK);
	case VCAM_IOC_G_INTERVAL:
		return vcam_ioc_g_interval(cam, argp);
	case VCAM_IOC_S_INTERVAL:
		return vcam_ioc_s_interval(cam, argp);
	case VCAM_IOC_ACQUIRE:
		return vcam_ioc_acquire(cam, argp, file->f_flags & O_NONBLOCK);
	case VCAM_IOC_COMMIT:
		return vcam_ioc_commit(cam, argp);
	default:
		return -ENOTTY;
	}
}

static __poll_t vcam_ctl_poll(struct file *file, poll_table *wait)
{
	struct vcam_producer *producer = file->private_data;
	struct vcam_device *cam;
	__poll_t mask = 0;

	/* Before the camera exists: nothing to report, until it does. */
	poll_wait(file, &producer->wait, wait);
	/* Pairs with the release in vcam_ioc_create(). */
	cam = smp_load_acquire(&producer->cam);
	if (!cam)
		return 0;

	if (READ_ONCE(cam->nr_done))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(cam->status_events) != READ_ONCE(cam->status_seen) ||
	    READ_ONCE(cam->interval_events) != READ_ONCE(cam->interval_seen))
		mask |= EPOLLPRI;
	if (vcam_lend_ready(cam, true))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static int vcam_ctl_open(struct inode *inode, struct file *file)
{
	struct vcam_producer *producer;

	producer = kzalloc(sizeof(*producer), GFP_KERNEL);
	if (!producer)
		return -ENOMEM;
	mutex_init(&producer->create_lock);
	init_waitqueue_head(&producer->wait);
	file->private_data = producer;
	return nonseekable_open(inode, file);
}

static int vcam_ctl_release(struct inode *inode, struct file *file)
{
	struct vcam_producer *producer = file->private_data;

	if (producer->cam)
		vcam_device_destroy(producer->cam);
	mutex_destroy(&producer->create_lock);
	kfree(producer);
	return 0;
}

static const struct file_operations vcam_ctl_fops = {
	.owner = THIS_MODULE,
	.open = vcam_ctl_open,
	.release = vcam_ctl_release,
	.unlocked_ioctl = vcam_ctl_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.poll = vcam_ctl_poll,
};

static struct miscdevice vcam_ctl_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = VCAM_DRIVER_NAME,
	.fops = &vcam_ctl_fops,
};

module_misc_device(vcam_ctl_misc);

MODULE_DESCRIPTION("Virtual V4L2 camera fed by a userspace producer");
MODULE_LICENSE("GPL");
VCAM_IMPORT_DMA_BUF_NS();
