// SPDX-License-Identifier: GPL-2.0-only
/* The V4L2 capture consumer; see consumer.h. */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/videodev2.h>

#include "consumer.h"

static int xioctl(int fd, unsigned long request, void *arg)
{
	int ret;

	do
		ret = ioctl(fd, request, arg);
	while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : 0;
}

static enum v4l2_memory v4l2_memory_of(enum bench_memory memory)
{
	return memory == BENCH_MEMORY_DMABUF ? V4L2_MEMORY_DMABUF :
					       V4L2_MEMORY_MMAP;
}

static int fail(char *error, size_t error_size, int ret, const char *what,
		const char *node)
{
	snprintf(error, error_size, "consumer: %s on %s failed: %s", what,
		 node, strerror(-ret));
	return ret;
}

static int request_buffers(struct bench_consumer *consumer, uint32_t count)
{
	struct v4l2_requestbuffers request = {
		.count = count,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = v4l2_memory_of(consumer->memory),
	};
	int ret = xioctl(consumer->fd, VIDIOC_REQBUFS, &request);

	if (ret)
		return ret;
	if (request.count < 2 || request.count > BENCH_MAX_BUFFERS)
		return -ENOBUFS;
	consumer->count = request.count;
	return 0;
}

static int map_driver_buffer(struct bench_consumer *consumer, uint32_t index)
{
	struct bench_consumer_buffer *buffer = &consumer->buffers[index];
	struct v4l2_buffer query = {
		.index = index,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	void *data;
	int ret = xioctl(consumer->fd, VIDIOC_QUERYBUF, &query);

	if (ret)
		return ret;
	data = mmap(NULL, query.length, PROT_READ, MAP_SHARED, consumer->fd,
		    query.m.offset);
	if (data == MAP_FAILED)
		return -errno;
	buffer->data = data;
	buffer->length = query.length;
	return 0;
}

static int map_imported_buffer(struct bench_consumer *consumer,
			       uint32_t index, int dmabuf_fd)
{
	struct bench_consumer_buffer *buffer = &consumer->buffers[index];
	void *data = mmap(NULL, consumer->sizeimage, PROT_READ, MAP_SHARED,
			  dmabuf_fd, 0);

	if (data == MAP_FAILED)
		return -errno;
	buffer->data = data;
	buffer->length = consumer->sizeimage;
	buffer->dmabuf_fd = dmabuf_fd;
	return 0;
}

static int read_format(struct bench_consumer *consumer)
{
	struct v4l2_format format = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	int ret = xioctl(consumer->fd, VIDIOC_G_FMT, &format);

	if (!ret)
		consumer->sizeimage = format.fmt.pix.sizeimage;
	return ret;
}

static int map_buffers(struct bench_consumer *consumer,
		       const struct bench_consumer_request *request)
{
	int ret = 0;

	for (uint32_t i = 0; i < consumer->count && !ret; i++) {
		if (consumer->memory == BENCH_MEMORY_DMABUF)
			ret = map_imported_buffer(consumer, i,
						  request->dmabuf_fds[i]);
		else
			ret = map_driver_buffer(consumer, i);
	}
	return ret;
}

static int queue_all_and_stream(struct bench_consumer *consumer)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	int ret = 0;

	for (uint32_t i = 0; i < consumer->count && !ret; i++)
		ret = bench_consumer_queue(consumer, i);
	return ret ? ret : xioctl(consumer->fd, VIDIOC_STREAMON, &type);
}

int bench_consumer_start(struct bench_consumer *consumer,
			 const struct bench_consumer_request *request,
			 char *error, size_t error_size)
{
	int ret;

	*consumer = (struct bench_consumer){ .fd = -1,
					     .memory = request->memory };
	for (uint32_t i = 0; i < BENCH_MAX_BUFFERS; i++)
		consumer->buffers[i].dmabuf_fd = -1;
	consumer->fd = open(request->node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (consumer->fd < 0)
		return fail(error, error_size, -errno, "opening", request->node);
	ret = read_format(consumer);
	if (ret)
		return fail(error, error_size, ret, "VIDIOC_G_FMT", request->node);
	ret = request_buffers(consumer, request->count);
	if (ret)
		return fail(error, error_size, ret, "VIDIOC_REQBUFS",
			    request->node);
	ret = map_buffers(consumer, request);
	if (ret)
		return fail(error, error_size, ret, "mapping the buffers",
			    request->node);
	ret = queue_all_and_stream(consumer);
	if (ret)
		return fail(error, error_size, ret, "starting the stream",
			    request->node);
	return 0;
}

int bench_consumer_dequeue(struct bench_consumer *consumer, uint32_t *index,
			   int timeout_ms)
{
	struct v4l2_buffer buffer = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = v4l2_memory_of(consumer->memory),
	};
	struct pollfd pfd = { .fd = consumer->fd, .events = POLLIN };
	int ret = poll(&pfd, 1, timeout_ms);

	if (ret < 0)
		return errno == EINTR ? -EAGAIN : -errno;
	if (ret == 0)
		return -EAGAIN;
	ret = xioctl(consumer->fd, VIDIOC_DQBUF, &buffer);
	if (!ret && (buffer.flags & V4L2_BUF_FLAG_ERROR)) {
		bench_consumer_queue(consumer, buffer.index);
		return -EIO;
	}
	if (!ret)
		*index = buffer.index;
	return ret;
}

int bench_consumer_queue(struct bench_consumer *consumer, uint32_t index)
{
	struct v4l2_buffer buffer = {
		.index = index,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = v4l2_memory_of(consumer->memory),
	};

	if (consumer->memory == BENCH_MEMORY_DMABUF) {
		buffer.m.fd = consumer->buffers[index].dmabuf_fd;
		buffer.length = consumer->sizeimage;
	}
	return xioctl(consumer->fd, VIDIOC_QBUF, &buffer);
}

void bench_consumer_stop(struct bench_consumer *consumer)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (consumer->fd >= 0)
		xioctl(consumer->fd, VIDIOC_STREAMOFF, &type);
	for (uint32_t i = 0; i < BENCH_MAX_BUFFERS; i++) {
		struct bench_consumer_buffer *buffer = &consumer->buffers[i];

		if (buffer->data)
			munmap(buffer->data, buffer->length);
		buffer->data = NULL;
	}
	if (consumer->fd >= 0)
		close(consumer->fd);
	consumer->fd = -1;
}
