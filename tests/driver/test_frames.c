// SPDX-License-Identifier: GPL-2.0-only
/*
 * Frames from producer to consumer: VCAM_IOC_QUEUE/DEQUEUE errnos, pixels
 * that arrive byte-exact through the copy path for every format, the
 * zero-copy path, what happens when the consumer falls behind, and the
 * status, wait and poll transitions. Runs inside the test VM.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <vcam/dmabuf.h>

#include "camera.h"

struct producer {
	struct test_camera cam;
	struct vcam_dmabuf bufs[TEST_MAX_FRAMES];
};

static struct vcam_dmabuf_allocator *allocator;
static struct producer producer;

static void open_allocator(void)
{
	char message[256];
	int ret = vcam_dmabuf_allocator_open(&allocator, VCAM_DMABUF_AUTO);

	cr_assert_eq(ret, 0, "%s", vcam_dmabuf_open_error_message(
		     VCAM_DMABUF_AUTO, ret, message, sizeof(message)));
}

static void producer_start(uint32_t fourcc, uint32_t width, uint32_t height,
			   uint32_t nr_frames)
{
	test_camera_create(&producer.cam, "Frames", fourcc, width, height,
			   nr_frames);
	for (uint32_t i = 0; i < nr_frames; i++) {
		int ret = vcam_dmabuf_alloc(allocator,
					    producer.cam.frames[i].length,
					    &producer.bufs[i]);

		cr_assert_eq(ret, 0, "allocate frame %u: %s", i, strerror(-ret));
	}
}

static void producer_stop(void)
{
	for (uint32_t i = 0; i < producer.cam.nr_frames; i++)
		vcam_dmabuf_free(&producer.bufs[i]);
	test_camera_destroy(&producer.cam);
	vcam_dmabuf_allocator_close(allocator);
}

static void setup_yuyv(void)
{
	open_allocator();
	producer_start(V4L2_PIX_FMT_YUYV, 64, 48, 4);
}

TestSuite(frames, .init = setup_yuyv, .fini = producer_stop);

/* Fills frame `index` with bytes derived from `seed`. */
static void paint(uint32_t index, uint8_t seed)
{
	struct vcam_dmabuf *buf = &producer.bufs[index];
	uint8_t *data = buf->data;

	vcam_dmabuf_begin_cpu_write(buf);
	for (size_t i = 0; i < buf->size; i++)
		data[i] = (uint8_t)(seed + i * 7 + i / 251);
	vcam_dmabuf_end_cpu_write(buf);
}

static bool painted_with(const uint8_t *data, size_t length, uint8_t seed)
{
	for (size_t i = 0; i < length; i++) {
		if (data[i] != (uint8_t)(seed + i * 7 + i / 251))
			return false;
	}
	return true;
}

static int queue_frame(uint32_t index, uint32_t length, uint64_t timestamp)
{
	struct vcam_ioc_queue request = {
		.fd = (uint32_t)producer.bufs[index].fd,
		.index = index,
		.length = length,
		.timestamp = timestamp,
	};

	return ioctl(producer.cam.control_fd, VCAM_IOC_QUEUE, &request);
}

static void must_queue(uint32_t index, uint32_t length)
{
	cr_assert_eq(queue_frame(index, length, 1000 + index), 0,
		     "VCAM_IOC_QUEUE %u: %s", index, strerror(errno));
}

static int dequeue_nonblocking(struct vcam_ioc_dequeue *result)
{
	int flags = fcntl(producer.cam.control_fd, F_GETFL);
	int ret;

	fcntl(producer.cam.control_fd, F_SETFL, flags | O_NONBLOCK);
	ret = ioctl(producer.cam.control_fd, VCAM_IOC_DEQUEUE, result);
	fcntl(producer.cam.control_fd, F_SETFL, flags);
	return ret;
}

static void expect_errno(int ret, int expected, const char *what)
{
	cr_expect_eq(ret, -1, "%s succeeded", what);
	cr_expect_eq(errno, expected, "%s: %s, expected %s", what,
		     strerror(errno), strerror(expected));
}

/* A consumer streaming with MMAP or DMABUF buffers. */
struct consumer {
	int fd;
	uint32_t memory;
	uint32_t count;
	void *maps[TEST_MAX_FRAMES];
	size_t lengths[TEST_MAX_FRAMES];
};

static void consumer_qbuf(struct consumer *c, uint32_t index, int dmabuf_fd)
{
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = c->memory,
		.index = index,
	};

	if (c->memory == V4L2_MEMORY_DMABUF)
		buf.m.fd = dmabuf_fd;
	if (c->memory == V4L2_MEMORY_USERPTR) {
		buf.m.userptr = (unsigned long)c->maps[index];
		buf.length = (uint32_t)c->lengths[index];
	}
	cr_assert_eq(ioctl(c->fd, VIDIOC_QBUF, &buf), 0, "VIDIOC_QBUF %u: %s",
		     index, strerror(errno));
}

static void consumer_start(struct consumer *c, uint32_t memory, uint32_t count)
{
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = memory,
		.count = count,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	c->fd = test_open_capture(&producer.cam);
	c->memory = memory;
	cr_assert_eq(ioctl(c->fd, VIDIOC_REQBUFS, &req), 0,
		     "VIDIOC_REQBUFS: %s", strerror(errno));
	c->count = req.count;
	for (uint32_t i = 0; i < c->count; i++) {
		struct v4l2_buffer buf = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = memory,
			.index = i,
		};

		cr_assert_eq(ioctl(c->fd, VIDIOC_QUERYBUF, &buf), 0);
		if (memory == V4L2_MEMORY_MMAP) {
			c->lengths[i] = buf.length;
			c->maps[i] = mmap(NULL, buf.length, PROT_READ,
					  MAP_SHARED, c->fd, buf.m.offset);
			cr_assert_neq(c->maps[i], MAP_FAILED);
		}
		if (memory == V4L2_MEMORY_USERPTR) {
			c->lengths[i] = producer.cam.frames[0].length;
			c->maps[i] = mmap(NULL, c->lengths[i],
					  PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			cr_assert_neq(c->maps[i], MAP_FAILED);
		}
		consumer_qbuf(c, i, producer.bufs[i].fd);
	}
	cr_assert_eq(ioctl(c->fd, VIDIOC_STREAMON, &type), 0,
		     "VIDIOC_STREAMON: %s", strerror(errno));
}

static int consumer_dqbuf(struct consumer *c, struct v4l2_buffer *buf,
			  int timeout_ms)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };

	*buf = (struct v4l2_buffer){
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = c->memory,
	};
	if (poll(&pfd, 1, timeout_ms) != 1)
		return -ETIMEDOUT;
	return ioctl(c->fd, VIDIOC_DQBUF, buf) ? -errno : 0;
}

static void consumer_stop(struct consumer *c)
{
	for (uint32_t i = 0; i < c->count; i++) {
		if (c->maps[i])
			munmap(c->maps[i], c->lengths[i]);
	}
	close(c->fd);
}

static uint64_t buffer_ns(const struct v4l2_buffer *buf)
{
	return (uint64_t)buf->timestamp.tv_sec * 1000000000u +
	       (uint64_t)buf->timestamp.tv_usec * 1000u;
}

Test(frames, queue_rejects_bad_input_with_einval)
{
	struct vcam_ioc_queue request = {
		.fd = (uint32_t)producer.bufs[0].fd, .index = 0,
	};
	struct vcam_dmabuf small;
	int not_dmabuf = open("/dev/null", O_RDWR | O_CLOEXEC);

	request.reserved = 1;
	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_QUEUE, &request),
		     EINVAL, "non-zero reserved");
	request.reserved = 0;
	request.index = 4;
	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_QUEUE, &request),
		     EINVAL, "index out of range");
	request.index = 0;
	request.fd = (uint32_t)-1;
	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_QUEUE, &request),
		     EINVAL, "bad fd");
	request.fd = (uint32_t)not_dmabuf;
	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_QUEUE, &request),
		     EINVAL, "fd that is not a DMA-BUF");
	cr_assert_eq(vcam_dmabuf_alloc(allocator, 4096, &small), 0);
	request.fd = (uint32_t)small.fd;
	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_QUEUE, &request),
		     EINVAL, "DMA-BUF smaller than the frame");
	expect_errno(queue_frame(0, 64 * 48 * 2 + 1, 0), EINVAL,
		     "length above the frame size");
	must_queue(0, 0);
	expect_errno(queue_frame(0, 0, 0), EINVAL, "slot queued twice");
	vcam_dmabuf_free(&small);
	close(not_dmabuf);
}

Test(frames, camera_ioctls_fault_on_bad_pointers)
{
	int fd = producer.cam.control_fd;

	expect_errno(ioctl(fd, VCAM_IOC_QUEUE, (void *)8), EFAULT, "QUEUE");
	expect_errno(ioctl(fd, VCAM_IOC_STATUS, (void *)8), EFAULT, "STATUS");
	expect_errno(ioctl(fd, VCAM_IOC_WAIT, (void *)8), EFAULT, "WAIT");
	expect_errno(ioctl(fd, VCAM_IOC_G_INTERVAL, (void *)8), EFAULT,
		     "G_INTERVAL");
}

Test(frames, dequeue_with_nothing_queued_fails_with_einval)
{
	struct vcam_ioc_dequeue result;

	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_DEQUEUE, &result),
		     EINVAL, "VCAM_IOC_DEQUEUE");
}

Test(frames, wait_rejects_empty_and_unknown_masks)
{
	struct vcam_ioc_wait wait = { .mask = 0 };

	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait),
		     EINVAL, "empty mask");
	wait.mask = 1u << 5;
	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait),
		     EINVAL, "unknown bit");
}

/* Both bits can never be set at once: a wait for them would never end. */
Test(frames, wait_rejects_idle_and_streaming_together, .timeout = 10)
{
	struct vcam_ioc_wait wait = {
		.mask = VCAM_STATUS_IDLE | VCAM_STATUS_STREAMING,
	};

	expect_errno(ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait),
		     EINVAL, "IDLE|STREAMING");
}

Test(frames, idle_camera_keeps_only_the_newest_frame)
{
	struct vcam_ioc_dequeue result;
	char dropped[32];

	must_queue(0, 0);
	expect_errno(dequeue_nonblocking(&result), EAGAIN, "dequeue pending");
	must_queue(1, 0);
	cr_assert_eq(dequeue_nonblocking(&result), 0, "dequeue: %s",
		     strerror(errno));
	cr_expect_eq(result.index, 0);
	cr_expect_eq(result.timestamp, 1000);
	cr_expect_eq(result.length, 64 * 48 * 2);
	test_read_sysfs(&producer.cam, "vcam/frames_dropped", dropped,
			sizeof(dropped));
	cr_expect_str_eq(dropped, "0", "frames replaced while idle count");
}

Test(frames, status_wait_and_poll_follow_the_consumer)
{
	struct pollfd pfd = { .fd = producer.cam.control_fd, .events = POLLPRI };
	struct vcam_ioc_wait wait = { .mask = VCAM_STATUS_STREAMING };
	struct consumer consumer = { 0 };
	char state[32];
	__u64 status;
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_STATUS, &status),
		     0);
	cr_expect_eq(status, VCAM_STATUS_IDLE);
	cr_expect_eq(poll(&pfd, 1, 0), 0);

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	cr_expect_eq(poll(&pfd, 1, 0), 1, "no EPOLLPRI after STREAMON");
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait), 0);
	cr_expect_eq(wait.status, VCAM_STATUS_STREAMING);
	cr_expect_eq(poll(&pfd, 1, 0), 0, "EPOLLPRI stays after WAIT");
	test_read_sysfs(&producer.cam, "vcam/state", state, sizeof(state));
	cr_expect_str_eq(state, "streaming");

	cr_assert_eq(ioctl(consumer.fd, VIDIOC_STREAMOFF, &type), 0);
	cr_expect_eq(poll(&pfd, 1, 0), 1, "no EPOLLPRI after STREAMOFF");
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_STATUS, &status),
		     0);
	cr_expect_eq(status, VCAM_STATUS_IDLE);
	consumer_stop(&consumer);
}

static void *stream_on_later(void *arg)
{
	struct consumer *consumer = arg;

	usleep(200000);
	consumer_start(consumer, V4L2_MEMORY_MMAP, 2);
	return NULL;
}

Test(frames, wait_blocks_until_a_consumer_streams)
{
	struct vcam_ioc_wait wait = { .mask = VCAM_STATUS_STREAMING };
	struct consumer consumer = { 0 };
	pthread_t thread;
	uint64_t start = test_monotonic_ns();

	pthread_create(&thread, NULL, stream_on_later, &consumer);
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait), 0);
	cr_expect_geq(test_monotonic_ns() - start, 150000000u);
	cr_expect_eq(wait.status, VCAM_STATUS_STREAMING);
	pthread_join(thread, NULL);
	consumer_stop(&consumer);
}

Test(frames, copied_frame_carries_monotonic_time_and_sequence)
{
	struct consumer consumer = { 0 };
	struct vcam_ioc_dequeue result;
	struct pollfd pfd = { .fd = producer.cam.control_fd, .events = POLLIN };
	struct v4l2_buffer buf;
	uint64_t before, after;

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	paint(0, 3);
	before = test_monotonic_ns();
	must_queue(0, 0);
	after = test_monotonic_ns();
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_eq(buf.sequence, 0);
	cr_expect_eq(buf.bytesused, 64 * 48 * 2);
	cr_expect(buf.flags & V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC);
	cr_expect(buffer_ns(&buf) + 1000 >= before && buffer_ns(&buf) <= after,
		  "timestamp %llu outside [%llu, %llu]",
		  (unsigned long long)buffer_ns(&buf),
		  (unsigned long long)before, (unsigned long long)after);
	cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused, 3));

	cr_expect_eq(poll(&pfd, 1, 0), 1, "copied slot not dequeue-ready");
	cr_assert_eq(dequeue_nonblocking(&result), 0);
	cr_expect_eq(result.index, 0);
	cr_expect_eq(result.timestamp, 1000, "producer timestamp changed");

	paint(1, 9);
	must_queue(1, 0);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_eq(buf.sequence, 1);
	cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused, 9));
	consumer_stop(&consumer);
}

Test(frames, userptr_consumer_receives_the_frame)
{
	struct consumer consumer = { 0 };
	struct v4l2_buffer buf;

	consumer_start(&consumer, V4L2_MEMORY_USERPTR, 2);
	paint(3, 99);
	must_queue(3, 0);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_eq(buf.bytesused, 64 * 48 * 2);
	cr_expect(painted_with((void *)buf.m.userptr, buf.bytesused, 99));
	consumer_stop(&consumer);
}

Test(frames, frame_queued_before_streaming_is_stamped_when_it_starts)
{
	struct consumer consumer = { 0 };
	struct v4l2_buffer buf;
	uint64_t before;

	paint(2, 17);
	must_queue(2, 0);
	usleep(100000);
	before = test_monotonic_ns();
	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_eq(buf.sequence, 0);
	cr_expect_geq(buffer_ns(&buf) + 1000, before,
		      "stale timestamp %llu before STREAMON at %llu",
		      (unsigned long long)buffer_ns(&buf),
		      (unsigned long long)before);
	cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused, 17));
	consumer_stop(&consumer);
}

Test(frames, slow_consumer_gets_the_newest_frame_and_drops_count)
{
	struct consumer consumer = { 0 };
	struct vcam_ioc_dequeue result;
	struct v4l2_buffer buf;
	char value[32];

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	for (uint32_t i = 0; i < 4; i++) {
		paint(i, (uint8_t)(40 + i));
		must_queue(i, 0);
	}
	/* Frames 0 and 1 fill both buffers; 3 replaced 2, which dropped. */
	for (uint32_t i = 0; i < 2; i++) {
		cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
		cr_expect_eq(buf.sequence, i);
		cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused,
				       (uint8_t)(40 + i)));
		consumer_qbuf(&consumer, buf.index, -1);
	}
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_eq(buf.sequence, 3, "gap in sequence must show the drop");
	cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused, 43));
	test_read_sysfs(&producer.cam, "vcam/frames_dropped", value,
			sizeof(value));
	cr_expect_str_eq(value, "1");
	test_read_sysfs(&producer.cam, "vcam/frames_delivered", value,
			sizeof(value));
	cr_expect_str_eq(value, "3");
	for (int i = 0; i < 4; i++)
		cr_expect_eq(dequeue_nonblocking(&result), 0,
			     "slot %d not returned", i);
	consumer_stop(&consumer);
}

Test(frames, shared_dmabuf_travels_without_copy_and_returns_when_requeued)
{
	struct consumer consumer = { 0 };
	struct vcam_ioc_dequeue result;
	struct v4l2_buffer buf;

	consumer_start(&consumer, V4L2_MEMORY_DMABUF, 2);
	paint(1, 77);
	must_queue(1, 0);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_eq(buf.index, 1, "frame must land in its own DMA-BUF");
	cr_expect_eq(buf.bytesused, 64 * 48 * 2);
	expect_errno(dequeue_nonblocking(&result), EAGAIN,
		     "slot returned while the consumer holds it");
	consumer_qbuf(&consumer, 1, producer.bufs[1].fd);
	cr_assert_eq(dequeue_nonblocking(&result), 0,
		     "slot not returned after requeue: %s", strerror(errno));
	cr_expect_eq(result.index, 1);
	consumer_stop(&consumer);
}

Test(frames, shared_slots_return_when_the_consumer_stops)
{
	struct consumer consumer = { 0 };
	struct vcam_ioc_dequeue result;
	struct v4l2_buffer buf;
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	consumer_start(&consumer, V4L2_MEMORY_DMABUF, 2);
	must_queue(0, 0);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_STREAMOFF, &type), 0);
	cr_expect_eq(dequeue_nonblocking(&result), 0, "slot kept: %s",
		     strerror(errno));
	consumer_stop(&consumer);
}

static void *queue_later(void *arg)
{
	(void)arg;
	usleep(300000);
	paint(2, 5);
	must_queue(2, 0);
	return NULL;
}

Test(frames, consumer_blocked_in_dqbuf_does_not_block_the_producer)
{
	struct consumer consumer = { 0 };
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	pthread_t thread;

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	pthread_create(&thread, NULL, queue_later, NULL);
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_DQBUF, &buf), 0,
		     "blocking VIDIOC_DQBUF: %s", strerror(errno));
	pthread_join(thread, NULL);
	cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused, 5));
	consumer_stop(&consumer);
}

Test(frames, read_io_returns_the_frame)
{
	int fd = test_open_capture(&producer.cam);
	size_t size = 64 * 48 * 2;
	uint8_t *data = malloc(size);
	struct vcam_ioc_wait wait = { .mask = VCAM_STATUS_STREAMING };
	ssize_t got;

	paint(0, 21);
	must_queue(0, 0);
	got = read(fd, data, size);
	cr_assert_eq(got, (ssize_t)size, "read: %zd (%s)", got,
		     strerror(errno));
	cr_expect(painted_with(data, size, 21));
	cr_expect_eq(ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait), 0);
	free(data);
	close(fd);
}

Test(frames, consumer_sees_enodev_when_the_producer_closes_mid_stream)
{
	struct consumer consumer = { 0 };
	struct v4l2_buffer buf;

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	must_queue(0, 0);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	test_camera_destroy(&producer.cam);
	buf = (struct v4l2_buffer){
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	expect_errno(ioctl(consumer.fd, VIDIOC_DQBUF, &buf), ENODEV, "DQBUF");
	consumer_stop(&consumer);
}

struct format_case {
	uint32_t fourcc;
	uint32_t width, height;
	uint32_t sizeimage;
	uint32_t payload;
};

static const struct format_case format_cases[] = {
	{ V4L2_PIX_FMT_YUYV, 160, 120, 160 * 120 * 2, 160 * 120 * 2 },
	{ V4L2_PIX_FMT_NV12, 160, 120, 160 * 120 * 3 / 2, 160 * 120 * 3 / 2 },
	{ V4L2_PIX_FMT_YUV420, 160, 120, 160 * 120 * 3 / 2, 160 * 120 * 3 / 2 },
	{ V4L2_PIX_FMT_RGB24, 161, 121, 161 * 121 * 3, 161 * 121 * 3 },
	{ V4L2_PIX_FMT_MJPEG, 160, 120, 160 * 120 * 3 + 16384, 5000 },
};

#define NR_FORMAT_CASES (sizeof(format_cases) / sizeof(format_cases[0]))

ParameterizedTestParameters(formats, arrive_byte_exact_through_the_copy_path)
{
	static size_t indices[NR_FORMAT_CASES];

	for (size_t i = 0; i < NR_FORMAT_CASES; i++)
		indices[i] = i;
	return cr_make_param_array(size_t, indices, NR_FORMAT_CASES);
}

ParameterizedTest(size_t *index, formats,
		  arrive_byte_exact_through_the_copy_path,
		  .fini = producer_stop)
{
	const struct format_case *fc = &format_cases[*index];
	struct consumer consumer = { 0 };
	struct v4l2_buffer buf;

	open_allocator();
	producer_start(fc->fourcc, fc->width, fc->height, 3);
	cr_expect_eq(producer.cam.frames[0].length, fc->sizeimage);
	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	for (uint8_t frame = 0; frame < 3; frame++) {
		paint(frame, (uint8_t)(frame * 31));
		must_queue(frame, fc->payload);
		cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
		cr_expect_eq(buf.bytesused, fc->payload);
		cr_expect_eq(buf.sequence, frame);
		cr_expect(painted_with(consumer.maps[buf.index], fc->payload,
				       (uint8_t)(frame * 31)),
			  "frame %u differs", frame);
		consumer_qbuf(&consumer, buf.index, -1);
	}
	consumer_stop(&consumer);
}

static int acquire_nonblocking(struct vcam_ioc_acquire *lent)
{
	int flags = fcntl(producer.cam.control_fd, F_GETFL);
	int ret;

	*lent = (struct vcam_ioc_acquire){ .fd = -1 };
	fcntl(producer.cam.control_fd, F_SETFL, flags | O_NONBLOCK);
	ret = ioctl(producer.cam.control_fd, VCAM_IOC_ACQUIRE, lent);
	fcntl(producer.cam.control_fd, F_SETFL, flags);
	if (!ret && lent->fd >= 0)
		close(lent->fd);
	return ret;
}

Test(frames, queued_and_committed_frames_reach_the_consumer_in_order)
{
	struct vcam_ioc_acquire lent;
	struct vcam_ioc_commit commit = { 0 };
	struct consumer consumer = { 0 };
	struct v4l2_buffer buf;
	uint32_t last_sequence = 0;
	uint64_t last_ns = 0;
	int frames = 0;

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	cr_assert_eq(acquire_nonblocking(&lent), 0, "VCAM_IOC_ACQUIRE: %s",
		     strerror(errno));
	must_queue(0, 0);	/* into the other buffer */
	must_queue(1, 0);	/* waits: the consumer has no buffer left */
	commit.index = lent.index;
	commit.generation = lent.generation;
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_COMMIT, &commit),
		     0, "VCAM_IOC_COMMIT: %s", strerror(errno));

	/* Requeued buffers give the waiting frame, if any, its chance. */
	while (consumer_dqbuf(&consumer, &buf, 500) == 0) {
		if (frames++)
			cr_expect(buf.sequence > last_sequence &&
				  buffer_ns(&buf) > last_ns,
				  "frame %u at %llu ns after frame %u at %llu ns",
				  buf.sequence,
				  (unsigned long long)buffer_ns(&buf),
				  last_sequence, (unsigned long long)last_ns);
		last_sequence = buf.sequence;
		last_ns = buffer_ns(&buf);
		consumer_qbuf(&consumer, buf.index, -1);
	}
	cr_expect_geq(frames, 2, "the copied and the committed frame arrive");
	consumer_stop(&consumer);
}

Test(frames, read_io_streams_with_the_buffers_g_parm_promises)
{
	struct v4l2_streamparm parm = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	int fd = test_open_capture(&producer.cam);
	size_t size = 64 * 48 * 2;
	uint8_t *data = malloc(size);
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	uint32_t readbuffers;

	cr_assert_eq(ioctl(fd, VIDIOC_G_PARM, &parm), 0);
	readbuffers = parm.parm.capture.readbuffers;
	cr_expect_geq(readbuffers, 2);
	must_queue(0, 0);
	cr_assert_eq(read(fd, data, size), (ssize_t)size, "read: %s",
		     strerror(errno));
	for (buf.index = 0; buf.index < readbuffers; buf.index++)
		cr_expect_eq(ioctl(fd, VIDIOC_QUERYBUF, &buf), 0,
			     "read() I/O has no buffer %u of %u: %s",
			     buf.index, readbuffers, strerror(errno));
	expect_errno(ioctl(fd, VIDIOC_QUERYBUF, &buf), EINVAL,
		     "QUERYBUF past readbuffers");
	free(data);
	close(fd);
}

static short pending_events(void)
{
	struct pollfd pfd = { .fd = producer.cam.control_fd, .events = POLLPRI };

	return poll(&pfd, 1, 0) == 1 ? pfd.revents : 0;
}

Test(frames, reading_the_status_leaves_an_interval_change_pending_and_back)
{
	struct v4l2_streamparm parm = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.parm.capture.timeperframe = { 1, 15 },
	};
	struct vcam_ioc_interval interval;
	struct consumer consumer = { 0 };
	__u64 status;

	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_STATUS, &status),
		     0);
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_G_INTERVAL,
			   &interval), 0);
	consumer.fd = test_open_capture(&producer.cam);
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_S_PARM, &parm), 0);
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_STATUS, &status),
		     0);
	cr_expect(pending_events() & POLLPRI,
		  "VCAM_IOC_STATUS hid the interval change");
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_G_INTERVAL,
			   &interval), 0);
	cr_expect_eq(pending_events(), 0);
	close(consumer.fd);

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_G_INTERVAL,
			   &interval), 0);
	cr_expect(pending_events() & POLLPRI,
		  "VCAM_IOC_G_INTERVAL hid the status change");
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_STATUS, &status),
		     0);
	cr_expect_eq(pending_events(), 0);
	consumer_stop(&consumer);
}

/* A producer written for the RFC cannot read the interval. */
Test(frames, an_interval_change_does_not_keep_epollpri_for_an_rfc_producer)
{
	struct v4l2_streamparm parm = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.parm.capture.timeperframe = { 1, 15 },
	};
	int fd = test_open_capture(&producer.cam);
	__u64 status;

	cr_assert_eq(ioctl(fd, VIDIOC_S_PARM, &parm), 0);
	cr_expect(pending_events() & POLLPRI);
	cr_assert_eq(ioctl(producer.cam.control_fd, VCAM_IOC_STATUS, &status),
		     0);
	cr_expect_eq(pending_events(), 0);
	close(fd);
}

static int open_nonblocking_capture(void)
{
	int fd = open(producer.cam.path, O_RDWR | O_NONBLOCK | O_CLOEXEC);

	cr_assert_geq(fd, 0, "open %s: %s", producer.cam.path, strerror(errno));
	return fd;
}

/* What v4l2-compliance's "test read/write" relies on: a reopen changes
 * nothing, whether or not a frame waits.
 */
Test(frames, a_nonblocking_read_that_starts_streaming_answers_eagain)
{
	struct pollfd pfd = { .events = POLLIN };
	char byte;
	int fd;

	must_queue(0, 0);
	fd = open_nonblocking_capture();
	expect_errno((int)read(fd, &byte, 1), EAGAIN,
		     "the read() that starts streaming");
	pfd.fd = fd;
	cr_expect_eq(poll(&pfd, 1, 2000), 1, "the waiting frame follows");
	cr_expect_eq(read(fd, &byte, 1), 1, "read: %s", strerror(errno));
	close(fd);

	must_queue(1, 0);
	fd = open_nonblocking_capture();
	expect_errno((int)read(fd, &byte, 1), EAGAIN, "the same after a reopen");
	close(fd);
}

struct blocked_dqbuf {
	struct consumer *consumer;
	int error;
};

static void *dqbuf_blocking(void *arg)
{
	struct blocked_dqbuf *blocked = arg;
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};

	blocked->error = ioctl(blocked->consumer->fd, VIDIOC_DQBUF, &buf) ?
			 errno : 0;
	return NULL;
}

Test(frames, a_consumer_blocked_in_dqbuf_gets_eio_when_the_producer_closes)
{
	struct consumer consumer = { 0 };
	struct blocked_dqbuf blocked = { .consumer = &consumer };
	pthread_t thread;

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	pthread_create(&thread, NULL, dqbuf_blocking, &blocked);
	usleep(200000);
	test_camera_destroy(&producer.cam);
	pthread_join(thread, NULL);
	cr_expect(blocked.error == EIO || blocked.error == ENODEV,
		  "VIDIOC_DQBUF: %s, expected EIO as from an unplugged camera",
		  strerror(blocked.error));
	consumer_stop(&consumer);
}

static void on_alarm(int signal)
{
	(void)signal;
}

Test(frames, wait_on_a_nonblocking_file_answers_eagain)
{
	struct sigaction action = { .sa_handler = on_alarm };
	struct vcam_ioc_wait wait = { .mask = VCAM_STATUS_STREAMING };
	int flags = fcntl(producer.cam.control_fd, F_GETFL);
	int ret;

	sigaction(SIGALRM, &action, NULL);
	fcntl(producer.cam.control_fd, F_SETFL, flags | O_NONBLOCK);
	alarm(2);
	ret = ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait);
	alarm(0);
	expect_errno(ret, EAGAIN, "VCAM_IOC_WAIT with no consumer");
	wait.mask = VCAM_STATUS_IDLE;
	cr_expect_eq(ioctl(producer.cam.control_fd, VCAM_IOC_WAIT, &wait), 0,
		     "a satisfied VCAM_IOC_WAIT: %s", strerror(errno));
	fcntl(producer.cam.control_fd, F_SETFL, flags);
}

static void expect_delivered(const char *expected)
{
	char value[32];

	test_read_sysfs(&producer.cam, "vcam/frames_delivered", value,
			sizeof(value));
	cr_expect_str_eq(value, expected, "frames_delivered");
}

/* As in the RFC: a consumer never gets part of an uncompressed image. */
Test(frames, a_short_uncompressed_frame_completes_with_the_error_flag)
{
	struct consumer consumer = { 0 };
	struct vcam_ioc_dequeue result;
	struct v4l2_buffer buf;

	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	paint(0, 11);
	must_queue(0, 64 * 48 * 2 - 1);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect(buf.flags & V4L2_BUF_FLAG_ERROR, "no V4L2_BUF_FLAG_ERROR");
	cr_expect_eq(buf.bytesused, 0);
	cr_expect_eq(buf.sequence, 0);
	cr_expect_eq(dequeue_nonblocking(&result), 0, "slot not returned");
	cr_expect_eq(result.index, 0);
	consumer_qbuf(&consumer, buf.index, -1);

	paint(1, 12);
	must_queue(1, 0);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_not(buf.flags & V4L2_BUF_FLAG_ERROR);
	cr_expect_eq(buf.sequence, 1);
	cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused, 12));
	expect_delivered("1");
	consumer_stop(&consumer);
}

Test(frames, a_short_frame_in_a_shared_dmabuf_completes_with_the_error_flag)
{
	struct consumer consumer = { 0 };
	struct vcam_ioc_dequeue result;
	struct v4l2_buffer buf;

	consumer_start(&consumer, V4L2_MEMORY_DMABUF, 2);
	must_queue(1, 64 * 48);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect(buf.flags & V4L2_BUF_FLAG_ERROR, "no V4L2_BUF_FLAG_ERROR");
	cr_expect_eq(dequeue_nonblocking(&result), 0,
		     "slot of a failed frame kept: %s", strerror(errno));
	expect_delivered("0");
	consumer_stop(&consumer);
}

/* DMA-BUFs of a JPEG's size, far below the camera's sizeimage. */
static void producer_start_small_mjpeg(size_t size)
{
	open_allocator();
	test_camera_create(&producer.cam, "Small JPEG", V4L2_PIX_FMT_MJPEG,
			   1280, 720, 3);
	for (uint32_t i = 0; i < 3; i++)
		cr_assert_eq(vcam_dmabuf_alloc(allocator, size,
					       &producer.bufs[i]), 0);
}

Test(mjpeg, slots_need_only_hold_the_payload, .fini = producer_stop)
{
	struct consumer consumer = { 0 };
	struct v4l2_buffer buf;
	size_t size;

	producer_start_small_mjpeg(8192);
	size = producer.bufs[0].size;
	cr_assert_lt(size, producer.cam.frames[0].length);
	consumer_start(&consumer, V4L2_MEMORY_MMAP, 2);
	paint(0, 61);
	must_queue(0, (uint32_t)size - 100);
	cr_assert_eq(consumer_dqbuf(&consumer, &buf, 2000), 0);
	cr_expect_not(buf.flags & V4L2_BUF_FLAG_ERROR);
	cr_expect_eq(buf.bytesused, size - 100);
	cr_expect(painted_with(consumer.maps[buf.index], buf.bytesused, 61));

	expect_errno(queue_frame(1, (uint32_t)size + 1, 0), EINVAL,
		     "payload larger than its DMA-BUF");
	expect_errno(queue_frame(1, 0, 0), EINVAL,
		     "a whole frame in a DMA-BUF smaller than sizeimage");
	consumer_stop(&consumer);
}
