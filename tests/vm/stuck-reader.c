// SPDX-License-Identifier: GPL-2.0-only
/*
 * A consumer stuck in read(): reads a frame of DEVICE into memory whose
 * page fault userfaultfd answers only after SECONDS, prints "stuck" once
 * the kernel's copy waits on it, and exits when the read() returned.
 * Usage: vcam-stuck-reader DEVICE SIZE SECONDS
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../driver/stall.h"

static int usage(void)
{
	fputs("Usage: vcam-stuck-reader DEVICE SIZE SECONDS\n", stderr);
	return 2;
}

static int parse_positive(const char *text, unsigned long max,
			  unsigned long *value)
{
	char *end;

	errno = 0;
	*value = strtoul(text, &end, 10);
	return errno || end == text || *end || !*value || *value > max ?
	       -EINVAL : 0;
}

int main(int argc, char **argv)
{
	unsigned long size, seconds;
	struct stall stall;
	int fd, ret;

	if (argc != 4 || parse_positive(argv[2], 1UL << 30, &size) ||
	    parse_positive(argv[3], 3600, &seconds))
		return usage();
	fd = open(argv[1], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "vcam-stuck-reader: cannot open %s: %s\n",
			argv[1], strerror(errno));
		return 1;
	}
	ret = stall_read_start(&stall, fd, size);
	if (!ret)
		ret = stall_wait_stuck(&stall, 30000);
	if (ret) {
		fprintf(stderr, "vcam-stuck-reader: read() of %s did not "
			"stall: %s\n", argv[1], strerror(-ret));
		return 1;
	}
	printf("stuck\n");
	fflush(stdout);
	ret = stall_release_after(&stall, (unsigned int)seconds * 1000u);
	if (ret) {
		fprintf(stderr, "vcam-stuck-reader: %s\n", strerror(-ret));
		return 1;
	}
	stall_join(&stall);
	close(fd);
	return 0;
}
