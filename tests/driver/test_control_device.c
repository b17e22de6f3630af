// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/vcam before any camera exists. Runs inside the test VM.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/vcam.h>
#include <criterion/criterion.h>

#include "camera.h"

static int open_control_device(void)
{
	int fd = open("/dev/vcam", O_RDWR | O_CLOEXEC);

	cr_assert_geq(fd, 0, "open /dev/vcam: %s", strerror(errno));
	return fd;
}

Test(control_device, is_a_character_device)
{
	struct stat st;

	cr_assert_eq(stat("/dev/vcam", &st), 0, "stat: %s", strerror(errno));
	cr_expect(S_ISCHR(st.st_mode));
}

Test(control_device, can_be_opened_many_times_at_once)
{
	int fds[8];

	for (size_t i = 0; i < 8; i++)
		fds[i] = open_control_device();
	for (size_t i = 0; i < 8; i++)
		close(fds[i]);
}

static void expect_enotty(int fd, unsigned long request, void *arg,
			  const char *name)
{
	errno = 0;
	cr_expect_eq(ioctl(fd, request, arg), -1, "%s succeeded before create",
		     name);
	cr_expect_eq(errno, ENOTTY, "%s before create: %s, expected ENOTTY",
		     name, strerror(errno));
}

Test(control_device, rejects_camera_ioctls_before_create_with_enotty)
{
	int fd = open_control_device();
	struct vcam_ioc_queue queue = { 0 };
	struct vcam_ioc_dequeue dequeue = { 0 };
	struct vcam_ioc_wait wait = { .mask = VCAM_STATUS_STREAMING };
	__u64 status = 0;

	expect_enotty(fd, VCAM_IOC_QUEUE, &queue, "VCAM_IOC_QUEUE");
	expect_enotty(fd, VCAM_IOC_DEQUEUE, &dequeue, "VCAM_IOC_DEQUEUE");
	expect_enotty(fd, VCAM_IOC_STATUS, &status, "VCAM_IOC_STATUS");
	expect_enotty(fd, VCAM_IOC_WAIT, &wait, "VCAM_IOC_WAIT");
	close(fd);
}

Test(control_device, rejects_unknown_ioctls_with_enotty)
{
	int fd = open_control_device();
	int arg = 0;

	expect_enotty(fd, _IOR('v', 0x7f, int), &arg, "ioctl 'v' 0x7f");
	expect_enotty(fd, _IO('x', 0x00), NULL, "ioctl 'x' 0x00");
	close(fd);
}

struct poller {
	int fd;
	int ret;
	short revents;
};

static void *poll_for_events(void *arg)
{
	struct poller *poller = arg;
	struct pollfd pfd = {
		.fd = poller->fd,
		.events = POLLIN | POLLPRI | POLLOUT,
	};

	poller->ret = poll(&pfd, 1, 5000);
	poller->revents = pfd.revents;
	return NULL;
}

Test(control_device, poll_before_create_waits_for_the_camera)
{
	struct poller poller = { .fd = open_control_device() };
	struct pollfd pfd = { .fd = poller.fd, .events = POLLIN | POLLPRI };
	struct test_camera cam;
	struct vcam_ioc_create request = test_create_request(&cam, "Polled");
	pthread_t thread;
	__u64 status;

	cr_expect_eq(poll(&pfd, 1, 0), 0, "poll() before CREATE reports %#x",
		     (unsigned int)pfd.revents);
	pthread_create(&thread, NULL, poll_for_events, &poller);
	usleep(200000);
	cr_assert_eq(ioctl(poller.fd, VCAM_IOC_CREATE, &request), 0,
		     "VCAM_IOC_CREATE: %s", strerror(errno));
	pthread_join(thread, NULL);
	cr_expect_eq(poller.ret, 1, "poll() did not wake when the camera "
		     "appeared");
	cr_expect_eq(poller.revents, POLLPRI, "revents %#x",
		     (unsigned int)poller.revents);
	cr_assert_eq(ioctl(poller.fd, VCAM_IOC_STATUS, &status), 0);
	cr_expect_eq(poll(&pfd, 1, 0), 0, "EPOLLPRI stays after STATUS");
	close(poller.fd);
}
