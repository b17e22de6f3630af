// SPDX-License-Identifier: GPL-2.0-only
/*
 * Typed calls over the /dev/vcam uAPI.
 */

#include "vcam/producer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/vcam.h>

#include "producer-internal.h"

int vcam_producer_ioctl(int fd, unsigned long request, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, request, arg);
	} while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : 0;
}

int vcam_producer_create(struct vcam_producer *producer,
			 const char *control_device, const char *name,
			 const struct vcam_frame_layout *layout,
			 uint32_t nr_frames, enum vcam_producer_step *step)
{
	struct vcam_frame *frames = calloc(nr_frames ? nr_frames : 1,
					   sizeof(*frames));
	struct vcam_ioc_create request = {
		.device_name = (uintptr_t)name,
		.width = layout->width,
		.height = layout->height,
		.pixelformat = layout->format->fourcc,
		.nr_frames = nr_frames,
		.frames = (uintptr_t)frames,
	};
	int ret;

	producer->lent = (struct vcam_lent_buffers){ 0 };
	if (!frames)
		return -ENOMEM;
	*step = VCAM_PRODUCER_OPEN;
	producer->fd = open(control_device ? control_device :
			    VCAM_CONTROL_DEVICE,
			    O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (producer->fd < 0) {
		ret = -errno;
		goto out;
	}
	*step = VCAM_PRODUCER_CREATE;
	ret = vcam_producer_ioctl(producer->fd, VCAM_IOC_CREATE, &request);
	if (ret) {
		close(producer->fd);
		producer->fd = -1;
		goto out;
	}
	producer->node = request.device_nr;
	producer->nr_frames = nr_frames;
	producer->layout = *layout;
out:
	free(frames);
	return ret;
}

void vcam_producer_close(struct vcam_producer *producer)
{
	vcam_lent_buffers_clear(&producer->lent);
	if (producer->fd >= 0)
		close(producer->fd);
	producer->fd = -1;
}

int vcam_producer_queue(const struct vcam_producer *producer, uint32_t index,
			int dmabuf_fd, uint32_t length, uint64_t timestamp_ns)
{
	struct vcam_ioc_queue request = {
		.fd = (uint32_t)dmabuf_fd,
		.index = index,
		.length = length,
		.timestamp = timestamp_ns,
	};

	return vcam_producer_ioctl(producer->fd, VCAM_IOC_QUEUE, &request);
}

int vcam_producer_dequeue(const struct vcam_producer *producer,
			  uint32_t *index)
{
	struct vcam_ioc_dequeue result;
	int ret = vcam_producer_ioctl(producer->fd, VCAM_IOC_DEQUEUE, &result);

	if (!ret)
		*index = result.index;
	return ret;
}

int vcam_producer_streaming(const struct vcam_producer *producer,
			    bool *streaming)
{
	__u64 status;
	int ret = vcam_producer_ioctl(producer->fd, VCAM_IOC_STATUS, &status);

	if (!ret)
		*streaming = status & VCAM_STATUS_STREAMING;
	return ret;
}

int vcam_producer_interval(const struct vcam_producer *producer,
			   uint32_t *numerator, uint32_t *denominator)
{
	struct vcam_ioc_interval interval;
	int ret = vcam_producer_ioctl(producer->fd, VCAM_IOC_G_INTERVAL, &interval);

	if (!ret) {
		*numerator = interval.numerator;
		*denominator = interval.denominator;
	}
	return ret;
}

int vcam_producer_set_interval(const struct vcam_producer *producer,
			       uint32_t numerator, uint32_t denominator)
{
	struct vcam_ioc_interval interval = { numerator, denominator };

	return vcam_producer_ioctl(producer->fd, VCAM_IOC_S_INTERVAL, &interval);
}

static const char *open_error_reason(int error)
{
	switch (error) {
	case -ENOENT:
	case -ENODEV:
	case -ENXIO:
		return "the vcam driver is not loaded: load it with "
		       "`modprobe vcam'";
	case -EACCES:
	case -EPERM:
		return "permission denied: run as root, or ask the "
		       "administrator for access to /dev/vcam";
	default:
		return NULL;
	}
}

static const char *create_error_reason(int error)
{
	switch (error) {
	case -EINVAL:
		return "the driver rejected the camera's name, size, format or "
		       "frame count";
	case -E2BIG:
		return "the name is longer than this kernel's video devices "
		       "take (31 bytes on Linux 6.1, 63 on 6.12): shorten it";
	case -ENOSPC:
		return "as many cameras exist as the vcam module allows (see "
		       "/sys/module/vcam/parameters/max_cameras): remove one, "
		       "or load vcam with a larger max_cameras";
	case -ENOMEM:
		return "the kernel is out of memory";
	default:
		return NULL;
	}
}

static const char *acquire_error_reason(int error)
{
	switch (error) {
	case -ENOTTY:
		return "the vcam driver is older than buffer lending: update "
		       "it, or let frames be queued";
	case -EOPNOTSUPP:
		return "the consumer streams with buffers of its own "
		       "(USERPTR or DMABUF), which only queued frames can fill";
	case -EBUSY:
		return "a buffer is still acquired: commit or discard it first";
	case -ERANGE:
		return "the consumer has more than 64 capture buffers: ask it "
		       "for fewer";
	case -EMSGSIZE:
		return "the consumer's buffer is smaller than a frame";
	case -EMFILE:
	case -ENFILE:
		return "too many open files: raise the process's limit "
		       "(ulimit -n, or LimitNOFILE= in its unit)";
	case -ENOMEM:
		return "the kernel is out of memory";
	default:
		return NULL;
	}
}

static const char *commit_error_reason(int error)
{
	switch (error) {
	case -ENOENT:
		return "the consumer stopped streaming and took its buffer "
		       "back";
	case -EINVAL:
		return "the buffer is not the one acquired, or the frame is "
		       "longer than the camera's frame size";
	default:
		return NULL;
	}
}

static const char *step_error_reason(enum vcam_producer_step step, int error)
{
	switch (step) {
	case VCAM_PRODUCER_OPEN:
		return open_error_reason(error);
	case VCAM_PRODUCER_CREATE:
		return create_error_reason(error);
	case VCAM_PRODUCER_ACQUIRE:
		return acquire_error_reason(error);
	case VCAM_PRODUCER_COMMIT:
		return commit_error_reason(error);
	default:
		return NULL;
	}
}

const char *vcam_producer_error_message(enum vcam_producer_step step,
					int error, char *message,
					size_t size)
{
	static const char *const actions[] = {
		[VCAM_PRODUCER_OPEN] = "cannot open " VCAM_CONTROL_DEVICE,
		[VCAM_PRODUCER_CREATE] = "cannot create the camera",
		[VCAM_PRODUCER_QUEUE] = "cannot queue a frame",
		[VCAM_PRODUCER_DEQUEUE] = "cannot take back a frame",
		[VCAM_PRODUCER_STATUS] = "cannot read the camera's status",
		[VCAM_PRODUCER_INTERVAL] = "cannot use the frame interval",
		[VCAM_PRODUCER_ACQUIRE] = "cannot borrow the consumer's "
					  "capture buffer",
		[VCAM_PRODUCER_COMMIT] = "cannot deliver the frame written into "
					 "the consumer's capture buffer",
	};
	const char *reason = step_error_reason(step, error);

	snprintf(message, size, "%s: %s", actions[step],
		 reason ? reason : strerror(-error));
	return message;
}
