// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcam: sysfs attributes of a camera, readable by anyone without the
 * producer's file: /sys/class/video4linux/videoN/vcam/.
 */

#include <linux/device.h>
#include <linux/pid.h>
#include <linux/sysfs.h>

#include "vcam.h"

static struct vcam_device *vcam_from_dev(struct device *dev)
{
	return container_of(to_video_device(dev), struct vcam_device, vdev);
}

static ssize_t fourcc_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	u32 fourcc = vcam_from_dev(dev)->pix.pixelformat;

	return sysfs_emit(buf, "%c%c%c%c\n", fourcc & 0xff,
			  (fourcc >> 8) & 0xff, (fourcc >> 16) & 0xff,
			  (fourcc >> 24) & 0xff);
}
static DEVICE_ATTR_RO(fourcc);

static ssize_t width_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%u\n", vcam_from_dev(dev)->pix.width);
}
static DEVICE_ATTR_RO(width);

static ssize_t height_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%u\n", vcam_from_dev(dev)->pix.height);
}
static DEVICE_ATTR_RO(height);

static ssize_t sizeimage_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", vcam_from_dev(dev)->pix.sizeimage);
}
static DEVICE_ATTR_RO(sizeimage);

static ssize_t interval_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct vcam_device *cam = vcam_from_dev(dev);
	struct v4l2_fract interval;

	spin_lock(&cam->state_lock);
	interval = cam->interval;
	spin_unlock(&cam->state_lock);
	return sysfs_emit(buf, "%u/%u\n", interval.numerator,
			  interval.denominator);
}
static DEVICE_ATTR_RO(interval);

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	u64 status = READ_ONCE(vcam_from_dev(dev)->status);

	return sysfs_emit(buf, "%s\n", status & VCAM_STATUS_STREAMING ?
			  "streaming" : "idle");
}
static DEVICE_ATTR_RO(state);

/*
 * A counter of the camera at `offset`, read under the producer's state lock,
 * which nobody holds for long: no consumer can make this wait.
 */
static ssize_t vcam_show_counter(struct device *dev, char *buf, size_t offset)
{
	struct vcam_device *cam = vcam_from_dev(dev);
	u64 count;

	spin_lock(&cam->state_lock);
	count = *(u64 *)((char *)cam + offset);
	spin_unlock(&cam->state_lock);
	return sysfs_emit(buf, "%llu\n", count);
}

static ssize_t frames_delivered_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	return vcam_show_counter(dev, buf,
				 offsetof(struct vcam_device, frames_delivered));
}
static DEVICE_ATTR_RO(frames_delivered);

static ssize_t frames_dropped_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return vcam_show_counter(dev, buf,
				 offsetof(struct vcam_device, frames_dropped));
}
static DEVICE_ATTR_RO(frames_dropped);

static ssize_t frames_committed_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	return vcam_show_counter(dev, buf,
				 offsetof(struct vcam_device, frames_committed));
}
static DEVICE_ATTR_RO(frames_committed);

static ssize_t producer_pid_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", pid_nr(vcam_from_dev(dev)->producer));
}
static DEVICE_ATTR_RO(producer_pid);

static struct attribute *vcam_attrs[] = {
	&dev_attr_fourcc.attr,
	&dev_attr_width.attr,
	&dev_attr_height.attr,
	&dev_attr_sizeimage.attr,
	&dev_attr_interval.attr,
	&dev_attr_state.attr,
	&dev_attr_frames_delivered.attr,
	&dev_attr_frames_dropped.attr,
	&dev_attr_frames_committed.attr,
	&dev_attr_producer_pid.attr,
	NULL,
};

static const struct attribute_group vcam_attr_group = {
	.name = "vcam",
	.attrs = vcam_attrs,
};

const struct attribute_group *vcam_sysfs_groups[] = {
	&vcam_attr_group,
	NULL,
};
