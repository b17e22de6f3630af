// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cameras come and go: create and destroy in a loop, with and without
 * consumers holding the capture node, streaming or with buffers mapped;
 * consumers whose calls come after, or race with, the producer's close.
 * A use-after-free or double free here shows up as a kernel warning,
 * which fails the VM suite. Runs inside the test VM.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <vcam/dmabuf.h>

#include "camera.h"

#define ROUNDS 50

Test(lifecycle, create_and_destroy_in_a_loop)
{
	for (int i = 0; i < ROUNDS; i++) {
		struct test_camera cam;
		struct stat st;

		test_camera_create(&cam, "Loop", V4L2_PIX_FMT_YUYV, 64, 48, 2);
		cr_assert_eq(stat(cam.path, &st), 0);
		test_camera_destroy(&cam);
		errno = 0;
		cr_assert_eq(stat(cam.path, &st), -1, "%s outlived its camera",
			     cam.path);
	}
}

Test(lifecycle, destroy_while_a_consumer_holds_the_node)
{
	for (int i = 0; i < ROUNDS; i++) {
		struct test_camera cam;
		struct v4l2_capability cap;
		int fd;

		test_camera_create(&cam, "Held", V4L2_PIX_FMT_NV12, 64, 48, 2);
		fd = test_open_capture(&cam);
		test_camera_destroy(&cam);
		errno = 0;
		cr_expect_eq(ioctl(fd, VIDIOC_QUERYCAP, &cap), -1);
		cr_expect_eq(errno, ENODEV);
		close(fd);
	}
}

static void *stream_with_mapped_buffer(int fd, size_t *length)
{
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.count = 2,
	};
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	void *map;

	cr_assert_eq(ioctl(fd, VIDIOC_REQBUFS, &req), 0);
	cr_assert_eq(ioctl(fd, VIDIOC_QUERYBUF, &buf), 0);
	map = mmap(NULL, buf.length, PROT_READ, MAP_SHARED, fd, buf.m.offset);
	cr_assert_neq(map, MAP_FAILED);
	*length = buf.length;
	for (buf.index = 0; buf.index < req.count; buf.index++)
		cr_assert_eq(ioctl(fd, VIDIOC_QBUF, &buf), 0);
	cr_assert_eq(ioctl(fd, VIDIOC_STREAMON, &type), 0);
	return map;
}

Test(lifecycle, destroy_while_streaming_with_buffers_mapped)
{
	for (int i = 0; i < ROUNDS / 5; i++) {
		struct test_camera cam;
		volatile unsigned char *bytes;
		size_t length;
		int fd;

		test_camera_create(&cam, "Mapped", V4L2_PIX_FMT_YUYV, 64, 48,
				   2);
		fd = test_open_capture(&cam);
		bytes = stream_with_mapped_buffer(fd, &length);
		test_camera_destroy(&cam);
		(void)bytes[length - 1];
		munmap((void *)bytes, length);
		close(fd);
	}
}

Test(lifecycle, consumer_closing_first_then_producer)
{
	struct test_camera cam;
	size_t length;
	void *map;
	int fd;

	test_camera_create(&cam, "Order", V4L2_PIX_FMT_RGB24, 64, 48, 2);
	fd = test_open_capture(&cam);
	map = stream_with_mapped_buffer(fd, &length);
	close(fd);
	munmap(map, length);
	test_camera_destroy(&cam);
}

/* A producer whose camera goes away while consumers use its node. */
#define WIDTH 64
#define HEIGHT 48
#define SIZEIMAGE (WIDTH * HEIGHT * 2)
#define NR_SLOTS 2

struct producer {
	struct test_camera cam;
	struct vcam_dmabuf_allocator *allocator;
	struct vcam_dmabuf slots[NR_SLOTS];
};

static void producer_open_memory(struct producer *producer)
{
	char message[256];
	int ret = vcam_dmabuf_allocator_open(&producer->allocator,
					     VCAM_DMABUF_AUTO);

	cr_assert_eq(ret, 0, "%s", vcam_dmabuf_open_error_message(
		     VCAM_DMABUF_AUTO, ret, message, sizeof(message)));
	for (uint32_t i = 0; i < NR_SLOTS; i++) {
		ret = vcam_dmabuf_alloc(producer->allocator, SIZEIMAGE,
					&producer->slots[i]);
		cr_assert_eq(ret, 0, "allocate slot %u: %s", i, strerror(-ret));
	}
}

static void producer_close_memory(struct producer *producer)
{
	for (uint32_t i = 0; i < NR_SLOTS; i++)
		vcam_dmabuf_free(&producer->slots[i]);
	vcam_dmabuf_allocator_close(producer->allocator);
}

static void producer_create(struct producer *producer)
{
	test_camera_create(&producer->cam, "Gone", V4L2_PIX_FMT_YUYV, WIDTH,
			   HEIGHT, NR_SLOTS);
}

static uint8_t pixel(uint8_t seed, size_t i)
{
	return (uint8_t)(seed + i * 7 + i / 251);
}

static bool painted_with(const uint8_t *data, uint8_t seed)
{
	for (size_t i = 0; i < SIZEIMAGE; i++) {
		if (data[i] != pixel(seed, i))
			return false;
	}
	return true;
}

/* Paints slot index with seed and queues it. */
static void producer_queue(struct producer *producer, uint32_t index,
			   uint8_t seed)
{
	struct vcam_dmabuf *slot = &producer->slots[index];
	uint8_t *data = slot->data;
	struct vcam_ioc_queue request = {
		.fd = (uint32_t)slot->fd,
		.index = index,
	};

	vcam_dmabuf_begin_cpu_write(slot);
	for (size_t i = 0; i < SIZEIMAGE; i++)
		data[i] = pixel(seed, i);
	vcam_dmabuf_end_cpu_write(slot);
	cr_assert_eq(ioctl(producer->cam.control_fd, VCAM_IOC_QUEUE, &request),
		     0, "VCAM_IOC_QUEUE %u: %s", index, strerror(errno));
}

static void expect_errno(int ret, int expected, const char *what)
{
	cr_expect_eq(ret, -1, "%s succeeded after the producer closed", what);
	cr_expect_eq(errno, expected, "%s: %s, expected %s", what,
		     strerror(errno), strerror(expected));
}

static int stream_ioctl(int fd, unsigned long request, uint32_t index)
{
	struct v4l2_requestbuffers req = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.count = 2,
	};
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
		.index = index,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (request == VIDIOC_REQBUFS)
		return ioctl(fd, request, &req);
	if (request == VIDIOC_STREAMON || request == VIDIOC_STREAMOFF)
		return ioctl(fd, request, &type);
	return ioctl(fd, request, &buf);
}

/* Every call of a consumer but close() fails as on an unplugged camera. */
static void expect_camera_gone(int fd)
{
	static uint8_t frame[SIZEIMAGE];
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLPRI };

	errno = 0;
	expect_errno((int)read(fd, frame, sizeof(frame)), ENODEV, "read()");
	cr_expect_eq(poll(&pfd, 1, 1000), 1, "poll() does not report");
	cr_expect(pfd.revents & POLLERR, "poll(): revents %#x, no POLLERR",
		  pfd.revents);
	cr_expect_eq(pfd.revents & POLLIN, 0, "poll() says a frame waits");
	expect_errno(stream_ioctl(fd, VIDIOC_REQBUFS, 0), ENODEV,
		     "VIDIOC_REQBUFS");
	expect_errno(stream_ioctl(fd, VIDIOC_QBUF, 0), ENODEV, "VIDIOC_QBUF");
	expect_errno(stream_ioctl(fd, VIDIOC_STREAMON, 0), ENODEV,
		     "VIDIOC_STREAMON");
	expect_errno(stream_ioctl(fd, VIDIOC_DQBUF, 0), ENODEV, "VIDIOC_DQBUF");
}

Test(lifecycle, a_consumer_that_starts_after_the_producer_closed_gets_enodev)
{
	struct producer producer;
	int fd;

	producer_open_memory(&producer);
	producer_create(&producer);
	fd = test_open_capture(&producer.cam);
	/* A frame waits for a consumer that will never get it. */
	producer_queue(&producer, 0, 1);
	test_camera_destroy(&producer.cam);
	expect_camera_gone(fd);
	close(fd);
	producer_close_memory(&producer);
}

Test(lifecycle, a_reading_consumer_gets_no_frame_after_the_producer_closed)
{
	static uint8_t frame[SIZEIMAGE];
	struct producer producer;
	ssize_t got;
	int fd;

	producer_open_memory(&producer);
	producer_create(&producer);
	fd = test_open_capture(&producer.cam);
	producer_queue(&producer, 0, 1);
	got = read(fd, frame, sizeof(frame));
	cr_assert_eq(got, SIZEIMAGE, "read: %zd (%s)", got, strerror(errno));
	cr_expect(painted_with(frame, 1));
	/* Delivered into read()'s next buffer, then the camera goes. */
	producer_queue(&producer, 1, 2);
	test_camera_destroy(&producer.cam);
	expect_camera_gone(fd);
	close(fd);
	producer_close_memory(&producer);
}

Test(lifecycle, an_mmap_consumer_gets_no_frame_after_the_producer_closed)
{
	struct producer producer;
	size_t length;
	void *map;
	int fd;

	producer_open_memory(&producer);
	producer_create(&producer);
	fd = test_open_capture(&producer.cam);
	map = stream_with_mapped_buffer(fd, &length);
	producer_queue(&producer, 0, 1);
	test_camera_destroy(&producer.cam);
	expect_errno(stream_ioctl(fd, VIDIOC_DQBUF, 0), ENODEV, "VIDIOC_DQBUF");
	expect_errno(stream_ioctl(fd, VIDIOC_QBUF, 0), ENODEV, "VIDIOC_QBUF");
	expect_errno(stream_ioctl(fd, VIDIOC_STREAMOFF, 0), ENODEV,
		     "VIDIOC_STREAMOFF");
	munmap(map, length);
	close(fd);
	producer_close_memory(&producer);
}

/* A consumer call that is under way when the producer closes. */
struct waiting_call {
	int fd;
	bool poll;
	_Atomic pid_t tid;
	ssize_t result;
	short revents;
	int error;
};

static void *wait_for_a_frame(void *arg)
{
	static uint8_t frame[SIZEIMAGE];
	struct waiting_call *call = arg;
	struct pollfd pfd = { .fd = call->fd, .events = POLLIN };

	call->tid = gettid();
	errno = 0;
	if (call->poll) {
		call->result = poll(&pfd, 1, 10000);
		call->revents = pfd.revents;
	} else {
		call->result = read(call->fd, frame, sizeof(frame));
	}
	call->error = errno;
	return NULL;
}

static bool thread_sleeps(pid_t tid)
{
	char path[64], line[256];
	bool sleeping = false;
	FILE *file;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	file = fopen(path, "re");
	if (!file)
		return false;
	while (fgets(line, sizeof(line), file)) {
		if (!strncmp(line, "State:", 6)) {
			sleeping = strstr(line, "S (sleeping)");
			break;
		}
	}
	fclose(file);
	return sleeping;
}

/* Starts call in a thread and waits until it sleeps in the kernel. */
static void start_waiting_call(struct waiting_call *call, pthread_t *thread)
{
	int tries = 0;

	call->tid = 0;
	pthread_create(thread, NULL, wait_for_a_frame, call);
	while (!(call->tid && thread_sleeps(call->tid)) && tries++ < 500)
		usleep(10000);
	cr_assert_lt(tries, 500, "the consumer's call never waited");
}

Test(lifecycle, a_waiting_read_wakes_with_eio_when_the_producer_closes)
{
	struct waiting_call call = { .poll = false };
	struct producer producer;
	pthread_t thread;

	producer_open_memory(&producer);
	producer_create(&producer);
	call.fd = test_open_capture(&producer.cam);
	start_waiting_call(&call, &thread);
	test_camera_destroy(&producer.cam);
	pthread_join(thread, NULL);
	cr_expect_eq(call.result, -1, "read() returned %zd", call.result);
	cr_expect_eq(call.error, EIO, "read(): %s, expected EIO as from an "
		     "unplugged camera", strerror(call.error));
	expect_camera_gone(call.fd);
	close(call.fd);
	producer_close_memory(&producer);
}

Test(lifecycle, a_waiting_poll_wakes_with_pollerr_when_the_producer_closes)
{
	struct waiting_call call = { .poll = true };
	struct producer producer;
	pthread_t thread;

	producer_open_memory(&producer);
	producer_create(&producer);
	call.fd = test_open_capture(&producer.cam);
	start_waiting_call(&call, &thread);
	test_camera_destroy(&producer.cam);
	pthread_join(thread, NULL);
	cr_expect_eq(call.result, 1, "poll() returned %zd (%s)", call.result,
		     strerror(call.error));
	cr_expect(call.revents & POLLERR, "poll(): revents %#x, no POLLERR",
		  call.revents);
	cr_expect_eq(call.revents & POLLIN, 0);
	expect_camera_gone(call.fd);
	close(call.fd);
	producer_close_memory(&producer);
}

/*
 * The race: a consumer starts read(), poll() or MMAP streaming on a new
 * camera while its producer queues a frame and closes, at moments that
 * vary from round to round. Whatever the order, the consumer gets a whole
 * frame the producer sent or ENODEV/EIO, never a hang, and never a frame
 * once close() returned; closing both ends leaves no work behind (a kernel
 * warning fails the VM suite).
 */
#define RACE_DELAY_STEPS 22
/* Every call against every order (12 cases) at every pause. */
#define RACE_ROUNDS (12 * RACE_DELAY_STEPS)

enum race_call { RACE_READ, RACE_POLL, RACE_STREAM, RACE_CALLS };

struct racer {
	int fd;
	enum race_call call;
	pthread_barrier_t *start;
	const char *failed;	/* the call that failed, if one did */
	int error;
	bool got_frame;
	uint8_t frame[SIZEIMAGE];
};

static bool racer_failed(struct racer *racer, int ret, const char *what)
{
	if (ret >= 0)
		return false;
	racer->failed = what;
	racer->error = errno;
	return true;
}

static void racer_read(struct racer *racer)
{
	ssize_t got = read(racer->fd, racer->frame, sizeof(racer->frame));

	if (racer_failed(racer, (int)got, "read()"))
		return;
	racer->got_frame = got == SIZEIMAGE;
	if (!racer->got_frame) {
		racer->failed = "read() returned a short frame";
		racer->error = 0;
	}
}

static void racer_poll(struct racer *racer)
{
	struct pollfd pfd = { .fd = racer->fd, .events = POLLIN };
	int ret = poll(&pfd, 1, 10000);

	if (racer_failed(racer, ret, "poll()"))
		return;
	if (ret == 0) {
		racer->failed = "poll() timed out";
		racer->error = ETIMEDOUT;
	} else if (pfd.revents & POLLIN) {
		racer_read(racer);
	} else {
		/* POLLERR: the camera is unplugged, as EIO says for calls. */
		racer->failed = "poll()";
		racer->error = EIO;
	}
}

static void racer_stream(struct racer *racer)
{
	struct v4l2_buffer buf = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};

	if (racer_failed(racer, stream_ioctl(racer->fd, VIDIOC_REQBUFS, 0),
			 "VIDIOC_REQBUFS") ||
	    racer_failed(racer, stream_ioctl(racer->fd, VIDIOC_QBUF, 0),
			 "VIDIOC_QBUF 0") ||
	    racer_failed(racer, stream_ioctl(racer->fd, VIDIOC_QBUF, 1),
			 "VIDIOC_QBUF 1") ||
	    racer_failed(racer, stream_ioctl(racer->fd, VIDIOC_STREAMON, 0),
			 "VIDIOC_STREAMON") ||
	    racer_failed(racer, ioctl(racer->fd, VIDIOC_DQBUF, &buf),
			 "VIDIOC_DQBUF"))
		return;
	racer->got_frame = buf.bytesused == SIZEIMAGE &&
			   !(buf.flags & V4L2_BUF_FLAG_ERROR);
	if (!racer->got_frame) {
		racer->failed = "VIDIOC_DQBUF returned a broken frame";
		racer->error = 0;
	}
}

static void *race_consumer(void *arg)
{
	struct racer *racer = arg;

	pthread_barrier_wait(racer->start);
	if (racer->call == RACE_READ)
		racer_read(racer);
	else if (racer->call == RACE_POLL)
		racer_poll(racer);
	else
		racer_stream(racer);
	return NULL;
}

static void spin_for(long ns)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000000000L +
		 (now.tv_nsec - start.tv_nsec) < ns);
}

/* Pauses from 10 us to 14 ms, each about 1.4 times the one before. */
static long race_delay_ns(unsigned int step)
{
	long delay = 10000L << (step / 2);

	return step % 2 ? delay * 1414 / 1000 : delay;
}

/* Queues a frame and closes, in an order and with a pause round picks. */
static void race_producer(struct producer *producer, unsigned int round,
			  pthread_barrier_t *start)
{
	long delay = race_delay_ns(round / 12 % RACE_DELAY_STEPS);
	uint8_t seed = (uint8_t)round;

	if (round % 4 == 0)
		producer_queue(producer, 0, seed);
	pthread_barrier_wait(start);
	if (round % 4 == 2)
		spin_for(delay);
	if (round % 4 != 0)
		producer_queue(producer, 0, seed);
	if (round % 4 == 3)
		spin_for(delay);
	test_camera_destroy(&producer->cam);
}

static void check_race_round(struct racer *racer, unsigned int round)
{
	static const char *const calls[] = { "read", "poll", "stream" };
	uint8_t byte;

	if (racer->got_frame && racer->call != RACE_STREAM)
		cr_expect(painted_with(racer->frame, (uint8_t)round),
			  "round %u (%s): the frame is not the one sent",
			  round, calls[racer->call]);
	if (racer->failed)
		cr_expect(racer->error == ENODEV || racer->error == EIO,
			  "round %u (%s): %s: %s, expected ENODEV or EIO",
			  round, calls[racer->call], racer->failed,
			  strerror(racer->error));
	errno = 0;
	cr_expect_eq(read(racer->fd, &byte, 1), -1,
		     "round %u (%s): read() after close() got data", round,
		     calls[racer->call]);
	cr_expect_eq(errno, ENODEV, "round %u (%s): read() after close(): %s",
		     round, calls[racer->call], strerror(errno));
}

Test(lifecycle, consumers_racing_the_producers_close_get_a_frame_or_an_error,
     .timeout = 600)
{
	static struct racer racer;
	struct producer producer;
	pthread_barrier_t start;
	unsigned int frames = 0;
	pthread_t thread;

	producer_open_memory(&producer);
	pthread_barrier_init(&start, NULL, 2);
	for (unsigned int round = 0; round < RACE_ROUNDS; round++) {
		producer_create(&producer);
		racer = (struct racer){
			.fd = test_open_capture(&producer.cam),
			.call = (enum race_call)(round % RACE_CALLS),
			.start = &start,
		};
		pthread_create(&thread, NULL, race_consumer, &racer);
		race_producer(&producer, round, &start);
		pthread_join(thread, NULL);
		check_race_round(&racer, round);
		frames += racer.got_frame;
		close(racer.fd);
	}
	pthread_barrier_destroy(&start);
	producer_close_memory(&producer);
	cr_log_info("%u of %u racing consumers got a frame", frames,
		    RACE_ROUNDS);
}
