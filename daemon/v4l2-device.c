// SPDX-License-Identifier: GPL-2.0-only
/* A real V4L2 capture device: v4l2-device.h. */
#include "v4l2-device.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* The name vcam's driver gives in VIDIOC_QUERYCAP. */
#define VCAM_DRIVER "vcam"

/* Raw formats vcamd converts from, after the camera's own. */
static const uint32_t convertible[] = {
	V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_YUV420, V4L2_PIX_FMT_NV12,
	V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_JPEG,
};

static int xioctl(int fd, unsigned long request, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, request, arg);
	} while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : 0;
}

static int open_node(struct v4l2_device *device, const char *path,
		     char *message, size_t size)
{
	device->fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (device->fd >= 0)
		return 0;
	if (errno == ENOENT || errno == ENODEV || errno == ENXIO)
		snprintf(message, size, "%s is missing: plug the camera in, "
			 "or name its node (v4l2-ctl --list-devices)", path);
	else if (errno == EBUSY)
		snprintf(message, size, "%s is busy: another program "
			 "uses it", path);
	else
		snprintf(message, size, "cannot open %s: %s%s", path,
			 strerror(errno), errno == EACCES ?
			 ": run vcamd as root or in the video group" : "");
	return errno == ENXIO ? -ENOENT : -errno;
}

static int check_capture(struct v4l2_device *device, const char *path,
			 char *message, size_t size)
{
	struct v4l2_capability cap = { 0 };
	uint32_t caps;

	if (xioctl(device->fd, VIDIOC_QUERYCAP, &cap)) {
		snprintf(message, size, "%s is not a V4L2 device: name a "
			 "camera's node (v4l2-ctl --list-devices)", path);
		return -ENODEV;
	}
	if (strncmp((const char *)cap.driver, VCAM_DRIVER,
		    sizeof(cap.driver)) == 0) {
		snprintf(message, size, "%s is a vcam camera: name it as "
			 "camera:NAME to share its source", path);
		return -ENODEV;
	}
	caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps :
	       cap.capabilities;
	if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
		snprintf(message, size, "%s is not a video capture device "
			 "that streams: name a camera's capture node "
			 "(v4l2-ctl --list-devices)", path);
		return -ENODEV;
	}
	return 0;
}

static bool offers(int fd, uint32_t fourcc)
{
	struct v4l2_fmtdesc desc = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

	for (desc.index = 0; !xioctl(fd, VIDIOC_ENUM_FMT, &desc);
	     desc.index++) {
		if (desc.pixelformat == fourcc)
			return true;
	}
	return false;
}

static bool is_jpeg(uint32_t fourcc)
{
	return fourcc == V4L2_PIX_FMT_MJPEG || fourcc == V4L2_PIX_FMT_JPEG;
}

/* What the device would give in fourcc at the layout's size. */
static int try_format(int fd, uint32_t fourcc,
		      const struct vcam_frame_layout *layout,
		      struct v4l2_format *format)
{
	*format = (struct v4l2_format){ .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	format->fmt.pix.pixelformat = fourcc;
	format->fmt.pix.width = layout->width;
	format->fmt.pix.height = layout->height;
	format->fmt.pix.field = V4L2_FIELD_NONE;
	if (xioctl(fd, VIDIOC_TRY_FMT, format))
		return -EINVAL;
	return format->fmt.pix.pixelformat == fourcc &&
	       (format->fmt.pix.field == V4L2_FIELD_NONE ||
		format->fmt.pix.field == V4L2_FIELD_ANY) ? 0 : -EINVAL;
}

/*
 * The first of the candidates the device offers at the layout's exact
 * size, else the first it offers at all.
 */
static int choose_format(int fd, const struct vcam_frame_layout *layout,
			 struct v4l2_format *chosen)
{
	uint32_t candidates[1 + sizeof(convertible) / sizeof(convertible[0])];
	size_t count = 0;
	bool found = false;

	candidates[count++] = layout->format->fourcc;
	for (size_t i = 0; !layout->format->compressed &&
	     i < sizeof(convertible) / sizeof(convertible[0]); i++)
		candidates[count++] = convertible[i];
	if (layout->format->compressed)
		candidates[count++] = V4L2_PIX_FMT_JPEG;
	for (size_t i = 0; i < count; i++) {
		struct v4l2_format format;

		if (!offers(fd, candidates[i]) ||
		    try_format(fd, candidates[i], layout, &format))
			continue;
		if (format.fmt.pix.width == layout->width &&
		    format.fmt.pix.height == layout->height) {
			*chosen = format;
			return 0;
		}
		if (!found)
			*chosen = format;
		found = true;
	}
	return found ? 0 : -ENOTSUP;
}

static int set_format(struct v4l2_device *device, const char *path,
		      const struct vcam_frame_layout *layout, char *message,
		      size_t size)
{
	struct v4l2_format format;
	uint32_t fourcc;
	int ret = choose_format(device->fd, layout, &format);

	if (ret) {
		snprintf(message, size, "%s has no mode vcamd can use for a "
			 "%s camera: it takes %s%s", path,
			 layout->format->name, layout->format->compressed ?
			 "MJPEG" : "YUYV, YU12, NV12, MJPEG or the camera's "
			 "own format", layout->format->compressed ?
			 "; choose a raw format for the camera" : "");
		return ret;
	}
	fourcc = format.fmt.pix.pixelformat;
	ret = xioctl(device->fd, VIDIOC_S_FMT, &format);
	if (ret == -EBUSY) {
		snprintf(message, size, "%s is busy: another program "
			 "streams it", path);
		return ret;
	}
	if (ret || format.fmt.pix.pixelformat != fourcc ||
	    (!is_jpeg(fourcc) && format.fmt.pix.sizeimage <
	     (uint64_t)format.fmt.pix.bytesperline * format.fmt.pix.height)) {
		snprintf(message, size, "%s refused the mode it offered: %s",
			 path, ret ? strerror(-ret) : "another came back");
		return ret ? ret : -ENOTSUP;
	}
	device->format = format.fmt.pix;
	return 0;
}

/* Asks for the camera's rate; the device may keep its own. */
static void set_rate(int fd, uint32_t numerator, uint32_t denominator)
{
	struct v4l2_streamparm parm = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

	if (xioctl(fd, VIDIOC_G_PARM, &parm) ||
	    !(parm.parm.capture.capability & V4L2_CAP_TIMEPERFRAME))
		return;
	parm.parm.capture.timeperframe.numerator = numerator;
	parm.parm.capture.timeperframe.denominator = denominator;
	xioctl(fd, VIDIOC_S_PARM, &parm);
}

static int map_buffer(struct v4l2_device *device, unsigned int index)
{
	struct v4l2_buffer buffer = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP, .index = index,
	};
	void *data;
	int ret = xioctl(device->fd, VIDIOC_QUERYBUF, &buffer);

	if (ret)
		return ret;
	data = mmap(NULL, buffer.length, PROT_READ, MAP_SHARED, device->fd,
		    buffer.m.offset);
	if (data == MAP_FAILED)
		return -errno;
	device->buffers[index] = (struct v4l2_device_buffer){
		data, buffer.length, -1
	};
	device->count = index + 1;
	return v4l2_device_requeue(device, index);
}

static int start_streaming(struct v4l2_device *device, const char *path,
			   char *message, size_t size)
{
	struct v4l2_requestbuffers request = {
		.count = V4L2_DEVICE_BUFFERS,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	int ret = xioctl(device->fd, VIDIOC_REQBUFS, &request);

	if (!ret && (request.count < 2 ||
		     request.count > V4L2_DEVICE_BUFFERS))
		ret = -ENOMEM;
	for (unsigned int i = 0; !ret && i < request.count; i++)
		ret = map_buffer(device, i);
	if (!ret)
		ret = xioctl(device->fd, VIDIOC_STREAMON, &type);
	if (ret == -EBUSY)
		snprintf(message, size, "%s is busy: another program "
			 "streams it", path);
	else if (ret)
		snprintf(message, size, "cannot stream %s: %s", path,
			 strerror(-ret));
	return ret;
}

int v4l2_device_open(struct v4l2_device *device, const char *path,
		     const struct vcam_frame_layout *layout,
		     uint32_t numerator, uint32_t denominator, char *message,
		     size_t size)
{
	static uint64_t opened;
	int ret;

	*device = (struct v4l2_device){ .fd = -1, .generation = ++opened };
	ret = open_node(device, path, message, size);
	if (ret)
		return ret;
	ret = check_capture(device, path, message, size);
	if (!ret)
		ret = set_format(device, path, layout, message, size);
	if (!ret) {
		set_rate(device->fd, numerator, denominator);
		ret = start_streaming(device, path, message, size);
	}
	if (ret)
		v4l2_device_close(device);
	return ret;
}

void v4l2_device_close(struct v4l2_device *device)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (device->fd < 0)
		return;
	xioctl(device->fd, VIDIOC_STREAMOFF, &type);
	for (unsigned int i = 0; i < device->count; i++) {
		munmap(device->buffers[i].data, device->buffers[i].length);
		if (device->buffers[i].dmabuf >= 0)
			close(device->buffers[i].dmabuf);
	}
	device->count = 0;
	close(device->fd);
	device->fd = -1;
}

int v4l2_device_dequeue(struct v4l2_device *device, unsigned int *index,
			uint32_t *bytes)
{
	for (;;) {
		struct v4l2_buffer buffer = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = V4L2_MEMORY_MMAP,
		};
		int ret = xioctl(device->fd, VIDIOC_DQBUF, &buffer);

		if (ret)
			return ret;
		if (buffer.index >= device->count)
			return -EIO;
		if (buffer.flags & V4L2_BUF_FLAG_ERROR) {
			ret = v4l2_device_requeue(device, buffer.index);
			if (ret)
				return ret;
			continue;
		}
		*index = buffer.index;
		*bytes = buffer.bytesused;
		return 0;
	}
}

int v4l2_device_requeue(struct v4l2_device *device, unsigned int index)
{
	struct v4l2_buffer buffer = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP, .index = index,
	};

	return xioctl(device->fd, VIDIOC_QBUF, &buffer);
}

int v4l2_device_export(struct v4l2_device *device, unsigned int index,
		       int *fd)
{
	struct v4l2_exportbuffer request = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .index = index,
		.flags = O_RDONLY | O_CLOEXEC,
	};
	int ret;

	if (index >= device->count)
		return -EINVAL;
	if (device->buffers[index].dmabuf < 0) {
		ret = xioctl(device->fd, VIDIOC_EXPBUF, &request);
		if (ret)
			return ret;
		device->buffers[index].dmabuf = request.fd;
	}
	*fd = device->buffers[index].dmabuf;
	return 0;
}
