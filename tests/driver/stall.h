/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A consumer whose read() stalls while the kernel copies a frame to it: the
 * destination is memory registered with userfaultfd, and the page fault the
 * copy takes is answered only when stall_release() is called.
 */
#ifndef VCAM_TEST_STALL_H
#define VCAM_TEST_STALL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct stall {
	int uffd;
	int fd;
	void *area;
	size_t size;
	pthread_t thread;
	pthread_t releaser;
	unsigned int release_after_ms;
	ssize_t result;
	int error;
	atomic_bool returned;
};

/* Starts a thread that read()s size bytes of fd. Return: 0 or -errno. */
int stall_read_start(struct stall *stall, int fd, size_t size);

/* Waits until the read() is stuck in the copy. Return: 0 or -errno. */
int stall_wait_stuck(struct stall *stall, int timeout_ms);

/* Whether the read() returned. */
bool stall_returned(struct stall *stall);

/* Answers the fault after ms milliseconds, from another thread. */
int stall_release_after(struct stall *stall, unsigned int ms);

/* Waits for the read() to return, after stall_release_after(). */
void stall_join(struct stall *stall);

#endif
