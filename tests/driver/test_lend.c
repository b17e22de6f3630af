// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lending capture buffers to the producer (VCAM_IOC_ACQUIRE/COMMIT): the
 * pixels the producer writes into a lent buffer reach the consumer, the
 * consumer never holds a buffer the producer may write, errnos, poll and
 * what happens when either side goes away. Runs inside the test VM.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/userfaultfd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>

#include "camera.h"

#define WIDTH 64
#define HEIGHT 48
#define SIZEIMAGE (WIDTH * HEIGHT * 2)
#define NR_BUFFERS 4

static struct test_camera producer;

/* A consumer streaming with driver-allocated (MMAP) buffers. */
struct consumer {
	int fd;
	uint32_t memory;
	uint32_t count;
	uint8_t *maps[TEST_MAX_FRAMES];
	size_t lengths[TEST_MAX_FRAMES];
};

static struct consumer consumer = { .fd = -1 };

static void setup(void)
{
	test_camera_create(&producer, "Lend", V4L2_PIX_FMT_YUYV, WIDTH, HEIGHT,
			   2);
}

static void teardown(void)
{
	for (uint32_t i = 0; i < consumer.count; i++) {
		if (consumer.maps[i])
			munmap(consumer.maps[i], consumer.lengths[i]);
	}
	if (consumer.fd >= 0)
		close(consumer.fd);
	test_camera_destroy(&producer);
}

TestSuite(lend, .init = setup, .fini = teardown);

static void expect_errno(int ret, int expected, const char *what)
{
	cr_expect_eq(ret, -1, "%s succeeded", what);
	cr_expect_eq(errno, expected, "%s: %s, expected %s", what,
		     strerror(errno), strerror(expected));
}

static void set_nonblocking(int fd, bool nonblocking)
{
	int flags = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, nonblocking ? flags | O_NONBLOCK :
					 flags & ~O_NONBLOCK);
}

static int acquire(struct vcam_ioc_acquire *req, uint64_t fds_held,
		   uint32_t generation)
{
	*req = (struct vcam_ioc_acquire){
		.fds_held = fds_held,
		.generation = generation,
	};
	return ioctl(producer.control_fd, VCAM_IOC_ACQUIRE, req);
}

static int acquire_nonblocking(struct vcam_ioc_acquire *req)
{
	int ret;

	set_nonblocking(producer.control_fd, true);
	ret = acquire(req, 0, 0);
	set_nonblocking(producer.control_fd, false);
	return ret;
}

static int commit(const struct vcam_ioc_acquire *lent, uint32_t length,
		  uint32_t flags)
{
	struct vcam_ioc_commit req = {
		.index = lent->index,
		.generation = lent->generation,
		.length = length,
		.flags = flags,
	};

	return ioctl(producer.control_fd, VCAM_IOC_COMMIT, &req);
}

static void consumer_qbuf(uint32_t index)
{
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = consumer.memory,
		.index = index,
	};

	if (consumer.memory == V4L2_MEMORY_USERPTR) {
		buf.m.userptr = (unsigned long)consumer.maps[index];
		buf.length = (uint32_t)consumer.lengths[index];
	}
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_QBUF, &buf), 0,
		     "VIDIOC_QBUF %u: %s", index, strerror(errno));
}

static void map_buffer(uint32_t index)
{
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = consumer.memory,
		.index = index,
	};
	void *map;

	cr_assert_eq(ioctl(consumer.fd, VIDIOC_QUERYBUF, &buf), 0);
	if (consumer.memory == V4L2_MEMORY_MMAP) {
		consumer.lengths[index] = buf.length;
		map = mmap(NULL, buf.length, PROT_READ, MAP_SHARED,
			   consumer.fd, buf.m.offset);
	} else {
		consumer.lengths[index] = SIZEIMAGE;
		map = mmap(NULL, SIZEIMAGE, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	}
	cr_assert_neq(map, MAP_FAILED);
	consumer.maps[index] = map;
}

static void consumer_allocate(uint32_t memory, uint32_t count)
{
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = memory,
		.count = count,
	};

	if (consumer.fd < 0)
		consumer.fd = test_open_capture(&producer);
	consumer.memory = memory;
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_REQBUFS, &req), 0,
		     "VIDIOC_REQBUFS: %s", strerror(errno));
	consumer.count = req.count;
	for (uint32_t i = 0; i < consumer.count; i++)
		map_buffer(i);
}

static void consumer_stream(bool on)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	cr_assert_eq(ioctl(consumer.fd, on ? VIDIOC_STREAMON : VIDIOC_STREAMOFF,
			   &type), 0, "stream %s: %s", on ? "on" : "off",
		     strerror(errno));
}

/* Allocates count buffers, queues them all and streams. */
static void consumer_start(uint32_t memory, uint32_t count)
{
	consumer_allocate(memory, count);
	for (uint32_t i = 0; i < consumer.count; i++)
		consumer_qbuf(i);
	consumer_stream(true);
}

static void consumer_free(void)
{
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = consumer.memory,
	};

	for (uint32_t i = 0; i < consumer.count; i++) {
		munmap(consumer.maps[i], consumer.lengths[i]);
		consumer.maps[i] = NULL;
	}
	consumer.count = 0;
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_REQBUFS, &req), 0,
		     "VIDIOC_REQBUFS 0: %s", strerror(errno));
}

static int consumer_dqbuf(struct v4l2_buffer *buf, int timeout_ms)
{
	struct pollfd pfd = { .fd = consumer.fd, .events = POLLIN };

	*buf = (struct v4l2_buffer){
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = consumer.memory,
	};
	if (poll(&pfd, 1, timeout_ms) != 1)
		return -ETIMEDOUT;
	return ioctl(consumer.fd, VIDIOC_DQBUF, buf) ? -errno : 0;
}

static uint8_t pixel(uint8_t seed, size_t i)
{
	return (uint8_t)(seed + i * 13 + i / 241);
}

/* Maps a lent buffer's DMA-BUF and paints it; closes the descriptor. */
static void paint_lent(const struct vcam_ioc_acquire *lent, uint8_t seed)
{
	uint8_t *data;

	cr_assert_geq(lent->fd, 0, "no DMA-BUF for buffer %u", lent->index);
	data = mmap(NULL, lent->length, PROT_READ | PROT_WRITE, MAP_SHARED,
		    lent->fd, 0);
	cr_assert_neq(data, MAP_FAILED, "mmap of the lent buffer: %s",
		      strerror(errno));
	for (size_t i = 0; i < SIZEIMAGE; i++)
		data[i] = pixel(seed, i);
	munmap(data, lent->length);
	close(lent->fd);
}

static bool painted_with(const uint8_t *data, uint8_t seed)
{
	for (size_t i = 0; i < SIZEIMAGE; i++) {
		if (data[i] != pixel(seed, i))
			return false;
	}
	return true;
}

static void must_acquire(struct vcam_ioc_acquire *lent)
{
	cr_assert_eq(acquire(lent, 0, 0), 0, "VCAM_IOC_ACQUIRE: %s",
		     strerror(errno));
}

static void must_commit(const struct vcam_ioc_acquire *lent)
{
	cr_assert_eq(commit(lent, 0, 0), 0, "VCAM_IOC_COMMIT %u: %s",
		     lent->index, strerror(errno));
}

static uint64_t sysfs_counter(const char *attribute)
{
	char value[32];

	test_read_sysfs(&producer, attribute, value, sizeof(value));
	return strtoull(value, NULL, 10);
}

Test(lend, rendered_pixels_reach_the_mmap_consumer_without_a_copy)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, NR_BUFFERS);
	for (uint8_t frame = 0; frame < 2 * NR_BUFFERS; frame++) {
		must_acquire(&lent);
		cr_expect_eq(lent.index, frame % NR_BUFFERS,
			     "the oldest queued buffer is lent");
		cr_expect_geq(lent.length, SIZEIMAGE);
		paint_lent(&lent, frame);
		must_commit(&lent);

		cr_assert_eq(consumer_dqbuf(&buf, 2000), 0, "frame %u", frame);
		cr_expect_eq(buf.index, lent.index);
		cr_expect_eq(buf.bytesused, SIZEIMAGE);
		cr_expect_eq(buf.sequence, frame);
		cr_expect_eq(buf.flags & V4L2_BUF_FLAG_ERROR, 0);
		cr_expect(painted_with(consumer.maps[buf.index], frame),
			  "frame %u arrives as painted", frame);
		consumer_qbuf(buf.index);
	}
	cr_expect_eq(sysfs_counter("vcam/frames_committed"), 2 * NR_BUFFERS);
	cr_expect_eq(sysfs_counter("vcam/frames_delivered"), 2 * NR_BUFFERS);
}

Test(lend, a_held_descriptor_is_not_exported_again)
{
	struct vcam_ioc_acquire lent;
	uint64_t held = 0;
	uint32_t generation = 0;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	for (int frame = 0; frame < 4; frame++) {
		struct v4l2_buffer buf;

		cr_assert_eq(acquire(&lent, held, generation), 0,
			     "VCAM_IOC_ACQUIRE: %s", strerror(errno));
		if (frame < 2) {
			cr_expect_geq(lent.fd, 0, "buffer %u is new",
				      lent.index);
			close(lent.fd);
			held |= 1ull << lent.index;
			generation = lent.generation;
		} else {
			cr_expect_eq(lent.fd, -1, "buffer %u is held",
				     lent.index);
		}
		must_commit(&lent);
		cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
		consumer_qbuf(buf.index);
	}

	/* New buffers: a new generation, and every descriptor anew. */
	consumer_stream(false);
	consumer_free();
	consumer_start(V4L2_MEMORY_MMAP, 2);
	cr_assert_eq(acquire(&lent, held, generation), 0);
	cr_expect_neq(lent.generation, generation);
	cr_expect_geq(lent.fd, 0, "a buffer of a new generation is exported");
	close(lent.fd);
	must_commit(&lent);
}

Test(lend, acquire_waits_for_a_streaming_consumer_with_a_queued_buffer)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer buf;
	struct pollfd pfd = { .fd = producer.control_fd, .events = POLLOUT };

	expect_errno(acquire_nonblocking(&lent), EAGAIN, "acquire, no consumer");
	cr_expect_eq(poll(&pfd, 1, 0), 0, "no POLLOUT without a consumer");

	consumer_start(V4L2_MEMORY_MMAP, 2);
	cr_expect_eq(poll(&pfd, 1, 0), 1, "POLLOUT with a queued buffer");
	for (int i = 0; i < 2; i++) {
		must_acquire(&lent);
		close(lent.fd);
		must_commit(&lent);
	}
	/* The consumer holds both buffers now. */
	expect_errno(acquire_nonblocking(&lent), EAGAIN, "acquire, all held");
	cr_expect_eq(poll(&pfd, 1, 0), 0, "no POLLOUT while all are held");

	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	consumer_qbuf(buf.index);
	cr_expect_eq(poll(&pfd, 1, 1000), 1, "POLLOUT once one is queued");
	must_acquire(&lent);
	cr_expect_eq(lent.index, buf.index);
	close(lent.fd);
	must_commit(&lent);
}

static void *queue_later(void *arg)
{
	struct v4l2_buffer *buf = arg;

	usleep(200 * 1000);
	consumer_qbuf(buf->index);
	return NULL;
}

Test(lend, a_blocking_acquire_wakes_when_the_consumer_queues)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer held[2];
	pthread_t thread;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	for (int i = 0; i < 2; i++) {
		must_acquire(&lent);
		close(lent.fd);
		must_commit(&lent);
		cr_assert_eq(consumer_dqbuf(&held[i], 2000), 0);
	}
	pthread_create(&thread, NULL, queue_later, &held[1]);
	must_acquire(&lent);
	pthread_join(thread, NULL);
	cr_expect_eq(lent.index, held[1].index);
	close(lent.fd);
	must_commit(&lent);
}

Test(lend, a_buffer_the_consumer_holds_is_never_lent)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer kept, buf;

	consumer_start(V4L2_MEMORY_MMAP, 3);
	must_acquire(&lent);
	paint_lent(&lent, 99);
	must_commit(&lent);
	cr_assert_eq(consumer_dqbuf(&kept, 2000), 0);

	for (uint8_t frame = 0; frame < 12; frame++) {
		must_acquire(&lent);
		cr_expect_neq(lent.index, kept.index,
			      "frame %u lent the held buffer", frame);
		paint_lent(&lent, frame);
		must_commit(&lent);
		cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
		consumer_qbuf(buf.index);
	}
	cr_expect(painted_with(consumer.maps[kept.index], 99),
		  "the held buffer kept its frame");
}

Test(lend, commit_rejects_bad_input)
{
	struct vcam_ioc_acquire lent = { 0 }, second;
	struct vcam_ioc_commit req;

	expect_errno(commit(&lent, 0, 0), ENOENT, "commit, nothing acquired");
	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	close(lent.fd);

	expect_errno(acquire(&second, 0, 0), EBUSY, "a second acquire");
	expect_errno(commit(&lent, SIZEIMAGE + 1, 0), EINVAL, "long length");
	expect_errno(commit(&lent, 0, 2), EINVAL, "unknown flag");
	req = (struct vcam_ioc_commit){
		.index = lent.index, .generation = lent.generation,
		.reserved = { 0, 0, 1 },
	};
	expect_errno(ioctl(producer.control_fd, VCAM_IOC_COMMIT, &req), EINVAL,
		     "non-zero reserved");
	req.reserved[2] = 0;
	req.index = lent.index + 1;
	expect_errno(ioctl(producer.control_fd, VCAM_IOC_COMMIT, &req), EINVAL,
		     "another index");
	req.index = lent.index;
	req.generation = lent.generation + 1;
	expect_errno(ioctl(producer.control_fd, VCAM_IOC_COMMIT, &req), EINVAL,
		     "another generation");
	must_commit(&lent);
	expect_errno(commit(&lent, 0, 0), ENOENT, "a second commit");
}

Test(lend, frames_the_producer_dropped_leave_a_sequence_gap)
{
	struct vcam_ioc_acquire lent;
	struct vcam_ioc_commit req;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	close(lent.fd);
	must_commit(&lent);
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	cr_expect_eq(buf.sequence, 0);
	consumer_qbuf(buf.index);

	must_acquire(&lent);
	close(lent.fd);
	req = (struct vcam_ioc_commit){
		.index = lent.index, .generation = lent.generation,
		.dropped = 3,
	};
	cr_assert_eq(ioctl(producer.control_fd, VCAM_IOC_COMMIT, &req), 0,
		     "commit with drops: %s", strerror(errno));
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	cr_expect_eq(buf.sequence, 4, "three frames skipped");
	cr_expect_eq(sysfs_counter("vcam/frames_dropped"), 3);
	cr_expect_eq(sysfs_counter("vcam/frames_delivered"), 2);
}

/* The age of the next lent buffer, which then goes round as a frame. */
static uint32_t delivered_age(void)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer buf;

	must_acquire(&lent);
	if (lent.fd >= 0)
		close(lent.fd);
	must_commit(&lent);
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	consumer_qbuf(buf.index);
	return lent.age;
}

/* Commits one frame per buffer of the consumer, in turn, count times. */
static void cycle_frames(int count)
{
	for (int i = 0; i < count; i++)
		delivered_age();
}

static uint32_t next_age(void)
{
	struct vcam_ioc_acquire lent;

	must_acquire(&lent);
	if (lent.fd >= 0)
		close(lent.fd);
	cr_assert_eq(commit(&lent, 0, VCAM_COMMIT_DISCARD), 0);
	return lent.age;
}

Test(lend, a_buffer_read_only_consumers_map_keeps_its_age)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, 3);
	must_acquire(&lent);
	cr_expect_eq(lent.age, 0, "a new buffer's content is unknown");
	paint_lent(&lent, 11);
	must_commit(&lent);
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	consumer_qbuf(buf.index);
	cycle_frames(2);

	must_acquire(&lent);
	cr_expect_eq(lent.index, buf.index);
	cr_expect_eq(lent.age, 3, "committed three commits ago");
	cr_expect(painted_with(consumer.maps[lent.index], 11),
		  "the buffer holds that frame");
	close(lent.fd);
	cr_assert_eq(commit(&lent, 0, VCAM_COMMIT_DISCARD), 0);
	cr_expect_eq(next_age(), 0, "a discarded buffer's content is unknown");
}

Test(lend, read_only_mappings_cannot_become_writable)
{
	consumer_start(V4L2_MEMORY_MMAP, 2);
	cr_expect_eq(mprotect(consumer.maps[0], consumer.lengths[0],
			      PROT_READ | PROT_WRITE), -1);
	cr_expect_eq(errno, EACCES, "mprotect: %s", strerror(errno));
}

Test(lend, no_age_once_a_consumer_maps_the_buffers_writable)
{
	struct v4l2_buffer query = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.index = 0,
	};
	void *writable;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	cycle_frames(2);
	cr_expect_eq(delivered_age(), 2);
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_QUERYBUF, &query), 0);
	writable = mmap(NULL, query.length, PROT_READ | PROT_WRITE, MAP_SHARED,
			consumer.fd, query.m.offset);
	cr_assert_neq(writable, MAP_FAILED);
	cr_expect_eq(delivered_age(), 0, "the consumer may have written it");
	munmap(writable, query.length);
	cr_expect_eq(delivered_age(), 0, "until the buffers are allocated anew");

	consumer_stream(false);
	consumer_free();
	consumer_start(V4L2_MEMORY_MMAP, 2);
	cycle_frames(2);
	cr_expect_eq(delivered_age(), 2, "new buffers, mapped read-only");
}

Test(lend, no_age_once_a_consumer_exports_the_buffers)
{
	struct v4l2_exportbuffer exported = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.index = 1,
	};

	consumer_start(V4L2_MEMORY_MMAP, 2);
	cycle_frames(2);
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_EXPBUF, &exported), 0,
		     "VIDIOC_EXPBUF: %s", strerror(errno));
	close(exported.fd);
	cr_expect_eq(delivered_age(), 0, "an exported buffer may have been written");
}

Test(lend, acquire_rejects_non_zero_reserved)
{
	struct vcam_ioc_acquire req = { .reserved = 1 };

	consumer_start(V4L2_MEMORY_MMAP, 2);
	expect_errno(ioctl(producer.control_fd, VCAM_IOC_ACQUIRE, &req), EINVAL,
		     "non-zero reserved");
}

Test(lend, a_discarded_buffer_goes_back_unfilled_first_in_line)
{
	struct vcam_ioc_acquire lent, again;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, 3);
	must_acquire(&lent);
	close(lent.fd);
	cr_assert_eq(commit(&lent, 0, VCAM_COMMIT_DISCARD), 0,
		     "discard: %s", strerror(errno));
	cr_expect_eq(consumer_dqbuf(&buf, 300), -ETIMEDOUT,
		     "a discarded buffer is not delivered");
	must_acquire(&again);
	cr_expect_eq(again.index, lent.index);
	must_commit(&again);
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	cr_expect_eq(buf.sequence, 0, "discarding takes no sequence number");
	cr_expect_eq(sysfs_counter("vcam/frames_delivered"), 1);
}

Test(lend, stopping_takes_the_lent_buffer_back)
{
	struct vcam_ioc_acquire lent;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	close(lent.fd);
	consumer_stream(false);
	expect_errno(commit(&lent, 0, 0), ENOENT, "commit after STREAMOFF");
	consumer_free();

	/* Streaming again works, with the new buffers. */
	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	paint_lent(&lent, 7);
	must_commit(&lent);
}

Test(lend, closing_the_consumer_with_a_buffer_lent_is_clean)
{
	struct vcam_ioc_acquire lent;
	uint8_t *data;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	data = mmap(NULL, lent.length, PROT_READ | PROT_WRITE, MAP_SHARED,
		    lent.fd, 0);
	cr_assert_neq(data, MAP_FAILED);
	for (uint32_t i = 0; i < consumer.count; i++)
		munmap(consumer.maps[i], consumer.lengths[i]);
	consumer.count = 0;
	close(consumer.fd);
	consumer.fd = -1;

	/* The producer's mapping outlives the consumer's buffers. */
	memset(data, 0x5a, SIZEIMAGE);
	munmap(data, lent.length);
	close(lent.fd);
	expect_errno(commit(&lent, 0, 0), ENOENT, "commit after close");
}

Test(lend, closing_the_producer_with_a_buffer_lent_is_clean)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	close(lent.fd);
	test_camera_destroy(&producer);
	cr_expect_neq(consumer_dqbuf(&buf, 1000), 0,
		      "no frame after the camera is gone");
	/* teardown destroys it again: make that a no-op. */
	test_camera_create(&producer, "Lend", V4L2_PIX_FMT_YUYV, WIDTH, HEIGHT,
			   2);
}

Test(lend, userptr_consumers_are_refused_with_eopnotsupp)
{
	struct vcam_ioc_acquire lent;
	struct pollfd pfd = { .fd = producer.control_fd, .events = POLLOUT };

	consumer_start(V4L2_MEMORY_USERPTR, 2);
	expect_errno(acquire(&lent, 0, 0), EOPNOTSUPP, "acquire for USERPTR");
	cr_expect_eq(poll(&pfd, 1, 0), 0, "no POLLOUT for USERPTR");
}

Test(lend, a_read_consumer_gets_the_rendered_frame)
{
	static uint8_t frame[SIZEIMAGE];
	struct vcam_ioc_acquire lent;
	ssize_t got;

	consumer.fd = test_open_capture(&producer);
	set_nonblocking(consumer.fd, true);
	cr_assert_eq(read(consumer.fd, frame, sizeof(frame)), -1,
		     "read starts streaming and finds no frame yet");
	must_acquire(&lent);
	paint_lent(&lent, 42);
	must_commit(&lent);
	set_nonblocking(consumer.fd, false);
	got = read(consumer.fd, frame, sizeof(frame));
	cr_assert_eq(got, SIZEIMAGE, "read: %zd (%s)", got, strerror(errno));
	cr_expect(painted_with(frame, 42));
}

Test(lend, a_lent_buffer_survives_the_consumer_creating_more)
{
	struct v4l2_create_buffers create = {
		.count = 1,
		.memory = V4L2_MEMORY_MMAP,
		.format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
	};
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	close(lent.fd);
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_G_FMT, &create.format), 0);
	cr_assert_eq(ioctl(consumer.fd, VIDIOC_CREATE_BUFS, &create), 0,
		     "VIDIOC_CREATE_BUFS: %s", strerror(errno));
	map_buffer(create.index);
	consumer.count++;
	must_commit(&lent);
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	cr_expect_eq(buf.index, lent.index);

	must_acquire(&lent);
	if (lent.fd >= 0)
		close(lent.fd);
	cr_expect_eq(commit(&lent, 0, VCAM_COMMIT_DISCARD), 0,
		     "discard after CREATE_BUFS: %s", strerror(errno));
}

Test(lend, a_huge_dropped_count_never_turns_the_sequence_back)
{
	struct vcam_ioc_acquire lent;
	struct vcam_ioc_commit req;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	close(lent.fd);
	must_commit(&lent);
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	consumer_qbuf(buf.index);

	must_acquire(&lent);
	close(lent.fd);
	req = (struct vcam_ioc_commit){
		.index = lent.index, .generation = lent.generation,
		.dropped = UINT32_MAX,
	};
	cr_assert_eq(ioctl(producer.control_fd, VCAM_IOC_COMMIT, &req), 0,
		     "commit with drops: %s", strerror(errno));
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	cr_expect_eq(buf.sequence, 1 + 1048576,
		     "sequence %u after 0: at most 2^20 drops count",
		     buf.sequence);
	cr_expect_eq(sysfs_counter("vcam/frames_dropped"), 1048576);
}

/* An ACQUIRE whose result it cannot write, held in that write meanwhile. */
struct stuck_acquire {
	struct vcam_ioc_acquire *req;
	int uffd;
	int error;
};

static void *acquire_into(void *arg)
{
	struct stuck_acquire *stuck = arg;

	stuck->error = ioctl(producer.control_fd, VCAM_IOC_ACQUIRE,
			     stuck->req) ? errno : 0;
	return NULL;
}

/* A page that reads fine and whose first write waits on stuck->uffd. */
static void write_protect(struct stuck_acquire *stuck, size_t page)
{
	struct uffdio_api api = {
		.api = UFFD_API,
		.features = UFFD_FEATURE_PAGEFAULT_FLAG_WP,
	};
	struct uffdio_register reg = {
		.range = { .start = (uintptr_t)stuck->req, .len = page },
		.mode = UFFDIO_REGISTER_MODE_WP,
	};
	struct uffdio_writeprotect protect = {
		.range = reg.range,
		.mode = UFFDIO_WRITEPROTECT_MODE_WP,
	};

	stuck->uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	cr_assert_geq(stuck->uffd, 0, "userfaultfd: %s", strerror(errno));
	cr_assert_eq(ioctl(stuck->uffd, UFFDIO_API, &api), 0,
		     "UFFDIO_API: %s", strerror(errno));
	cr_assert_eq(ioctl(stuck->uffd, UFFDIO_REGISTER, &reg), 0,
		     "UFFDIO_REGISTER: %s", strerror(errno));
	cr_assert_eq(ioctl(stuck->uffd, UFFDIO_WRITEPROTECT, &protect), 0,
		     "UFFDIO_WRITEPROTECT: %s", strerror(errno));
}

Test(lend, a_failed_acquire_gives_back_only_its_own_buffer)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct stuck_acquire stuck;
	struct pollfd pfd = { .events = POLLIN };
	struct vcam_ioc_acquire lent;
	pthread_t thread;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	stuck.req = mmap(NULL, page, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	cr_assert_neq(stuck.req, MAP_FAILED);
	*stuck.req = (struct vcam_ioc_acquire){ .fd = -1 };
	write_protect(&stuck, page);
	pthread_create(&thread, NULL, acquire_into, &stuck);
	pfd.fd = stuck.uffd;
	cr_assert_eq(poll(&pfd, 1, 5000), 1, "ACQUIRE never wrote its result");

	/* The consumer takes the buffer back and queues it again ... */
	consumer_stream(false);
	for (uint32_t i = 0; i < consumer.count; i++)
		consumer_qbuf(i);
	consumer_stream(true);
	/* ... the producer borrows it in another thread ... */
	must_acquire(&lent);
	if (lent.fd >= 0)
		close(lent.fd);
	/* ... and the stuck call then fails to write its result. */
	munmap(stuck.req, page);
	close(stuck.uffd);
	pthread_join(thread, NULL);
	cr_expect_eq(stuck.error, EFAULT, "the stuck ACQUIRE: %s",
		     strerror(stuck.error));
	cr_expect_eq(commit(&lent, 0, 0), 0,
		     "the failed call gave back another's buffer: %s",
		     strerror(errno));
}

Test(lend, a_short_commit_completes_the_buffer_with_the_error_flag)
{
	struct vcam_ioc_acquire lent;
	struct v4l2_buffer buf;

	consumer_start(V4L2_MEMORY_MMAP, 2);
	must_acquire(&lent);
	paint_lent(&lent, 7);
	cr_assert_eq(commit(&lent, SIZEIMAGE - 2, 0), 0,
		     "VCAM_IOC_COMMIT: %s", strerror(errno));
	cr_assert_eq(consumer_dqbuf(&buf, 2000), 0);
	cr_expect_eq(buf.index, lent.index);
	cr_expect(buf.flags & V4L2_BUF_FLAG_ERROR, "no V4L2_BUF_FLAG_ERROR");
	cr_expect_eq(buf.bytesused, 0);
	cr_expect_eq(sysfs_counter("vcam/frames_committed"), 0);
}

/*
 * Writable mappings racing reallocation: one thread maps the consumer's
 * buffers writable while another frees and allocates them with
 * VIDIOC_REQBUFS. Then the consumer streams and writes through every
 * mapping it got after each frame. Whatever mappings survived the race,
 * ACQUIRE reports an age only for a buffer that still holds, untouched,
 * the frame committed that many commits ago.
 */
#define RACE_ROUNDS 40
#define RACE_REALLOCATIONS 8
#define RACE_MAX_MAPPINGS 64
#define SCRIBBLE 0xee

struct mapping_race {
	pthread_barrier_t start;
	_Atomic bool reallocated;
	uint32_t count;		/* buffers the last VIDIOC_REQBUFS gave */
	uint32_t nr_mappings;
	void *mappings[RACE_MAX_MAPPINGS];
	size_t lengths[RACE_MAX_MAPPINGS];
};

static void reallocate(struct mapping_race *race, uint32_t count)
{
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.count = count,
	};

	cr_assert_eq(ioctl(consumer.fd, VIDIOC_REQBUFS, &req), 0,
		     "VIDIOC_REQBUFS %u: %s", count, strerror(errno));
	race->count = req.count;
}

static void *reallocate_repeatedly(void *arg)
{
	struct mapping_race *race = arg;

	pthread_barrier_wait(&race->start);
	for (uint32_t i = 0; i < RACE_REALLOCATIONS; i++) {
		reallocate(race, 0);
		reallocate(race, 2 + i % 3);
	}
	race->reallocated = true;
	return NULL;
}

/* Maps buffer index writable, if it exists; keeps the mapping. */
static void map_writable(struct mapping_race *race, uint32_t index)
{
	struct v4l2_buffer query = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.index = index,
	};
	void *map;

	if (race->nr_mappings == RACE_MAX_MAPPINGS ||
	    ioctl(consumer.fd, VIDIOC_QUERYBUF, &query))
		return;
	map = mmap(NULL, query.length, PROT_READ | PROT_WRITE, MAP_SHARED,
		   consumer.fd, query.m.offset);
	if (map == MAP_FAILED)
		return;
	race->mappings[race->nr_mappings] = map;
	race->lengths[race->nr_mappings++] = query.length;
}

static void *map_repeatedly(void *arg)
{
	struct mapping_race *race = arg;

	pthread_barrier_wait(&race->start);
	for (uint32_t i = 0; !race->reallocated; i++)
		map_writable(race, i % 4);
	return NULL;
}

/* Writes through every writable mapping, stale or not. */
static void scribble(const struct mapping_race *race)
{
	for (uint32_t i = 0; i < race->nr_mappings; i++)
		memset(race->mappings[i], SCRIBBLE, SIZEIMAGE);
}

static void unmap_all(struct mapping_race *race)
{
	for (uint32_t i = 0; i < race->nr_mappings; i++)
		munmap(race->mappings[i], race->lengths[i]);
	race->nr_mappings = 0;
	for (uint32_t i = 0; i < consumer.count; i++) {
		munmap(consumer.maps[i], consumer.lengths[i]);
		consumer.maps[i] = NULL;
	}
	consumer.count = 0;
}

static bool all_bytes(const uint8_t *data, uint8_t value)
{
	for (size_t i = 0; i < SIZEIMAGE; i++) {
		if (data[i] != value)
			return false;
	}
	return true;
}

/*
 * Lends a buffer, checks that an age it reports is true, paints commit
 * number ++*commits into it and delivers it. Return: whether the buffer
 * held the consumer's scribbles, which only a buffer without age may.
 */
static bool lend_checking_age(uint32_t *commits)
{
	struct vcam_ioc_acquire lent;
	bool scribbled;
	uint8_t *data;

	must_acquire(&lent);
	cr_assert_geq(lent.fd, 0);
	data = mmap(NULL, lent.length, PROT_READ | PROT_WRITE, MAP_SHARED,
		    lent.fd, 0);
	cr_assert_neq(data, MAP_FAILED, "mmap of the lent buffer: %s",
		      strerror(errno));
	scribbled = all_bytes(data, SCRIBBLE);
	if (lent.age) {
		cr_assert_leq(lent.age, *commits);
		cr_expect(painted_with(data, (uint8_t)(*commits - lent.age + 1)),
			  "buffer %u was lent with age %u, but %s", lent.index,
			  lent.age, scribbled ? "the consumer wrote it" :
			  "it holds another frame");
	}
	munmap(data, lent.length);
	(*commits)++;
	paint_lent(&lent, (uint8_t)*commits);
	must_commit(&lent);
	return scribbled;
}

/* Streams the buffers the race left, three laps; see lend_checking_age. */
static uint32_t stream_after_the_race(struct mapping_race *race,
				      uint32_t *commits)
{
	uint32_t scribbled = 0;
	struct v4l2_buffer buf;

	consumer.memory = V4L2_MEMORY_MMAP;
	consumer.count = race->count;
	for (uint32_t i = 0; i < consumer.count; i++) {
		map_buffer(i);
		consumer_qbuf(i);
	}
	consumer_stream(true);
	for (uint32_t frame = 0; frame < 3 * consumer.count; frame++) {
		scribbled += lend_checking_age(commits);
		cr_assert_eq(consumer_dqbuf(&buf, 2000), 0, "frame %u", frame);
		scribble(race);
		consumer_qbuf(buf.index);
	}
	consumer_stream(false);
	return scribbled;
}

Test(lend, writable_mappings_racing_reallocation_never_keep_an_age,
     .timeout = 600)
{
	static struct mapping_race race;
	uint32_t commits = 0, scribbled = 0;
	pthread_t mapper, reallocator;

	consumer.fd = test_open_capture(&producer);
	for (uint32_t round = 0; round < RACE_ROUNDS; round++) {
		race.reallocated = false;
		pthread_barrier_init(&race.start, NULL, 2);
		pthread_create(&mapper, NULL, map_repeatedly, &race);
		pthread_create(&reallocator, NULL, reallocate_repeatedly,
			       &race);
		pthread_join(reallocator, NULL);
		pthread_join(mapper, NULL);
		pthread_barrier_destroy(&race.start);
		/* Every other round, surely one mapping of the new buffers. */
		if (round % 2)
			map_writable(&race, round % race.count);
		scribbled += stream_after_the_race(&race, &commits);
		unmap_all(&race);
	}
	cr_log_info("%u of %u lent buffers held what the consumer wrote",
		    scribbled, commits);
	cr_expect_gt(scribbled, 0, "no writable mapping survived the race: "
		     "the test tests nothing");
}
