// SPDX-License-Identifier: GPL-2.0-only
#include "stall.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/userfaultfd.h>

static void *read_thread(void *arg)
{
	struct stall *stall = arg;

	stall->result = read(stall->fd, stall->area, stall->size);
	stall->error = stall->result < 0 ? errno : 0;
	atomic_store(&stall->returned, true);
	return NULL;
}

static int register_area(struct stall *stall)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = {
		.range = {
			.start = (uintptr_t)stall->area,
			.len = stall->size,
		},
		.mode = UFFDIO_REGISTER_MODE_MISSING,
	};

	if (ioctl(stall->uffd, UFFDIO_API, &api) ||
	    ioctl(stall->uffd, UFFDIO_REGISTER, &reg))
		return -errno;
	return 0;
}

int stall_read_start(struct stall *stall, int fd, size_t size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int ret;

	stall->fd = fd;
	stall->size = (size + page - 1) / page * page;
	atomic_store(&stall->returned, false);
	stall->uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (stall->uffd < 0)
		return -errno;
	stall->area = mmap(NULL, stall->size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (stall->area == MAP_FAILED) {
		ret = -errno;
		close(stall->uffd);
		return ret;
	}
	ret = register_area(stall);
	if (!ret)
		ret = -pthread_create(&stall->thread, NULL, read_thread, stall);
	if (ret) {
		munmap(stall->area, stall->size);
		close(stall->uffd);
	}
	return ret;
}

int stall_wait_stuck(struct stall *stall, int timeout_ms)
{
	struct pollfd pfd = { .fd = stall->uffd, .events = POLLIN };
	struct uffd_msg msg;
	int ret = poll(&pfd, 1, timeout_ms);

	if (ret < 0)
		return -errno;
	if (ret == 0)
		return -ETIMEDOUT;
	if (read(stall->uffd, &msg, sizeof(msg)) != sizeof(msg))
		return -EIO;
	return msg.event == UFFD_EVENT_PAGEFAULT ? 0 : -EPROTO;
}

bool stall_returned(struct stall *stall)
{
	return atomic_load(&stall->returned);
}

static void *release_thread(void *arg)
{
	struct stall *stall = arg;
	struct uffdio_zeropage zero = {
		.range = {
			.start = (uintptr_t)stall->area,
			.len = stall->size,
		},
	};

	usleep(stall->release_after_ms * 1000u);
	ioctl(stall->uffd, UFFDIO_ZEROPAGE, &zero);
	/* Any later fault of the area is then served as for plain memory. */
	close(stall->uffd);
	return NULL;
}

int stall_release_after(struct stall *stall, unsigned int ms)
{
	stall->release_after_ms = ms;
	return -pthread_create(&stall->releaser, NULL, release_thread, stall);
}

void stall_join(struct stall *stall)
{
	pthread_join(stall->releaser, NULL);
	pthread_join(stall->thread, NULL);
	munmap(stall->area, stall->size);
}
