// SPDX-License-Identifier: GPL-2.0-only
/*
 * No consumer can make the producer wait: while a consumer's read() is
 * stuck for 10 s copying a frame into memory that userfaultfd holds back,
 * every producer call returns at once, sysfs answers, and closing the
 * producer removes the capture node with the consumer still stuck. Runs
 * inside the test VM.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/videodev2.h>
#include <criterion/criterion.h>
#include <vcam/dmabuf.h>

#include "camera.h"
#include "stall.h"

#define WIDTH 64
#define HEIGHT 48
#define SIZEIMAGE (WIDTH * HEIGHT * 2)
#define NR_FRAMES 2
#define STALL_MS 10000
/* "At once" with room for a loaded, emulated machine: a tenth of the stall. */
#define AT_ONCE_NS 1000000000ull

static struct test_camera producer;
static struct vcam_dmabuf_allocator *allocator;
static struct vcam_dmabuf frames[NR_FRAMES];

static void setup(void)
{
	char message[256];
	int ret = vcam_dmabuf_allocator_open(&allocator, VCAM_DMABUF_AUTO);

	cr_assert_eq(ret, 0, "%s", vcam_dmabuf_open_error_message(
		     VCAM_DMABUF_AUTO, ret, message, sizeof(message)));
	test_camera_create(&producer, "Stall", V4L2_PIX_FMT_YUYV, WIDTH,
			   HEIGHT, NR_FRAMES);
	for (uint32_t i = 0; i < NR_FRAMES; i++)
		cr_assert_eq(vcam_dmabuf_alloc(allocator, SIZEIMAGE,
					       &frames[i]), 0);
}

static void teardown(void)
{
	for (uint32_t i = 0; i < NR_FRAMES; i++)
		vcam_dmabuf_free(&frames[i]);
	if (producer.control_fd >= 0)
		test_camera_destroy(&producer);
	vcam_dmabuf_allocator_close(allocator);
}

TestSuite(stall, .init = setup, .fini = teardown, .timeout = 60);

static uint64_t started;

static void start_clock(void)
{
	started = test_monotonic_ns();
}

/* Fails the test unless the call since start_clock() returned at once. */
static void at_once(const char *what)
{
	uint64_t took = test_monotonic_ns() - started;

	cr_expect_lt(took, AT_ONCE_NS, "%s took %llu ms behind a stuck consumer",
		     what, (unsigned long long)(took / 1000000));
}

static int producer_ioctl(unsigned long request, void *arg, const char *what)
{
	int ret;

	start_clock();
	ret = ioctl(producer.control_fd, request, arg);
	at_once(what);
	return ret;
}

static int queue_frame(uint32_t index)
{
	struct vcam_ioc_queue request = {
		.fd = (uint32_t)frames[index].fd,
		.index = index,
	};

	return producer_ioctl(VCAM_IOC_QUEUE, &request, "VCAM_IOC_QUEUE");
}

static void lend_and_commit(void)
{
	struct vcam_ioc_acquire acquire = { .fd = -1 };
	struct vcam_ioc_commit commit = { 0 };

	cr_expect_eq(producer_ioctl(VCAM_IOC_ACQUIRE, &acquire,
				    "VCAM_IOC_ACQUIRE"), 0,
		     "VCAM_IOC_ACQUIRE of read()'s second buffer: %s",
		     strerror(errno));
	commit.index = acquire.index;
	commit.generation = acquire.generation;
	cr_expect_eq(producer_ioctl(VCAM_IOC_COMMIT, &commit,
				    "VCAM_IOC_COMMIT"), 0,
		     "VCAM_IOC_COMMIT: %s", strerror(errno));
	if (acquire.fd >= 0)
		close(acquire.fd);
}

static void status_and_interval(void)
{
	struct vcam_ioc_wait wait = { .mask = VCAM_STATUS_STREAMING };
	struct vcam_ioc_interval interval = { 1, 25 };
	__u64 status = 0;

	cr_expect_eq(producer_ioctl(VCAM_IOC_STATUS, &status,
				    "VCAM_IOC_STATUS"), 0);
	cr_expect_eq(status, VCAM_STATUS_STREAMING);
	cr_expect_eq(producer_ioctl(VCAM_IOC_WAIT, &wait, "VCAM_IOC_WAIT"),
		     0);
	cr_expect_eq(producer_ioctl(VCAM_IOC_S_INTERVAL, &interval,
				    "VCAM_IOC_S_INTERVAL"), 0);
	cr_expect_eq(producer_ioctl(VCAM_IOC_G_INTERVAL, &interval,
				    "VCAM_IOC_G_INTERVAL"), 0);
}

static void poll_and_sysfs(void)
{
	struct pollfd pfd = {
		.fd = producer.control_fd,
		.events = POLLIN | POLLPRI | POLLOUT,
	};
	char value[32];

	start_clock();
	cr_expect_eq(poll(&pfd, 1, 0), 1);
	at_once("poll()");
	cr_expect(pfd.revents & POLLIN, "the copied frame's slot is done");

	start_clock();
	test_read_sysfs(&producer, "vcam/frames_delivered", value,
			sizeof(value));
	at_once("reading vcam/frames_delivered");
	cr_expect_str_eq(value, "2", "the copied frame and the committed one");
	start_clock();
	test_read_sysfs(&producer, "vcam/interval", value, sizeof(value));
	at_once("reading vcam/interval");
}

static bool node_exists(unsigned int node)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/class/video4linux/video%u", node);
	return access(path, F_OK) == 0;
}

Test(stall, producer_never_waits_for_a_consumer_stuck_in_read)
{
	struct vcam_ioc_dequeue dequeued;
	struct stall stall;
	int consumer = test_open_capture(&producer);
	int ret;

	fcntl(producer.control_fd, F_SETFL, O_NONBLOCK);
	cr_assert_eq(queue_frame(0), 0, "VCAM_IOC_QUEUE: %s", strerror(errno));
	ret = stall_read_start(&stall, consumer, SIZEIMAGE);
	cr_assert_eq(ret, 0, "userfaultfd read: %s", strerror(-ret));
	ret = stall_wait_stuck(&stall, 10000);
	cr_assert_eq(ret, 0, "read() never touched its buffer: %s",
		     strerror(-ret));
	/* Unblocks a producer that waits for the consumer: a failure. */
	cr_assert_eq(stall_release_after(&stall, STALL_MS), 0);

	lend_and_commit();
	cr_expect_eq(queue_frame(1), 0, "VCAM_IOC_QUEUE: %s", strerror(errno));
	poll_and_sysfs();
	cr_expect_eq(producer_ioctl(VCAM_IOC_DEQUEUE, &dequeued,
				    "VCAM_IOC_DEQUEUE"), 0,
		     "VCAM_IOC_DEQUEUE of the copied frame: %s",
		     strerror(errno));
	cr_expect_eq(dequeued.index, 0);
	status_and_interval();

	start_clock();
	test_camera_destroy(&producer);
	at_once("closing the producer");
	cr_expect_not(node_exists(producer.node),
		      "video%u outlived its producer", producer.node);
	cr_expect_not(stall_returned(&stall),
		      "the consumer was not stuck throughout");

	stall_join(&stall);
	/* The copy completes; requeueing the buffer then fails. */
	cr_expect(stall.result == SIZEIMAGE || stall.error == EIO,
		  "the stuck read() got %zd (%s)", stall.result,
		  strerror(stall.error));
	close(consumer);
}
