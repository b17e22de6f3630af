// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the MJPEG file reader, over the input as a file (a
 * memfd). Every image it returns lies inside the file and starts with SOI
 * and ends with EOI; two passes (with a rewind) return the same images.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <vcam/mjpeg.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int write_memfd(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz-mjpeg", MFD_CLOEXEC);
	size_t done = 0;

	if (fd < 0)
		abort();
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0)
			abort();
		done += (size_t)n;
	}
	return fd;
}

static void check_image(const struct vcam_jpeg_image *image, size_t file_size)
{
	const uint8_t *d = image->data;

	if (image->size < 4 || image->offset + image->size > file_size)
		abort();
	if (d[0] != 0xff || d[1] != 0xd8 ||
	    d[image->size - 2] != 0xff || d[image->size - 1] != 0xd9)
		abort();
}

/* Reads the whole file; returns the number of images. */
static uint64_t one_pass(struct vcam_mjpeg_reader *reader, size_t file_size)
{
	struct vcam_jpeg_image image;
	uint64_t count = 0;
	int ret;

	while ((ret = vcam_mjpeg_next(reader, &image)) == 0) {
		check_image(&image, file_size);
		count++;
	}
	if (ret != -ENOMSG && ret != -ENODATA)
		abort();
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vcam_mjpeg_reader *reader;
	char path[64];
	int fd = write_memfd(data, size);
	uint64_t first;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (vcam_mjpeg_open(path, &reader) == 0) {
		if (vcam_mjpeg_file_size(reader) != size)
			abort();
		first = one_pass(reader, size);
		vcam_mjpeg_rewind(reader);
		if (one_pass(reader, size) != first)
			abort();
		vcam_mjpeg_close(reader);
	}
	close(fd);
	return 0;
}
